// SPDX-License-Identifier: Apache-2.0
//
// TcpConnectScanner: finds open, closed and filtered TCP ports with full
// connects, on Boost.Asio. Thousands of connects run at once, bounded in all
// (`max_in_flight`), per host (`max_in_flight_per_host`) and in rate
// (`packets_per_second`, evenly paced), so an enterprise's network is never
// flooded. Timeouts adapt per host from measured round-trip times (RFC 6298
// smoothing, clamped like Nmap's -T4 timing); a timed-out port is retried
// before it is called filtered. Every host is admitted through the ScanScope
// first: a refused host gets no packet at all.
//
// Not thread-safe: Run() drives its own event loops (the calling thread and,
// for large scans, helper threads) and returns when all are done.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "model/observation.h"
#include "scan/scan_control.h"
#include "scan/scope.h"
#include "scan/target_spec.h"

namespace sw::scan {

struct TcpScanOptions {
  std::vector<uint16_t> ports;
  double packets_per_second = 5000;  // connection attempts per second, all hosts
  size_t max_in_flight = 1024;
  // As large as the total by default: for one filtered host, attempts wait
  // out their timeouts, and a smaller bound would cap the rate below the
  // pacing (256 x 100 ms = 2,560 attempts/s). The rate is the real guard.
  size_t max_in_flight_per_host = 1024;
  std::chrono::milliseconds initial_timeout{500};
  std::chrono::milliseconds min_timeout{100};
  std::chrono::milliseconds max_timeout{1250};
  int max_retries = 1;  // extra attempts for a port that timed out
  // Event-loop threads; 0: one per core, at most 4. Each thread scans every
  // host's share of the ports with its share of the rate and bounds, so the
  // kernel's connect path (the limit on a fast network) runs on every core.
  // Small scans (under 1,024 attempts) use one thread.
  size_t threads = 0;
  // Progress (phase kPorts) and cancellation; may be null. After a cancel,
  // ports not yet answered are missing from the reports.
  ScanControl* control = nullptr;
};

struct PortResult {
  uint16_t port;
  model::PortState state;
};

struct HostReport {
  TargetHost host;
  Status admission;               // not OK: the host was refused and not scanned
  std::vector<PortResult> ports;  // every requested port, sorted, when admitted and up
  std::chrono::microseconds smoothed_rtt{0};
  bool up = true;  // false: host discovery had no answer, so it was not port-scanned
};

struct TcpScanStats {
  uint64_t attempts = 0;
  uint64_t retries = 0;
  uint64_t local_errors = 0;  // out of descriptors, self-connects: retried
  std::chrono::milliseconds elapsed{0};
};

class TcpConnectScanner {
 public:
  TcpConnectScanner(const ScanScope& scope, TcpScanOptions options)
      : scope_(scope), options_(std::move(options)) {}

  std::vector<HostReport> Run(const std::vector<TargetHost>& hosts);
  const TcpScanStats& stats() const { return stats_; }

  class Run_;  // the per-run state machine (tcp_scanner.cc)

 private:
  const ScanScope& scope_;
  const TcpScanOptions options_;
  TcpScanStats stats_;
};

}  // namespace sw::scan
