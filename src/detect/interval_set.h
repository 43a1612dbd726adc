// SPDX-License-Identifier: Apache-2.0
//
// A set of values of an ordered, bounded type held as sorted, disjoint,
// non-adjacent closed intervals. Rule address and port lists compile to it:
// negations are resolved at load time, so a matcher only asks Contains().
// Values; not synchronized; const methods are safe to call concurrently.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

namespace sw::detect {

// Traits: T must provide IntervalTraits<T>::kMin, kMax, Next(v) (v < kMax)
// and Prev(v) (v > kMin).
template <typename T>
struct IntervalTraits;

template <typename T>
class IntervalSet {
 public:
  using Range = std::pair<T, T>;  // closed: first <= second
  using Traits = IntervalTraits<T>;

  static IntervalSet All() {
    IntervalSet s;
    s.ranges_.push_back({Traits::kMin, Traits::kMax});
    return s;
  }

  // Adds [lo, hi]. REQUIRES: lo <= hi.
  void Add(T lo, T hi) {
    ranges_.push_back({lo, hi});
    Normalize();
  }
  void AddAll(const IntervalSet& other) {
    ranges_.insert(ranges_.end(), other.ranges_.begin(), other.ranges_.end());
    Normalize();
  }

  IntervalSet Complement() const {
    IntervalSet out;
    T next = Traits::kMin;
    bool open = true;  // false once kMax is covered
    for (const auto& [lo, hi] : ranges_) {
      if (lo > next) out.ranges_.push_back({next, Traits::Prev(lo)});
      if (hi == Traits::kMax) {
        open = false;
        break;
      }
      next = Traits::Next(hi);
    }
    if (open) out.ranges_.push_back({next, Traits::kMax});
    return out;
  }

  // this minus other.
  IntervalSet Subtract(const IntervalSet& other) const { return Intersect(other.Complement()); }

  IntervalSet Intersect(const IntervalSet& other) const {
    IntervalSet out;
    size_t i = 0, j = 0;
    while (i < ranges_.size() && j < other.ranges_.size()) {
      const T lo = std::max(ranges_[i].first, other.ranges_[j].first);
      const T hi = std::min(ranges_[i].second, other.ranges_[j].second);
      if (!(hi < lo)) out.ranges_.push_back({lo, hi});
      if (ranges_[i].second < other.ranges_[j].second) {
        ++i;
      } else {
        ++j;
      }
    }
    return out;
  }

  bool Contains(T v) const {
    auto it = std::upper_bound(ranges_.begin(), ranges_.end(), v,
                               [](const T& x, const Range& r) { return x < r.first; });
    if (it == ranges_.begin()) return false;
    --it;
    return !(it->second < v);
  }

  bool empty() const { return ranges_.empty(); }
  bool all() const {
    return ranges_.size() == 1 && ranges_[0].first == Traits::kMin && ranges_[0].second == Traits::kMax;
  }
  const std::vector<Range>& ranges() const { return ranges_; }
  bool operator==(const IntervalSet&) const = default;

 private:
  void Normalize() {
    std::sort(ranges_.begin(), ranges_.end());
    std::vector<Range> merged;
    for (const auto& r : ranges_) {
      if (!merged.empty() &&
          (merged.back().second == Traits::kMax || !(Traits::Next(merged.back().second) < r.first))) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    ranges_ = std::move(merged);
  }

  std::vector<Range> ranges_;
};

}  // namespace sw::detect
