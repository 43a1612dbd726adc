// SPDX-License-Identifier: Apache-2.0
#include "service/rate_limiter.h"

#include <algorithm>

namespace sw::service {

bool RateLimiter::Allow(const std::string& key, Timestamp now) {
  MutexLock l(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Evict(now);
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const auto elapsed = std::max<int64_t>(0, (now - b.last).count());
  b.tokens = std::min(burst_, b.tokens + static_cast<double>(elapsed) * per_ms_);
  b.last = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

void RateLimiter::Evict(Timestamp now) {
  // Drop buckets that have refilled completely (they carry no information);
  // if none has, drop everything older than a minute, then, as a last resort,
  // everything: forgetting limits is better than unbounded memory.
  std::erase_if(buckets_, [&](const auto& kv) {
    const double refill = static_cast<double>((now - kv.second.last).count()) * per_ms_;
    return kv.second.tokens + refill >= burst_;
  });
  if (buckets_.size() >= max_keys_) {
    std::erase_if(buckets_, [&](const auto& kv) { return now - kv.second.last > std::chrono::minutes(1); });
  }
  if (buckets_.size() >= max_keys_) buckets_.clear();
}

}  // namespace sw::service
