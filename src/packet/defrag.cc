// SPDX-License-Identifier: Apache-2.0
#include "packet/defrag.h"

#include <algorithm>

namespace sw::packet {
namespace {
constexpr uint32_t kMaxDatagram = 65535;
}  // namespace

void Defragmenter::Forget(const FragmentKey& key) {
  auto it = datagrams_.find(key);
  if (it == datagrams_.end()) return;
  bytes_held_ -= it->second.bytes;
  datagrams_.erase(it);
}

void Defragmenter::Expire(PacketTime now) {
  // Entries in order_ may name datagrams already completed or dropped, or a
  // later datagram with the same key: check first_seen before forgetting.
  while (!order_.empty()) {
    const auto& [seen, key] = order_.front();
    auto it = datagrams_.find(key);
    const bool live = it != datagrams_.end() && it->second.first_seen == seen;
    if (live && now - seen < options_.timeout && bytes_held_ <= options_.max_bytes) break;
    if (live) {
      if (now - seen >= options_.timeout) {
        ++stats_.timeouts;
      } else {
        ++stats_.evicted;
      }
      Forget(key);
    }
    order_.pop_front();
  }
}

bool Defragmenter::TryComplete(Datagram& d, std::vector<uint8_t>& out) const {
  if (!d.have_last) return false;
  uint32_t next = 0;
  for (const auto& [offset, bytes] : d.pieces) {
    if (offset != next) return false;
    next += static_cast<uint32_t>(bytes.size());
  }
  if (next != d.end || d.header.empty()) return false;
  out.clear();
  out.reserve(d.header.size() + d.end);
  out.insert(out.end(), d.header.begin(), d.header.end());
  for (const auto& [offset, bytes] : d.pieces) out.insert(out.end(), bytes.begin(), bytes.end());
  return true;
}

Defragmenter::Outcome Defragmenter::Add(const FragmentKey& key, PacketTime ts, uint32_t offset, bool more,
                                        Bytes header, Bytes data, std::vector<uint8_t>& datagram) {
  ++stats_.fragments;
  Expire(ts);
  const uint64_t end = uint64_t{offset} + data.size();
  if (end > kMaxDatagram || (more && data.empty())) {
    ++stats_.invalid;
    Forget(key);
    return Outcome::kDropped;
  }
  auto [it, inserted] = datagrams_.try_emplace(key);
  Datagram& d = it->second;
  if (inserted) {
    d.first_seen = ts;
    order_.emplace_back(ts, key);
  }
  if (!more) {
    // Two different ends, or data past the end: an inconsistent datagram.
    if ((d.have_last && d.end != end) || (!d.pieces.empty() && std::prev(d.pieces.end())->first +
                                                                         std::prev(d.pieces.end())->second.size() >
                                                                     end)) {
      ++stats_.invalid;
      Forget(key);
      return Outcome::kDropped;
    }
    d.have_last = true;
    d.end = static_cast<uint32_t>(end);
  } else if (d.have_last && end > d.end) {
    ++stats_.invalid;
    Forget(key);
    return Outcome::kDropped;
  }
  if (offset == 0 && d.header.empty()) d.header.assign(header.begin(), header.end());

  // Insert only the bytes not already held (first policy).
  uint32_t pos = offset;
  const auto stop = static_cast<uint32_t>(end);
  bool overlapped = false;
  while (pos < stop) {
    // The piece that starts at or before pos, if it covers pos, skips ahead.
    auto next = d.pieces.upper_bound(pos);
    if (next != d.pieces.begin()) {
      auto prev = std::prev(next);
      const uint32_t prev_end = prev->first + static_cast<uint32_t>(prev->second.size());
      if (prev_end > pos) {
        overlapped = true;
        pos = prev_end;
        continue;
      }
    }
    const uint32_t gap_end = next == d.pieces.end() ? stop : std::min(stop, next->first);
    if (gap_end > pos) {
      if (d.pieces.size() >= options_.max_fragments) {
        ++stats_.invalid;
        Forget(key);
        return Outcome::kDropped;
      }
      const auto* begin = data.data() + (pos - offset);
      d.pieces.emplace(pos, std::vector<uint8_t>(begin, begin + (gap_end - pos)));
      d.bytes += gap_end - pos;
      bytes_held_ += gap_end - pos;
    }
    pos = gap_end;  // a piece starting here is skipped by the next round
  }
  if (overlapped) ++stats_.overlaps;

  if (TryComplete(d, datagram)) {
    ++stats_.reassembled;
    Forget(key);
    return Outcome::kComplete;
  }
  if (bytes_held_ > options_.max_bytes) {
    Expire(ts);  // evicts the oldest until under the bound (maybe this one)
    if (datagrams_.find(key) == datagrams_.end()) return Outcome::kDropped;
  }
  return Outcome::kHeld;
}

}  // namespace sw::packet
