// SPDX-License-Identifier: Apache-2.0
//
// Defragmenter: IPv4 and IPv6 fragment reassembly with bounded memory.
// Fragments are held per datagram (addresses, identification, protocol,
// VLAN) until the datagram is complete, it times out, or memory runs short;
// then the oldest datagrams are dropped first. Overlaps keep the bytes that
// arrived first (the "first" policy): a later fragment can never rewrite data
// already seen, which defeats the classic overlap evasion of a detector that
// picks the other copy. A datagram longer than 65,535 bytes, or with more
// than `max_fragments` pieces, is dropped. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "packet/packet.h"

namespace sw::packet {

struct DefragOptions {
  size_t max_bytes = size_t{32} << 20;  // all datagrams in progress
  std::chrono::seconds timeout{60};
  size_t max_fragments = 512;  // per datagram
};

struct DefragStats {
  uint64_t fragments = 0;
  uint64_t reassembled = 0;
  uint64_t timeouts = 0;
  uint64_t evicted = 0;     // dropped for memory
  uint64_t overlaps = 0;    // fragments that overlapped data already held
  uint64_t invalid = 0;     // too large, too many pieces, inconsistent ends
};

struct FragmentKey {
  IpAddr src, dst;
  uint32_t id = 0;
  uint8_t proto = 0;
  uint8_t version = 4;
  uint16_t vlan = 0;
  auto operator<=>(const FragmentKey&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy misreads the defaulted <=>
};

class Defragmenter {
 public:
  explicit Defragmenter(DefragOptions options = {}) : options_(options) {}

  enum class Outcome { kHeld, kComplete, kDropped };

  // Adds one fragment: `offset` in bytes of the fragmentable part, `more`
  // the more-fragments flag, `data` its bytes. `header` is the IP header to
  // put in front of the reassembled datagram (taken from the fragment at
  // offset 0). On kComplete, `datagram` holds header + reassembled data.
  Outcome Add(const FragmentKey& key, PacketTime ts, uint32_t offset, bool more, Bytes header, Bytes data,
              std::vector<uint8_t>& datagram);

  const DefragStats& stats() const { return stats_; }
  size_t bytes_held() const { return bytes_held_; }

 private:
  struct Piece {
    uint32_t offset;
    std::vector<uint8_t> bytes;
  };
  struct Datagram {
    PacketTime first_seen;
    std::vector<uint8_t> header;
    std::map<uint32_t, std::vector<uint8_t>> pieces;  // by offset, non-overlapping
    uint32_t end = 0;         // one past the last byte, known once the last fragment came
    bool have_last = false;
    size_t bytes = 0;
  };

  void Expire(PacketTime now);
  void Forget(const FragmentKey& key);
  bool TryComplete(Datagram& d, std::vector<uint8_t>& out) const;

  const DefragOptions options_;
  std::map<FragmentKey, Datagram> datagrams_;
  std::deque<std::pair<PacketTime, FragmentKey>> order_;  // first-seen order, for expiry and eviction
  size_t bytes_held_ = 0;
  DefragStats stats_;
};

}  // namespace sw::packet
