// SPDX-License-Identifier: Apache-2.0
//
// IpIndex: the rules keyed by an address set, for rules without a fast
// pattern (above all the IP-reputation lists: thousands of addresses, no
// content). The sets are cut into disjoint segments, each listing the rules
// that cover it, so a lookup is one binary search however many rules and
// addresses there are — Suricata's "IP-only" engine in spirit. Build once;
// then immutable and thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "detect/address.h"

namespace sw::detect {

class IpIndex {
 public:
  void Add(const IpSet& set, uint32_t rule);
  void Build();
  // Appends the rules whose set contains `ip` (each at most once per call).
  void Lookup(const Ip128& ip, std::vector<uint32_t>& out) const;
  size_t segments() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }

 private:
  struct Interval {
    Ip128 lo, hi;
    uint32_t rule;
  };
  std::vector<Interval> pending_;
  std::vector<Ip128> starts_;      // segment i is [starts_[i], starts_[i+1])
  std::vector<uint32_t> offsets_;  // rules of segment i: rules_[offsets_[i] .. offsets_[i+1])
  std::vector<uint32_t> rules_;
};

}  // namespace sw::detect
