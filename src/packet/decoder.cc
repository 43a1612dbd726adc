// SPDX-License-Identifier: Apache-2.0
#include "packet/decoder.h"

#include <cstring>

namespace sw::packet {
namespace {

uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t Be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}
uint16_t Le16(const uint8_t* p) { return static_cast<uint16_t>(p[1] << 8 | p[0]); }
uint32_t Le32(const uint8_t* p) {
  return uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | uint32_t{p[0]};
}

constexpr uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86DD, kEtherVlan = 0x8100, kEtherQinQ = 0x88A8,
                   kEtherQinQOld = 0x9100, kEtherMpls = 0x8847, kEtherMplsMulticast = 0x8848,
                   kEtherPppoeSession = 0x8864;
constexpr int kMaxVlans = 2;
constexpr int kMaxMplsLabels = 16;
constexpr int kMaxIpv6Extensions = 16;

}  // namespace

uint64_t DecodeStats::decode_errors() const {
  uint64_t n = 0;
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i != static_cast<size_t>(DecodeError::kNone) && i != static_cast<size_t>(DecodeError::kUnsupportedLink)) {
      n += errors[i];
    }
  }
  return n;
}

bool Decoder::Fail(Packet& p, DecodeError e) {
  p.error = e;
  ++stats_.errors[static_cast<size_t>(e)];
  return false;
}

bool Decoder::Decode(const RawPacket& raw, Packet& p) {
  p = Packet{};
  p.ts = raw.ts;
  p.wire_length = raw.wire_length;
  p.link_type = raw.link_type;
  p.frame = raw.data;
  ++stats_.packets;
  stats_.bytes += raw.wire_length;
  return LinkLayer(raw.data, p);
}

bool Decoder::LinkLayer(Bytes b, Packet& p) {
  switch (p.link_type) {
    case kLinkEthernet:
      ++stats_.ethernet;
      return Ethernet(b, p);
    case kLinkNull:
    case kLinkLoop: {
      ++stats_.null;
      if (b.size() < 4) return Fail(p, DecodeError::kTruncatedLink);
      // The address family, in the capturing host's order (NULL) or network
      // order (LOOP); IPv6 has several values across the BSDs.
      const uint32_t family = p.link_type == kLinkLoop ? Be32(b.data())
                              : Le32(b.data()) < 256  ? Le32(b.data())
                                                      : Be32(b.data());
      if (family == 2) return Ipv4(b.subspan(4), p);
      if (family == 10 || family == 24 || family == 28 || family == 30) return Ipv6(b.subspan(4), p);
      ++stats_.not_ip;
      return true;
    }
    case kLinkRaw:
    case 12:  // LINKTYPE_RAW as some systems number it
    case 14:
      ++stats_.raw;
      return ByVersion(b, p);
    case kLinkIpv4:
      ++stats_.raw;
      return Ipv4(b, p);
    case kLinkIpv6:
      ++stats_.raw;
      return Ipv6(b, p);
    case kLinkLinuxSll:
      ++stats_.sll;
      if (b.size() < 16) return Fail(p, DecodeError::kTruncatedLink);
      return ByEtherType(Be16(b.data() + 14), b.subspan(16), p);
    case kLinkLinuxSll2:
      ++stats_.sll2;
      if (b.size() < 20) return Fail(p, DecodeError::kTruncatedLink);
      return ByEtherType(Be16(b.data()), b.subspan(20), p);
    case kLinkPpp: {
      ++stats_.ppp;
      size_t at = 0;
      if (b.size() >= 2 && b[0] == 0xFF && b[1] == 0x03) at = 2;  // address and control
      if (b.size() < at + 2) return Fail(p, DecodeError::kTruncatedLink);
      const uint16_t proto = Be16(b.data() + at);
      if (proto == 0x0021) return Ipv4(b.subspan(at + 2), p);
      if (proto == 0x0057) return Ipv6(b.subspan(at + 2), p);
      ++stats_.not_ip;
      return true;
    }
    case kLinkCiscoHdlc:
      ++stats_.chdlc;
      if (b.size() < 4) return Fail(p, DecodeError::kTruncatedLink);
      return ByEtherType(Be16(b.data() + 2), b.subspan(4), p);
    case kLinkNflog: {
      ++stats_.nflog;
      // A 4-byte header, then TLVs (length and type in host order, padded
      // to 4); type 9 carries the packet.
      if (b.size() < 4) return Fail(p, DecodeError::kTruncatedLink);
      size_t at = 4;
      while (at + 4 <= b.size()) {
        const uint16_t len = Le16(b.data() + at);
        const uint16_t type = Le16(b.data() + at + 2);
        if (len < 4 || at + len > b.size()) return Fail(p, DecodeError::kTruncatedLink);
        if (type == 9) return ByVersion(b.subspan(at + 4, len - 4), p);
        at += (static_cast<size_t>(len) + 3) & ~size_t{3};
      }
      ++stats_.not_ip;
      return true;
    }
    default:
      return Fail(p, DecodeError::kUnsupportedLink);
  }
}

