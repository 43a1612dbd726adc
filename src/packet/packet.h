// SPDX-License-Identifier: Apache-2.0
//
// Packet: one captured frame and what the decoders found in it: link layer
// (VLAN tags), IP (version, addresses, protocol, fragment state), transport
// (ports, TCP flags and sequence numbers, ICMP type) and the payload. Every
// span points into the frame or, for a reassembled IP datagram, into the
// decoder's buffer; both stay valid until the next packet is decoded. Plain
// value; not thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>

namespace sw::packet {

using Bytes = std::span<const uint8_t>;
using PacketTime = std::chrono::sys_time<std::chrono::microseconds>;

// Link types as numbered by tcpdump.org (LINKTYPE_*), the values pcap and
// pcapng files carry.
enum LinkType : int {
  kLinkNull = 0,       // BSD loopback: 4-byte address family in host order
  kLinkEthernet = 1,
  kLinkPpp = 9,
  kLinkRaw = 101,      // raw IPv4 or IPv6
  kLinkCiscoHdlc = 104,
  kLinkLinuxSll = 113,
  kLinkLoop = 108,     // OpenBSD loopback: family in network order
  kLinkIpv4 = 228,
  kLinkIpv6 = 229,
  kLinkNflog = 239,
  kLinkLinuxSll2 = 276,
};

// An IPv4 address is kept IPv4-mapped (::ffff:a.b.c.d) so both families
// hash and compare alike.
struct IpAddr {
  std::array<uint8_t, 16> bytes{};
  bool operator==(const IpAddr&) const = default;
  auto operator<=>(const IpAddr&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy misreads the defaulted <=>
  bool is_v4() const;
  static IpAddr V4(const uint8_t* four);
  static IpAddr V6(const uint8_t* sixteen);
  std::string ToString() const;  // "192.0.2.1", "2001:db8::1"
};

enum class DecodeError : uint8_t {
  kNone,
  kUnsupportedLink,    // not an error of the packet: a link type we do not decode
  kTruncatedLink,
  kTruncatedIp,
  kBadIpVersion,
  kBadIpHeaderLength,
  kBadIpTotalLength,
  kTruncatedIpv6,
  kBadIpv6Extension,
  kFragmentDropped,    // over the memory bound, overlapping badly, or too large
  kTruncatedTcp,
  kBadTcpHeaderLength,
  kTruncatedUdp,
  kBadUdpLength,
  kTruncatedIcmp,
  kTooManyVlans,
};

std::string_view DecodeErrorName(DecodeError e);  // "ipv4.truncated", ...
inline constexpr size_t kDecodeErrorCount = static_cast<size_t>(DecodeError::kTooManyVlans) + 1;

struct RawPacket {
  PacketTime ts;
  uint32_t wire_length = 0;  // on the wire; data may be shorter (snap length)
  int link_type = kLinkEthernet;
  Bytes data;
};

struct Packet {
  PacketTime ts;
  uint32_t wire_length = 0;
  int link_type = kLinkEthernet;
  Bytes frame;

  std::array<uint16_t, 2> vlan{};
  uint8_t vlan_count = 0;

  uint8_t ip_version = 0;  // 0: no IP layer
  IpAddr src, dst;
  uint8_t ip_proto = 0;    // 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...
  uint8_t ttl = 0;
  bool reassembled = false;  // the IP datagram was put together from fragments
  bool fragment_pending = false;  // a fragment held for reassembly: nothing above IP yet
  Bytes ip;                  // the IP header and everything after it

  uint16_t sport = 0, dport = 0;
  uint8_t tcp_flags = 0;
  uint32_t seq = 0, ack = 0;
  uint16_t window = 0;
  uint8_t icmp_type = 0, icmp_code = 0;
  Bytes payload;  // above TCP/UDP/ICMP, or above IP for other protocols

  DecodeError error = DecodeError::kNone;

  bool is_tcp() const { return ip_proto == 6 && error == DecodeError::kNone && !fragment_pending; }
  bool is_udp() const { return ip_proto == 17 && error == DecodeError::kNone && !fragment_pending; }
};

// TCP flag bits.
inline constexpr uint8_t kTcpFin = 0x01, kTcpSyn = 0x02, kTcpRst = 0x04, kTcpPsh = 0x08, kTcpAck = 0x10,
                         kTcpUrg = 0x20;

}  // namespace sw::packet
