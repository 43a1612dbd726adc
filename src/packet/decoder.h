// SPDX-License-Identifier: Apache-2.0
//
// Decoder: turns a captured frame into a Packet. Link layers: Ethernet with
// 802.1Q/802.1ad VLAN tags (QinQ), MPLS and PPPoE sessions; BSD and OpenBSD
// loopback; raw IPv4/IPv6; Linux cooked capture v1 and v2; PPP; Cisco HDLC;
// NFLOG. Network: IPv4 (options skipped, fragments reassembled), IPv6
// (extension headers, fragments). Transport: TCP, UDP, ICMP, ICMPv6. Every
// read is bounds-checked against the captured bytes; a malformed packet
// becomes a counted decode error, never a crash or an out-of-bounds read.
// Checksums are not verified (captures from offloading NICs have wrong ones;
// Suricata's `-k none`). Not thread-safe: one decoder per capture thread.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "packet/defrag.h"
#include "packet/packet.h"

namespace sw::packet {

struct DecoderOptions {
  DefragOptions defrag;
};

struct DecodeStats {
  uint64_t packets = 0;
  uint64_t bytes = 0;
  uint64_t ipv4 = 0, ipv6 = 0, tcp = 0, udp = 0, icmp = 0, other_ip = 0, not_ip = 0;
  uint64_t vlan = 0;
  // Frames by link layer (Suricata's decoder.ethernet, decoder.chdlc, ...).
  uint64_t ethernet = 0, sll = 0, sll2 = 0, ppp = 0, chdlc = 0, null = 0, raw = 0, nflog = 0, pppoe = 0, mpls = 0;
  std::array<uint64_t, kDecodeErrorCount> errors{};  // by DecodeError

  uint64_t decode_errors() const;  // every kind but kUnsupportedLink
};

class Decoder {
 public:
  explicit Decoder(DecoderOptions options = {}) : defrag_(options.defrag) {}

  // Fills `out`. False when the packet could not be decoded (out.error says
  // why), or is a fragment held for reassembly (out.fragment_pending).
  bool Decode(const RawPacket& raw, Packet& out);

  const DecodeStats& stats() const { return stats_; }
  const DefragStats& defrag_stats() const { return defrag_.stats(); }

 private:
  bool Fail(Packet& p, DecodeError e);
  bool LinkLayer(Bytes frame, Packet& p);
  bool Ethernet(Bytes b, Packet& p);
  bool ByEtherType(uint16_t type, Bytes b, Packet& p);
  bool ByVersion(Bytes b, Packet& p);
  bool Ipv4(Bytes b, Packet& p);
  bool Ipv6(Bytes b, Packet& p);
  bool Transport(uint8_t proto, Bytes b, Packet& p);

  Defragmenter defrag_;
  std::vector<uint8_t> datagram_;  // the last reassembled datagram
  DecodeStats stats_;
};

}  // namespace sw::packet
