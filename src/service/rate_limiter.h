// SPDX-License-Identifier: Apache-2.0
//
// RateLimiter: a token bucket per key (a source address, an account) held in
// memory, refilled continuously at `per_minute` tokens per minute up to
// `burst`. The table is bounded: when full, the oldest idle buckets are
// dropped (a flood of distinct keys cannot grow memory without bound).
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "core/mutex.h"
#include "core/time.h"

namespace sw::service {

class RateLimiter {
 public:
  RateLimiter(double per_minute, double burst, size_t max_keys = 100000)
      : per_ms_(per_minute / 60000.0), burst_(burst), max_keys_(max_keys) {}

  // Takes one token for `key`; false when the bucket is empty.
  bool Allow(const std::string& key, Timestamp now) SW_EXCLUDES(mu_);

 private:
  struct Bucket {
    double tokens;
    Timestamp last;
  };
  void Evict(Timestamp now) SW_REQUIRES(mu_);

  const double per_ms_;
  const double burst_;
  const size_t max_keys_;
  Mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_ SW_GUARDED_BY(mu_);
};

}  // namespace sw::service
