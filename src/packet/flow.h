// SPDX-License-Identifier: Apache-2.0
//
// FlowTable: bidirectional flows keyed by protocol, addresses, ports and
// VLAN (both directions map to one flow). The side that sent the first
// packet is the client ("to server" is its direction), as in Suricata's EVE
// output. Flows end by timeout (per protocol and TCP state), by eviction of
// the least recently seen when the table is full, or at the end of the
// input; each ended flow is handed to the caller once. Flow ids are unique
// per table and fit JSON's safe integers, like EVE's flow_id.
// Not thread-safe: one table per capture thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "packet/packet.h"

namespace sw::packet {

struct FlowKey {
  IpAddr a, b;  // a <= b (with ports) so both directions share the key
  uint16_t port_a = 0, port_b = 0;
  uint8_t proto = 0;
  uint16_t vlan = 0;
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  size_t operator()(const FlowKey& k) const;
};

enum class FlowEndReason { kTimeout, kEvicted, kShutdown, kTcpClosed };
std::string_view FlowEndReasonName(FlowEndReason r);  // "timeout", "forced", "shutdown", "tcp_closed"

enum class TcpState : uint8_t { kNone, kSynSent, kSynReceived, kEstablished, kClosing, kClosed };

// State of the layers above (TCP streams, application parsers) that a
// flow owns and frees with it.
struct FlowExtension {
  virtual ~FlowExtension() = default;
};

struct Flow {
  uint64_t id = 0;
  FlowKey key;
  IpAddr client, server;
  uint16_t client_port = 0, server_port = 0;
  uint8_t proto = 0;
  PacketTime start, last;
  uint64_t packets_to_server = 0, packets_to_client = 0;
  uint64_t bytes_to_server = 0, bytes_to_client = 0;
  TcpState tcp_state = TcpState::kNone;
  bool tcp_handshake = false;  // the first packet was a SYN: the session's start was seen
  bool was_established = false;  // reached kEstablished at some point
  uint8_t tcp_flags_to_server = 0, tcp_flags_to_client = 0;  // every flag seen
  std::string app_proto;  // set by the application-layer detection
  bool alerted = false;   // a rule fired on this flow
  std::unique_ptr<FlowExtension> ext;
};

struct FlowOptions {
  size_t max_flows = 100000;
  std::chrono::seconds tcp_new_timeout{30};
  std::chrono::seconds tcp_established_timeout{600};
  std::chrono::seconds tcp_closed_timeout{10};
  std::chrono::seconds udp_timeout{120};
  std::chrono::seconds other_timeout{60};
  // Track TCP sessions whose handshake was not seen (Suricata's
  // stream.midstream, off by default there too): off, such a session never
  // counts as established and gets no application-layer parsing.
  bool midstream = false;
};

struct FlowStats {
  uint64_t created = 0;
  uint64_t ended = 0;
  uint64_t evicted = 0;  // the table was full
  uint64_t timed_out = 0;
  size_t active = 0;
};

class FlowTable {
 public:
  using EndCallback = std::function<void(Flow&, FlowEndReason)>;
  explicit FlowTable(FlowOptions options = {}, EndCallback on_end = {});
  ~FlowTable();  // does not end the remaining flows; call Flush() first

  // The flow of a decoded IP packet (created when new), with the direction
  // of this packet; counts it and tracks TCP state. Also expires idle flows
  // up to the packet's time. Null for packets without an IP layer.
  Flow* Update(const Packet& p, bool& to_server);

  // Ends every flow whose timeout passed at `now`.
  void Expire(PacketTime now);
  // Ends every flow (end of input).
  void Flush();

  const FlowStats& stats() const { return stats_; }

 private:
  using List = std::list<Flow>;  // least recently seen first
  std::chrono::seconds TimeoutOf(const Flow& f) const;
  void End(List::iterator it, FlowEndReason reason);

  const FlowOptions options_;
  EndCallback on_end_;
  List flows_;
  std::unordered_map<FlowKey, List::iterator, FlowKeyHash> index_;
  uint64_t next_id_;
  PacketTime last_expiry_{};
  FlowStats stats_;
};

}  // namespace sw::packet
