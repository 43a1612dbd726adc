// SPDX-License-Identifier: Apache-2.0
//
// What the matcher inspects: the facts of one packet (or of one
// application-layer transaction) and the buffers available at that point.
// The sensor fills it; the engine never sees a decoder or a parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "detect/address.h"
#include "detect/buffers.h"

namespace sw::detect {

// The bytes of each buffer present at this inspection point, computed on
// demand; nullopt when the buffer does not exist here (no HTTP transaction,
// no Host header, ...). Implementations may cache; thread-compatible.
class BufferSource {
 public:
  virtual ~BufferSource() = default;
  virtual std::optional<std::string_view> Get(Buffer b) = 0;
};

struct PacketFacts {
  Ip128 src, dst;  // as the packet travels (for a transaction: see Inspection)
  uint16_t sport = 0, dport = 0;
  uint8_t ip_proto = 0;  // 6, 17, 1, 58
  uint8_t ip_version = 4;
  uint8_t ttl = 0;
  uint8_t tcp_flags = 0;
  uint8_t icmp_type = 0, icmp_code = 0;
  uint64_t payload_size = 0;  // dsize
  bool has_flow = false;
  bool to_server = true;      // the direction of this packet in its flow
  bool established = false;   // TCP handshake seen (or mid-stream pickup), or UDP answered
  std::string_view app_proto;  // the flow's detected protocol, "" when unknown
  std::optional<uint16_t> tls_version;
  uint64_t stream_bytes_to_server = 0, stream_bytes_to_client = 0;
};

// Flow-scoped detection state: flowbits. Owned by the flow; one thread.
struct FlowDetectState {
  std::vector<std::string> bits;  // few per flow: a vector beats a set
  bool IsSet(std::string_view name) const;
  void Set(std::string_view name);
  void Unset(std::string_view name);
};

struct Inspection {
  enum class Kind : uint8_t {
    kPacket,       // a packet: pkt_data is its payload
    kTransaction,  // an application transaction of `app` (its buffers)
    kStream,       // new reassembled TCP bytes: pkt_data is the stream (with some bytes before)
  };
  Kind kind = Kind::kPacket;
  std::string_view app;  // for transactions: "http", "dns", "tls", "ssh"
  PacketFacts facts;     // for transactions: the packet that completed it
  BufferSource* buffers = nullptr;
  FlowDetectState* flow = nullptr;  // null when the packet has no flow
  // On a packet inspection: this TCP packet's bytes are inspected as part of
  // the stream, so stream rules are left to the kStream inspection.
  bool stream_inspected = false;
  // On a stream inspection: how many bytes at the start of pkt_data were
  // already inspected with the previous chunk (the overlap).
  size_t stream_old_bytes = 0;
  int64_t time_us = 0;  // capture time, for thresholds
};

}  // namespace sw::detect
