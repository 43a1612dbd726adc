// SPDX-License-Identifier: Apache-2.0
//
// Pipeline: the sensor's packet path for one capture thread: source →
// decoder (with IP reassembly) → flow table → TCP reassembly and
// application parsers → detection (rules) → EVE events. Returns the run's
// counters. Not thread-safe: one pipeline per capture thread; the detection
// engine it is given is shared and read-only.
#pragma once

#include "detect/engine.h"
#include "packet/app/session.h"
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
  bool app_events = true;   // EVE http/dns/tls/ssh events
  const detect::DetectEngine* engine = nullptr;  // rules; null: no detection
};

struct RunStats {
  packet::app::AppStats app;
  packet::CaptureStats capture;
  packet::DecodeStats decode;
  packet::DefragStats defrag;
  packet::FlowStats flows;
  uint64_t alerts = 0;
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
