// SPDX-License-Identifier: Apache-2.0
//
// Longest-prefix match for the intel matcher's networks, as a flat sorted
// array instead of a tree. CIDR blocks are either nested or disjoint, so the
// address line cuts into ranges that each have one innermost (= longest)
// covering network, or none. Build flattens the networks into those ranges
// once; a lookup is then one binary search over the range starts: no
// per-prefix-length probing, no pointer chasing, and 8 bytes per range for
// IPv4 (at most 2n+1 ranges for n networks). An index by the top 16 bits
// (256 KiB) narrows each search to one bucket, so a lookup touches two or
// three cache lines instead of the ~20 of a plain binary search. Immutable
// after Build, thread-safe to read.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <vector>

namespace sw::intel::internal {

// An IPv6 address as a number, for ordering.
struct U128 {
  uint64_t hi = 0, lo = 0;
  auto operator<=>(const U128&) const = default;
  static U128 Max() { return {~uint64_t{0}, ~uint64_t{0}}; }
  U128 Next() const { return lo == ~uint64_t{0} ? U128{hi + 1, 0} : U128{hi, lo + 1}; }
};

inline uint32_t Next(uint32_t v) { return v + 1; }
inline uint32_t Top16(uint32_t v) { return v >> 16; }
inline uint32_t Top16(const U128& v) { return static_cast<uint32_t>(v.hi >> 48); }
inline U128 Next(const U128& v) { return v.Next(); }
inline uint32_t MaxOf(uint32_t) { return std::numeric_limits<uint32_t>::max(); }
inline U128 MaxOf(const U128&) { return U128::Max(); }

template <class Key>
class PrefixRanges {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  struct Network {
    Key first, last;  // the first and last address of the block
    uint32_t id;
  };

  // REQUIRES: no two networks are the same block.
  void Build(std::vector<Network> nets) {
    starts_.clear();
    ids_.clear();
    // Outer blocks before the blocks they contain.
    std::sort(nets.begin(), nets.end(), [](const Network& a, const Network& b) {
      return a.first != b.first ? a.first < b.first : b.last < a.last;
    });
    std::vector<Network> open;  // the blocks containing the current address, innermost last
    Key cur{};                  // the first address not yet assigned to a range
    for (const Network& n : nets) {
      while (!open.empty() && open.back().last < n.first) {
        // The rest of the innermost block holds no other block.
        if (!(open.back().last < cur)) Emit(cur, open.back().id);
        cur = Next(open.back().last);  // no overflow: last < n.first
        open.pop_back();
      }
      if (cur < n.first) Emit(cur, open.empty() ? kNone : open.back().id);
      cur = n.first;
      open.push_back(n);
    }
    bool to_the_end = false;  // a block ends at the last address: nothing after it
    while (!open.empty() && !to_the_end) {
      if (!(open.back().last < cur)) Emit(cur, open.back().id);
      to_the_end = open.back().last == MaxOf(cur);
      if (!to_the_end) cur = Next(open.back().last);
      open.pop_back();
    }
    if (!nets.empty() && !to_the_end) Emit(cur, kNone);
    starts_.shrink_to_fit();
    ids_.shrink_to_fit();
    // The index: bucket b holds the ranges that start in b's 1/65536 of the
    // address space. Small sets do without (a plain search is in cache).
    buckets_.clear();
    if (starts_.size() < 4096) return;
    buckets_.assign(kBuckets + 1, 0);
    size_t i = 0;
    for (uint32_t b = 0; b <= kBuckets; ++b) {
      while (i < starts_.size() && Top16(starts_[i]) < b) ++i;
      buckets_[b] = static_cast<uint32_t>(i);
    }
  }

  // The id of the longest network containing `k`, or kNone. The index
  // narrows the search to the ranges starting in k's bucket (a few for
  // IPv4 feeds); a range starting before the bucket is the one just before.
  uint32_t Find(const Key& k) const {
    if (starts_.empty()) return kNone;
    auto first = starts_.begin(), last = starts_.end();
    if (!buckets_.empty()) {
      const uint32_t b = Top16(k);
      first = starts_.begin() + buckets_[b];
      last = starts_.begin() + buckets_[b + 1];
    }
    const size_t pos = static_cast<size_t>(std::upper_bound(first, last, k) - starts_.begin());
    return pos == 0 ? kNone : ids_[pos - 1];
  }

  // Batches: brings the ranges of k's bucket into cache ahead of Find.
  void Prefetch(const Key& k) const {
    if (!buckets_.empty()) __builtin_prefetch(&starts_[std::min<size_t>(buckets_[Top16(k)], starts_.size() - 1)]);
  }

  size_t ranges() const { return starts_.size(); }
  size_t MemoryBytes() const {
    return starts_.capacity() * sizeof(Key) + ids_.capacity() * sizeof(uint32_t) +
           buckets_.capacity() * sizeof(uint32_t);
  }

 private:
  // Ranges run from one start to the next; neighbours with the same id merge.
  void Emit(const Key& start, uint32_t id) {
    if (!ids_.empty() && ids_.back() == id) return;
    starts_.push_back(start);
    ids_.push_back(id);
  }

  static constexpr uint32_t kBuckets = 1 << 16;
  std::vector<Key> starts_;  // sorted, strictly increasing
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> buckets_;  // kBuckets + 1 indexes into starts_
};

}  // namespace sw::intel::internal
