// SPDX-License-Identifier: Apache-2.0
//
// TcpStream: in-order reassembly of one direction of a TCP connection. Bytes
// come out exactly once, in sequence order, whatever order the segments
// arrived in. Retransmitted or overlapping bytes keep the first copy seen
// (a later copy cannot rewrite what the detector already inspected). Out-of
// -order segments wait within a byte bound; past it, or when the connection
// ends with a hole, the stream skips to the data it has and counts a gap.
// Sequence numbers wrap (RFC 1982 comparisons). Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "packet/packet.h"

namespace sw::packet {

struct StreamStats {
  uint64_t segments = 0;
  uint64_t bytes_delivered = 0;
  uint64_t retransmitted_bytes = 0;  // already delivered, dropped
  uint64_t out_of_order = 0;         // segments held for later
  uint64_t gaps = 0;                 // holes skipped
};

class TcpStream {
 public:
  using Deliver = std::function<void(Bytes data)>;
  explicit TcpStream(size_t max_held = 1 << 20) : max_held_(max_held) {}

  // The initial sequence number from a SYN: data starts at isn + 1.
  void Syn(uint32_t isn);
  // One segment's payload at `seq`; calls `deliver` for every run of bytes
  // now in order.
  void Segment(uint32_t seq, Bytes payload, const Deliver& deliver);
  // The connection ended: delivers what is held, skipping holes.
  void Flush(const Deliver& deliver);

  const StreamStats& stats() const { return stats_; }
  size_t held() const { return held_bytes_; }

 private:
  void Drain(const Deliver& deliver);
  void SkipToFirstHeld(const Deliver& deliver);

  const size_t max_held_;
  bool started_ = false;
  uint32_t next_ = 0;  // the next sequence number to deliver
  // Held segments by their offset from next_'s epoch: keyed by sequence
  // number relative to `base_` so ordering survives wraparound.
  uint32_t base_ = 0;
  std::map<uint64_t, std::vector<uint8_t>> held_;
  size_t held_bytes_ = 0;
  uint64_t delivered_ = 0;  // bytes delivered; next_ == base_ + delivered_ (mod 2^32)
  StreamStats stats_;
};

}  // namespace sw::packet
