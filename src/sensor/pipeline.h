// SPDX-License-Identifier: Apache-2.0
//
// Pipeline: the sensor's packet path for one capture thread: source →
// decoder (with IP reassembly) → flow table → TCP reassembly and
// application parsers → detection (rules) → EVE events. Returns the run's
// counters. Not thread-safe: one pipeline per capture thread; the detection
// engine it is given is shared and read-only.
#pragma once

#include "detect/engine.h"
#include "intel/matcher.h"
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
  // Threat intelligence checked on every flow's addresses, DNS queries,
  // HTTP hosts and URLs, TLS SNI and JA3; null: none. Read anew for each
  // check, so a newer snapshot takes effect at once.
  const intel::IntelHolder* intel = nullptr;
};

struct RunStats {
  packet::app::AppStats app;
  packet::CaptureStats capture;
  packet::DecodeStats decode;
  packet::DefragStats defrag;
  packet::FlowStats flows;
  uint64_t alerts = 0;
  uint64_t intel_matches = 0;  // of the alerts, threat-intelligence matches
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
  // Kept across inputs: its Hyperscan scratch is costly to allocate, and
  // thresholds span files of one capture session.
  std::unique_ptr<detect::DetectThread> detect_;
};

}  // namespace sw::sensor
