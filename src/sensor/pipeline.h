// SPDX-License-Identifier: Apache-2.0
//
// Pipeline: the sensor's packet path for one capture thread: source →
// decoder (with IP reassembly) → flow table → event output. Detection
// (rules, intel) plugs in between flows and output as it lands. Returns the
// run's counters. Not thread-safe: one pipeline per capture thread.
#pragma once

#include "packet/capture.h"
#include "packet/decoder.h"
#include "packet/flow.h"
#include "sensor/eve.h"

namespace sw::sensor {

struct PipelineOptions {
  packet::DecoderOptions decoder;
  packet::FlowOptions flows;
  bool flow_events = true;  // an EVE "flow" event when each flow ends
  bool app_layer = true;    // TCP reassembly and HTTP/DNS/TLS/SSH parsing
};

struct RunStats {
  packet::app::AppStats app;
  packet::CaptureStats capture;
  packet::DecodeStats decode;
  packet::DefragStats defrag;
  packet::FlowStats flows;
  packet::PacketTime last_packet{};
};

class Pipeline {
 public:
  // `eve` may be null (count only).
  Pipeline(PipelineOptions options, EveWriter* eve);
  // Reads `source` to its end; flushes flows at the end.
  RunStats Run(packet::PacketSource& source);

 private:
  const PipelineOptions options_;
  EveWriter* eve_;
};

}  // namespace sw::sensor