bool Decoder::Ethernet(Bytes b, Packet& p) {
  if (b.size() < 14) return Fail(p, DecodeError::kTruncatedLink);
  return ByEtherType(Be16(b.data() + 12), b.subspan(14), p);
}

bool Decoder::ByEtherType(uint16_t type, Bytes b, Packet& p) {
  int mpls = 0;
  while (true) {
    switch (type) {
      case kEtherIpv4:
        return Ipv4(b, p);
      case kEtherIpv6:
        return Ipv6(b, p);
      case kEtherVlan:
      case kEtherQinQ:
      case kEtherQinQOld:
        if (p.vlan_count >= kMaxVlans) return Fail(p, DecodeError::kTooManyVlans);
        if (b.size() < 4) return Fail(p, DecodeError::kTruncatedLink);
        p.vlan[p.vlan_count++] = Be16(b.data()) & 0x0FFF;
        ++stats_.vlan;
        type = Be16(b.data() + 2);
        b = b.subspan(4);
        continue;
      case kEtherMpls:
      case kEtherMplsMulticast:
        ++stats_.mpls;
        // Labels until the bottom of the stack; then the payload's first
        // nibble says IPv4 or IPv6.
        while (true) {
          if (b.size() < 4 || ++mpls > kMaxMplsLabels) return Fail(p, DecodeError::kTruncatedLink);
          const bool bottom = (b[2] & 0x01) != 0;
          b = b.subspan(4);
          if (bottom) break;
        }
        return ByVersion(b, p);
      case kEtherPppoeSession: {
        ++stats_.pppoe;
        if (b.size() < 8) return Fail(p, DecodeError::kTruncatedLink);
        const uint16_t proto = Be16(b.data() + 6);
        if (proto == 0x0021) return Ipv4(b.subspan(8), p);
        if (proto == 0x0057) return Ipv6(b.subspan(8), p);
        ++stats_.not_ip;
        return true;
      }
      default:
        ++stats_.not_ip;  // ARP, LLDP, STP, ...: not ours to decode
        return true;
    }
  }
}

bool Decoder::ByVersion(Bytes b, Packet& p) {
  if (b.empty()) return Fail(p, DecodeError::kTruncatedIp);
  const int version = b[0] >> 4;
  if (version == 4) return Ipv4(b, p);
  if (version == 6) return Ipv6(b, p);
  return Fail(p, DecodeError::kBadIpVersion);
}

bool Decoder::Ipv4(Bytes b, Packet& p) {
  if (b.size() < 20) return Fail(p, DecodeError::kTruncatedIp);
  if ((b[0] >> 4) != 4) return Fail(p, DecodeError::kBadIpVersion);
  const size_t header = static_cast<size_t>(b[0] & 0x0F) * 4;
  if (header < 20) return Fail(p, DecodeError::kBadIpHeaderLength);
  if (b.size() < header) return Fail(p, DecodeError::kTruncatedIp);
  const size_t total = Be16(b.data() + 2);
  if (total < header) return Fail(p, DecodeError::kBadIpTotalLength);
  if (total > b.size()) return Fail(p, DecodeError::kTruncatedIp);
  b = b.first(total);  // drop link-layer padding
  ++stats_.ipv4;
  p.ip_version = 4;
  p.ip = b;
  p.ttl = b[8];
  p.ip_proto = b[9];
  p.src = IpAddr::V4(b.data() + 12);
  p.dst = IpAddr::V4(b.data() + 16);
  const uint16_t frag = Be16(b.data() + 6);
  const bool more = (frag & 0x2000) != 0;
  const uint32_t offset = static_cast<uint32_t>(frag & 0x1FFF) * 8;
  if (more || offset != 0) {
    FragmentKey key{p.src, p.dst, Be16(b.data() + 4), p.ip_proto, 4, p.vlan_count ? p.vlan[0] : uint16_t{0}};
    switch (defrag_.Add(key, p.ts, offset, more, b.first(header), b.subspan(header), datagram_)) {
      case Defragmenter::Outcome::kHeld:
        p.fragment_pending = true;
        return false;
      case Defragmenter::Outcome::kDropped:
        return Fail(p, DecodeError::kFragmentDropped);
      case Defragmenter::Outcome::kComplete:
        p.reassembled = true;
        p.ip = Bytes(datagram_);
        return Transport(p.ip_proto, p.ip.subspan(header), p);
    }
  }
  return Transport(p.ip_proto, b.subspan(header), p);
}

