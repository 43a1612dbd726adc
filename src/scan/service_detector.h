// SPDX-License-Identifier: Apache-2.0
//
// ServiceDetector: service and version detection on open TCP ports, driven
// by Nmap's probe database (service_probes.h). For each port: connect and
// listen (the NULL probe: many services speak first), then send the probes
// whose rarity is within the intensity, those registered for the port first,
// matching every response as it arrives against the probe's rules and its
// fallbacks. A hard match ends the port; a soft match names the service and
// keeps looking for the version among that service's rules only.
// Responses are bounded in bytes and time, so a tarpit or a 10 MB banner
// cannot stall a scan or grow memory. Hosts are admitted through the
// ScanScope again (run-time check). A port that answers as a TLS server
// ("ssl") is probed again through TLS, `sslports` probes first, and named
// like Nmap does: "ssl/http" with the product found inside.
//
// Not thread-safe: Detect() runs its own event loop on the calling thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "model/observation.h"
#include "scan/scan_control.h"
#include "scan/scope.h"
#include "scan/service_probes.h"
#include "scan/target_spec.h"

namespace sw::scan {

struct DetectionOptions {
  int intensity = 7;                                  // probes with rarity <= this (0-9)
  std::chrono::milliseconds null_wait{2000};          // for a banner before probing
  std::chrono::milliseconds max_probe_wait{5000};     // caps a probe's totalwaitms
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds max_per_port{60000};      // all probes of one port
  size_t max_response_bytes = size_t{64} << 10;
  size_t max_in_flight = 64;                          // ports probed at once
  // Progress (phase kServices, one unit a port) and cancellation; may be
  // null. After a cancel, ports not yet probed keep an empty service.
  ScanControl* control = nullptr;
};

struct DetectionTarget {
  TargetHost host;
  uint16_t port;
};

struct DetectionStats {
  uint64_t connections = 0;
  uint64_t probes_sent = 0;
  uint64_t bytes_received = 0;
  uint64_t responses_truncated = 0;  // hit max_response_bytes
};

class ServiceDetector {
 public:
  ServiceDetector(const ServiceProbes& db, const ScanScope& scope, DetectionOptions options)
      : db_(db), scope_(scope), options_(options) {}

  // One observation per target, in the same order; `service` is empty and
  // `product`/`version` too when nothing matched. The first response's
  // printable prefix is kept as `banner` (at most 256 bytes).
  std::vector<model::Observation> Detect(const std::vector<DetectionTarget>& targets);
  const DetectionStats& stats() const { return stats_; }

  class Run_;

 private:
  const ServiceProbes& db_;
  const ScanScope& scope_;
  const DetectionOptions options_;
  DetectionStats stats_;
};

}  // namespace sw::scan
