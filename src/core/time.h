// SPDX-License-Identifier: Apache-2.0
//
// Time: UTC timestamps with millisecond precision, RFC 3339 text form, and an
// injectable Clock so that expiry, lockout and scheduling logic can be tested
// with a fake clock. Timestamps are values; SystemClock is thread-safe;
// FakeClock is thread-safe (its time is atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-22T08:00:00Z", or "2026-11-22T08:00:00.250Z" when there are
// milliseconds.
std::string FormatRfc3339(Timestamp t);

// Parses RFC 3339 date-times ("2026-11-22T08:00:00Z", "...T16:00:00+08:00",
// fractional seconds to any precision, truncated to milliseconds). Also accepts
// a bare date "2026-11-22" as midnight UTC.
Result<Timestamp> ParseRfc3339(std::string_view text);

inline int64_t ToUnixMillis(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromUnixMillis(int64_t ms) { return Timestamp(std::chrono::milliseconds(ms)); }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The wall clock (UTC).
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
  static const SystemClock& Instance();
};

// A clock that only moves when told to. For tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : ms_(ToUnixMillis(start)) {}
  Timestamp Now() const override { return FromUnixMillis(ms_.load(std::memory_order_relaxed)); }
  void Advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count(), std::memory_order_relaxed); }
  void Set(Timestamp t) { ms_.store(ToUnixMillis(t), std::memory_order_relaxed); }

 private:
  // Relaxed order: the value is the only shared state, no other memory is published with it.
  std::atomic<int64_t> ms_;
};

}  // namespace sw