bool Decoder::Ipv6(Bytes b, Packet& p) {
  if (b.size() < 40) return Fail(p, DecodeError::kTruncatedIpv6);
  if ((b[0] >> 4) != 6) return Fail(p, DecodeError::kBadIpVersion);
  const size_t payload = Be16(b.data() + 4);
  // Payload length 0 is a jumbogram (hop-by-hop option): take what we have.
  if (payload != 0) {
    if (40 + payload > b.size()) return Fail(p, DecodeError::kTruncatedIpv6);
    b = b.first(40 + payload);
  }
  ++stats_.ipv6;
  p.ip_version = 6;
  p.ip = b;
  p.ttl = b[7];
  p.src = IpAddr::V6(b.data() + 8);
  p.dst = IpAddr::V6(b.data() + 24);
  uint8_t next = b[6];
  size_t at = 40;
  for (int n = 0; n < kMaxIpv6Extensions; ++n) {
    switch (next) {
      case 0:    // hop-by-hop options
      case 43:   // routing
      case 60:   // destination options
      case 135:  // mobility
      case 139:  // HIP
      case 140: {  // shim6
        if (at + 8 > b.size()) return Fail(p, DecodeError::kBadIpv6Extension);
        const size_t len = (static_cast<size_t>(b[at + 1]) + 1) * 8;
        if (at + len > b.size()) return Fail(p, DecodeError::kBadIpv6Extension);
        next = b[at];
        at += len;
        continue;
      }
      case 51: {  // authentication header: length in 4-byte units, minus 2
        if (at + 8 > b.size()) return Fail(p, DecodeError::kBadIpv6Extension);
        const size_t len = (static_cast<size_t>(b[at + 1]) + 2) * 4;
        if (at + len > b.size()) return Fail(p, DecodeError::kBadIpv6Extension);
        next = b[at];
        at += len;
        continue;
      }
      case 44: {  // fragment
        if (at + 8 > b.size()) return Fail(p, DecodeError::kBadIpv6Extension);
        const uint16_t off = Be16(b.data() + at + 2);
        const uint32_t offset = static_cast<uint32_t>(off >> 3) * 8;
        const bool more = (off & 0x1) != 0;
        const uint8_t inner = b[at];
        p.ip_proto = inner;
        if (offset == 0 && !more) {  // an atomic fragment: nothing to wait for
          next = inner;
          at += 8;
          continue;
        }
        FragmentKey key{p.src, p.dst, Be32(b.data() + at + 4), inner, 6, p.vlan_count ? p.vlan[0] : uint16_t{0}};
        switch (defrag_.Add(key, p.ts, offset, more, b.first(40), b.subspan(at + 8), datagram_)) {
          case Defragmenter::Outcome::kHeld:
            p.fragment_pending = true;
            return false;
          case Defragmenter::Outcome::kDropped:
            return Fail(p, DecodeError::kFragmentDropped);
          case Defragmenter::Outcome::kComplete:
            p.reassembled = true;
            p.ip = Bytes(datagram_);
            return Transport(inner, p.ip.subspan(40), p);
        }
        return false;
      }
      default:
        p.ip_proto = next;
        return Transport(next, b.subspan(at), p);
    }
  }
  return Fail(p, DecodeError::kBadIpv6Extension);
}

bool Decoder::Transport(uint8_t proto, Bytes b, Packet& p) {
  p.ip_proto = proto;
  switch (proto) {
    case 6: {
      if (b.size() < 20) return Fail(p, DecodeError::kTruncatedTcp);
      const size_t header = static_cast<size_t>(b[12] >> 4) * 4;
      if (header < 20) return Fail(p, DecodeError::kBadTcpHeaderLength);
      if (header > b.size()) return Fail(p, DecodeError::kTruncatedTcp);
      ++stats_.tcp;
      p.sport = Be16(b.data());
      p.dport = Be16(b.data() + 2);
      p.seq = Be32(b.data() + 4);
      p.ack = Be32(b.data() + 8);
      p.tcp_flags = b[13];
      p.window = Be16(b.data() + 14);
      p.payload = b.subspan(header);
      return true;
    }
    case 17: {
      if (b.size() < 8) return Fail(p, DecodeError::kTruncatedUdp);
      const size_t len = Be16(b.data() + 4);
      if (len < 8) return Fail(p, DecodeError::kBadUdpLength);
      if (len > b.size()) return Fail(p, DecodeError::kTruncatedUdp);
      ++stats_.udp;
      p.sport = Be16(b.data());
      p.dport = Be16(b.data() + 2);
      p.payload = b.subspan(8, len - 8);
      return true;
    }
    case 1:
    case 58: {
      if (b.size() < 4) return Fail(p, DecodeError::kTruncatedIcmp);
      ++stats_.icmp;
      p.icmp_type = b[0];
      p.icmp_code = b[1];
      p.payload = b.size() >= 8 ? b.subspan(8) : b.subspan(4);
      return true;
    }
    default:
      ++stats_.other_ip;
      p.payload = b;
      return true;
  }
}

}  // namespace sw::packet
