// SPDX-License-Identifier: Apache-2.0
//
// ScanControl: how the one who started a scan watches and stops it. The
// engines report progress per phase and poll Cancelled() between units of
// work (a port attempt, a port's probes, a TLS endpoint), so a cancel takes
// effect within one timeout. Implementations must be thread-safe: engines
// call from their own event-loop thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

namespace sw::scan {

enum class ScanPhase { kResolving, kPorts, kServices, kTls };

std::string_view ScanPhaseName(ScanPhase p);  // "resolving", "ports", "services", "tls"

class ScanControl {
 public:
  virtual ~ScanControl() = default;
  virtual bool Cancelled() const = 0;
  // `done` of `total` units of the phase finished. Called often (once per
  // port); implementations throttle what they do with it.
  virtual void Progress(ScanPhase phase, uint64_t done, uint64_t total) = 0;
};

// A control that only cancels, for the command line and tests.
class CancelFlag final : public ScanControl {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool Cancelled() const override { return cancelled_.load(std::memory_order_relaxed); }
  void Progress(ScanPhase, uint64_t, uint64_t) override {}

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace sw::scan
