// SPDX-License-Identifier: Apache-2.0
#include "detect/ip_index.h"

#include <algorithm>

namespace sw::detect {

void IpIndex::Add(const IpSet& set, uint32_t rule) {
  for (const auto& [lo, hi] : set.ranges()) pending_.push_back({lo, hi, rule});
}

void IpIndex::Build() {
  using Traits = IntervalTraits<Ip128>;
  // Segment boundaries: every interval's start and the address after its end.
  std::vector<Ip128> points;
  points.reserve(pending_.size() * 2 + 1);
  points.push_back(Traits::kMin);
  for (const auto& iv : pending_) {
    points.push_back(iv.lo);
    if (iv.hi != Traits::kMax) points.push_back(Traits::Next(iv.hi));
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<std::vector<uint32_t>> per(points.size());
  for (const auto& iv : pending_) {
    auto first = std::lower_bound(points.begin(), points.end(), iv.lo);
    auto last = iv.hi == Traits::kMax ? points.end()
                                      : std::lower_bound(points.begin(), points.end(), Traits::Next(iv.hi));
    for (auto it = first; it != last; ++it) per[static_cast<size_t>(it - points.begin())].push_back(iv.rule);
  }
  starts_ = std::move(points);
  offsets_.clear();
  rules_.clear();
  for (auto& list : per) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    offsets_.push_back(static_cast<uint32_t>(rules_.size()));
    rules_.insert(rules_.end(), list.begin(), list.end());
  }
  offsets_.push_back(static_cast<uint32_t>(rules_.size()));
  pending_.clear();
  pending_.shrink_to_fit();
}

void IpIndex::Lookup(const Ip128& ip, std::vector<uint32_t>& out) const {
  if (starts_.empty()) return;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), ip);
  if (it == starts_.begin()) return;
  const size_t seg = static_cast<size_t>(it - starts_.begin()) - 1;
  out.insert(out.end(), rules_.begin() + offsets_[seg], rules_.begin() + offsets_[seg + 1]);
}

}  // namespace sw::detect
