// SPDX-License-Identifier: Apache-2.0
#include "packet/flow.h"

#include <cstring>
#include <atomic>
#include <random>
#include <tuple>

namespace sw::packet {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr uint64_t kSafeIntegerMask = (uint64_t{1} << 53) - 1;

// Flow ids differ between runs: seeded once per process from the system's
// randomness, then advanced per table (a table per input file is common).
uint64_t FlowIdSeed() {
  static std::atomic<uint64_t> next{std::random_device{}() * 0x9E3779B97F4A7C15ULL};
  return next.fetch_add(0x100000000ULL);
}

}  // namespace

size_t FlowKeyHash::operator()(const FlowKey& k) const {
  uint64_t words[4];
  std::memcpy(words, k.a.bytes.data(), 16);
  std::memcpy(words + 2, k.b.bytes.data(), 16);
  uint64_t h = Mix(words[0] ^ Mix(words[1] ^ Mix(words[2] ^ Mix(words[3]))));
  h ^= Mix(uint64_t{k.vlan} << 40 | uint64_t{k.port_a} << 24 | uint64_t{k.port_b} << 8 | uint64_t{k.proto});
  return static_cast<size_t>(h);
}

std::string_view FlowEndReasonName(FlowEndReason r) {
  switch (r) {
    case FlowEndReason::kTimeout: return "timeout";
    case FlowEndReason::kEvicted: return "forced";
    case FlowEndReason::kShutdown: return "shutdown";
    case FlowEndReason::kTcpClosed: return "tcp_closed";
  }
  return "timeout";
}

FlowTable::FlowTable(FlowOptions options, EndCallback on_end)
    : options_(options), on_end_(std::move(on_end)), next_id_(FlowIdSeed()) {}

FlowTable::~FlowTable() = default;

std::chrono::seconds FlowTable::TimeoutOf(const Flow& f) const {
  switch (f.proto) {
    case 6:
      switch (f.tcp_state) {
        case TcpState::kEstablished: return options_.tcp_established_timeout;
        case TcpState::kClosing:
        case TcpState::kClosed: return options_.tcp_closed_timeout;
        default: return options_.tcp_new_timeout;
      }
    case 17: return options_.udp_timeout;
    default: return options_.other_timeout;
  }
}

void FlowTable::End(List::iterator it, FlowEndReason reason) {
  if (on_end_) on_end_(*it, reason);
  index_.erase(it->key);
  flows_.erase(it);
  ++stats_.ended;
  stats_.active = flows_.size();
}

void FlowTable::Expire(PacketTime now) {
  // The list is in last-seen order, but timeouts differ by state: look at
  // the oldest few beyond the shortest timeout rather than the whole table.
  for (auto it = flows_.begin(); it != flows_.end();) {
    if (now - it->last < options_.tcp_closed_timeout) break;  // the shortest timeout
    auto next = std::next(it);
    if (now - it->last >= TimeoutOf(*it)) {
      ++stats_.timed_out;
      End(it, FlowEndReason::kTimeout);
    }
    it = next;
  }
}

void FlowTable::Flush() {
  while (!flows_.empty()) End(flows_.begin(), FlowEndReason::kShutdown);
}

Flow* FlowTable::Update(const Packet& p, bool& to_server) {
  if (p.ip_version == 0 || p.error != DecodeError::kNone || p.fragment_pending) return nullptr;
  // Expire at most once per second of capture time: cheap and timely enough.
  if (p.ts - last_expiry_ >= std::chrono::seconds(1)) {
    Expire(p.ts);
    last_expiry_ = p.ts;
  }
  const bool has_ports = p.ip_proto == 6 || p.ip_proto == 17 || p.ip_proto == 132;
  const uint16_t sport = has_ports ? p.sport : 0, dport = has_ports ? p.dport : 0;
  FlowKey key;
  const bool forward = std::tie(p.src, sport) <= std::tie(p.dst, dport);
  key.a = forward ? p.src : p.dst;
  key.b = forward ? p.dst : p.src;
  key.port_a = forward ? sport : dport;
  key.port_b = forward ? dport : sport;
  key.proto = p.ip_proto;
  key.vlan = p.vlan_count ? p.vlan[0] : 0;

  auto found = index_.find(key);
  List::iterator it;
  if (found == index_.end()) {
    if (flows_.size() >= options_.max_flows && !flows_.empty()) {
      ++stats_.evicted;
      End(flows_.begin(), FlowEndReason::kEvicted);
    }
    Flow f;
    f.id = Mix(++next_id_) & kSafeIntegerMask;
    f.key = key;
    f.proto = p.ip_proto;
    f.client = p.src;
    f.server = p.dst;
    f.client_port = sport;
    f.server_port = dport;
    // A SYN-ACK seen first: the sender is the server (mid-stream pickup).
    if (p.ip_proto == 6 && (p.tcp_flags & (kTcpSyn | kTcpAck)) == (kTcpSyn | kTcpAck)) {
      std::swap(f.client, f.server);
      std::swap(f.client_port, f.server_port);
    }
    f.tcp_handshake = p.ip_proto == 6 && (p.tcp_flags & kTcpSyn) != 0;
    f.start = f.last = p.ts;
    flows_.push_back(std::move(f));
    it = std::prev(flows_.end());
    index_.emplace(key, it);
    ++stats_.created;
    stats_.active = flows_.size();
  } else {
    it = found->second;
    flows_.splice(flows_.end(), flows_, it);  // now the most recently seen
  }
  Flow& f = *it;
  f.last = p.ts;
  to_server = p.src == f.client && sport == f.client_port;
  if (to_server) {
    ++f.packets_to_server;
    f.bytes_to_server += p.wire_length;
  } else {
    ++f.packets_to_client;
    f.bytes_to_client += p.wire_length;
  }
  if (p.ip_proto == 6) {
    (to_server ? f.tcp_flags_to_server : f.tcp_flags_to_client) |= p.tcp_flags;
    const uint8_t fl = p.tcp_flags;
    if (fl & kTcpRst) {
      f.tcp_state = TcpState::kClosed;
    } else if (fl & kTcpFin) {
      f.tcp_state = f.tcp_state == TcpState::kClosing ? TcpState::kClosed : TcpState::kClosing;
    } else if ((fl & kTcpSyn) && !(fl & kTcpAck)) {
      if (f.tcp_state == TcpState::kNone) f.tcp_state = TcpState::kSynSent;
    } else if ((fl & kTcpSyn) && (fl & kTcpAck)) {
      if (f.tcp_state == TcpState::kSynSent || f.tcp_state == TcpState::kNone) f.tcp_state = TcpState::kSynReceived;
    } else if ((fl & kTcpAck) && (f.tcp_state == TcpState::kSynReceived ||
                                  (f.tcp_state == TcpState::kNone && options_.midstream))) {
      f.tcp_state = TcpState::kEstablished;  // the handshake's last ACK, or a mid-stream pickup
    }
    if (f.tcp_state == TcpState::kEstablished) f.was_established = true;
  }
  return &f;
}

}  // namespace sw::packet
