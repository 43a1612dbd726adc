// SPDX-License-Identifier: Apache-2.0
#include "packet/stream.h"

#include <algorithm>

namespace sw::packet {

void TcpStream::Syn(uint32_t isn) {
  if (started_) return;  // a retransmitted SYN changes nothing
  started_ = true;
  base_ = isn + 1;
  next_ = base_;
}

void TcpStream::Segment(uint32_t seq, Bytes payload, const Deliver& deliver) {
  if (payload.empty()) return;
  ++stats_.segments;
  if (!started_) {
    // Picked up mid-stream: the first data seen starts the stream.
    started_ = true;
    base_ = seq;
    next_ = seq;
  }
  // Offsets from base_ as 64-bit positions: the distance from next_ is a
  // signed 32-bit difference (wraparound), applied to the delivered count.
  const auto ahead = static_cast<int32_t>(seq - next_);
  const int64_t start = static_cast<int64_t>(delivered_) + ahead;
  const int64_t end = start + static_cast<int64_t>(payload.size());
  if (end <= static_cast<int64_t>(delivered_)) {
    stats_.retransmitted_bytes += payload.size();
    return;
  }
  int64_t from = start;
  if (from < static_cast<int64_t>(delivered_)) {
    stats_.retransmitted_bytes += static_cast<uint64_t>(static_cast<int64_t>(delivered_) - from);
    from = static_cast<int64_t>(delivered_);
  }
  const Bytes fresh = payload.subspan(static_cast<size_t>(from - start));
  if (from == static_cast<int64_t>(delivered_) && held_.empty()) {
    delivered_ += fresh.size();
    next_ += static_cast<uint32_t>(fresh.size());
    stats_.bytes_delivered += fresh.size();
    deliver(fresh);
    return;
  }
  // Hold it (only the bytes not already held: first copy wins), then
  // deliver what has become contiguous.
  if (from > static_cast<int64_t>(delivered_)) ++stats_.out_of_order;
  auto pos = static_cast<uint64_t>(from);
  const auto stop = static_cast<uint64_t>(end);
  while (pos < stop) {
    auto next = held_.upper_bound(pos);
    if (next != held_.begin()) {
      auto prev = std::prev(next);
      const uint64_t prev_end = prev->first + prev->second.size();
      if (prev_end > pos) {
        stats_.retransmitted_bytes += std::min(prev_end, stop) - pos;
        pos = prev_end;
        continue;
      }
    }
    const uint64_t gap_end = next == held_.end() ? stop : std::min(stop, next->first);
    const auto* begin = payload.data() + (pos - static_cast<uint64_t>(start));
    held_.emplace(pos, std::vector<uint8_t>(begin, begin + (gap_end - pos)));
    held_bytes_ += gap_end - pos;
    pos = gap_end;
  }
  Drain(deliver);
  while (held_bytes_ > max_held_) SkipToFirstHeld(deliver);
}

void TcpStream::Drain(const Deliver& deliver) {
  while (!held_.empty() && held_.begin()->first <= delivered_) {
    auto it = held_.begin();
    const uint64_t piece_end = it->first + it->second.size();
    if (piece_end > delivered_) {
      const Bytes part = Bytes(it->second).subspan(static_cast<size_t>(delivered_ - it->first));
      delivered_ += part.size();
      next_ += static_cast<uint32_t>(part.size());
      stats_.bytes_delivered += part.size();
      deliver(part);
    }
    held_bytes_ -= it->second.size();
    held_.erase(it);
  }
}

void TcpStream::SkipToFirstHeld(const Deliver& deliver) {
  if (held_.empty()) return;
  const uint64_t first = held_.begin()->first;
  if (first > delivered_) {
    ++stats_.gaps;
    next_ += static_cast<uint32_t>(first - delivered_);
    delivered_ = first;
  }
  Drain(deliver);
}

void TcpStream::Flush(const Deliver& deliver) {
  while (!held_.empty()) SkipToFirstHeld(deliver);
}

}  // namespace sw::packet
