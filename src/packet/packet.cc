// SPDX-License-Identifier: Apache-2.0
#include "packet/packet.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace sw::packet {

namespace {
constexpr std::array<uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
}  // namespace

bool IpAddr::is_v4() const { return std::memcmp(bytes.data(), kMappedPrefix.data(), 12) == 0; }

IpAddr IpAddr::V4(const uint8_t* four) {
  IpAddr a;
  std::memcpy(a.bytes.data(), kMappedPrefix.data(), 12);
  std::memcpy(a.bytes.data() + 12, four, 4);
  return a;
}

IpAddr IpAddr::V6(const uint8_t* sixteen) {
  IpAddr a;
  std::memcpy(a.bytes.data(), sixteen, 16);
  return a;
}

std::string IpAddr::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::string_view DecodeErrorName(DecodeError e) {
  switch (e) {
    case DecodeError::kNone: return "none";
    case DecodeError::kUnsupportedLink: return "link.unsupported";
    case DecodeError::kTruncatedLink: return "link.truncated";
    case DecodeError::kTruncatedIp: return "ipv4.truncated";
    case DecodeError::kBadIpVersion: return "ip.bad_version";
    case DecodeError::kBadIpHeaderLength: return "ipv4.bad_header_length";
    case DecodeError::kBadIpTotalLength: return "ipv4.bad_total_length";
    case DecodeError::kTruncatedIpv6: return "ipv6.truncated";
    case DecodeError::kBadIpv6Extension: return "ipv6.bad_extension_header";
    case DecodeError::kFragmentDropped: return "ip.fragment_dropped";
    case DecodeError::kTruncatedTcp: return "tcp.truncated";
    case DecodeError::kBadTcpHeaderLength: return "tcp.bad_header_length";
    case DecodeError::kTruncatedUdp: return "udp.truncated";
    case DecodeError::kBadUdpLength: return "udp.bad_length";
    case DecodeError::kTruncatedIcmp: return "icmp.truncated";
    case DecodeError::kTooManyVlans: return "vlan.too_many";
  }
  return "unknown";
}

}  // namespace sw::packet
