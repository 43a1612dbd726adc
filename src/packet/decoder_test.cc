// SPDX-License-Identifier: Apache-2.0
//
// The decoder on frames built byte by byte: every layer's fields, and every
// kind of malformed input as a counted error (never a crash, never a read
// past the captured bytes: ASan checks that on the test run).
#include "packet/decoder.h"

#include <gtest/gtest.h>

#include <vector>

namespace sw::packet {
namespace {

using Frame = std::vector<uint8_t>;

void Put16(Frame& f, uint16_t v) {
  f.push_back(static_cast<uint8_t>(v >> 8));
  f.push_back(static_cast<uint8_t>(v));
}
void Put32(Frame& f, uint32_t v) {
  Put16(f, static_cast<uint16_t>(v >> 16));
  Put16(f, static_cast<uint16_t>(v));
}

Frame Ethernet(uint16_t type, std::vector<uint16_t> vlans = {}) {
  Frame f(12, 0xAA);
  for (uint16_t v : vlans) {
    Put16(f, 0x8100);
    Put16(f, v);
  }
  Put16(f, type);
  return f;
}

// An IPv4 header (no options) for `payload_len` bytes of `proto`.
Frame Ipv4Header(uint8_t proto, size_t payload_len, uint16_t id = 1, uint16_t frag = 0) {
  Frame f = {0x45, 0};
  Put16(f, static_cast<uint16_t>(20 + payload_len));
  Put16(f, id);
  Put16(f, frag);
  f.push_back(64);
  f.push_back(proto);
  Put16(f, 0);
  for (uint8_t b : {192, 0, 2, 1, 198, 51, 100, 7}) f.push_back(b);
  return f;
}

Frame Tcp(uint16_t sport, uint16_t dport, uint8_t flags, const std::string& data) {
  Frame f;
  Put16(f, sport);
  Put16(f, dport);
  Put32(f, 1000);
  Put32(f, 2000);
  f.push_back(0x50);
  f.push_back(flags);
  Put16(f, 65535);
  Put32(f, 0);
  f.insert(f.end(), data.begin(), data.end());
  return f;
}

Frame Udp(uint16_t sport, uint16_t dport, const std::string& data) {
  Frame f;
  Put16(f, sport);
  Put16(f, dport);
  Put16(f, static_cast<uint16_t>(8 + data.size()));
  Put16(f, 0);
  f.insert(f.end(), data.begin(), data.end());
  return f;
}

Frame Cat(std::initializer_list<Frame> parts) {
  Frame out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

RawPacket Raw(const Frame& f, int link = kLinkEthernet) {
  RawPacket r;
  r.data = Bytes(f);
  r.wire_length = static_cast<uint32_t>(f.size());
  r.link_type = link;
  return r;
}

std::string Text(Bytes b) { return std::string(b.begin(), b.end()); }

TEST(Decoder, EthernetVlanIpv4Tcp) {
  const Frame tcp = Tcp(49152, 80, kTcpPsh | kTcpAck, "GET / HTTP/1.1\r\n");
  Frame f = Cat({Ethernet(0x0800, {0x0064, 0x2005}), Ipv4Header(6, tcp.size()), tcp});
  f.insert(f.end(), 6, 0);  // Ethernet padding past the IP total length
  Decoder d;
  Packet p;
  ASSERT_TRUE(d.Decode(Raw(f), p)) << DecodeErrorName(p.error);
  EXPECT_EQ(p.vlan_count, 2);
  EXPECT_EQ(p.vlan[0], 100);
  EXPECT_EQ(p.vlan[1], 5);
  EXPECT_EQ(p.ip_version, 4);
  EXPECT_EQ(p.src.ToString(), "192.0.2.1");
  EXPECT_EQ(p.dst.ToString(), "198.51.100.7");
  EXPECT_EQ(p.ttl, 64);
  EXPECT_EQ(p.sport, 49152);
  EXPECT_EQ(p.dport, 80);
  EXPECT_EQ(p.seq, 1000u);
  EXPECT_EQ(p.ack, 2000u);
  EXPECT_EQ(p.tcp_flags, kTcpPsh | kTcpAck);
  EXPECT_EQ(Text(p.payload), "GET / HTTP/1.1\r\n");  // padding not included
  EXPECT_EQ(d.stats().tcp, 1u);
  EXPECT_EQ(d.stats().vlan, 2u);
}

TEST(Decoder, Ipv6WithExtensionHeadersAndUdp) {
  const Frame udp = Udp(5353, 53, "query");
  // Hop-by-hop (8 bytes) then destination options (8 bytes) then UDP.
  Frame hop = {60, 0, 1, 4, 0, 0, 0, 0};
  Frame dst = {17, 0, 1, 4, 0, 0, 0, 0};
  Frame ip6 = {0x60, 0, 0, 0};
  Put16(ip6, static_cast<uint16_t>(hop.size() + dst.size() + udp.size()));
  ip6.push_back(0);  // next: hop-by-hop
  ip6.push_back(255);
  for (int i = 0; i < 15; ++i) ip6.push_back(i == 0 ? 0x20 : (i == 1 ? 0x01 : (i == 2 ? 0x0d : (i == 3 ? 0xb8 : 0))));
  ip6.push_back(1);
  for (int i = 0; i < 15; ++i) ip6.push_back(i == 0 ? 0x20 : (i == 1 ? 0x01 : (i == 2 ? 0x0d : (i == 3 ? 0xb8 : 0))));
  ip6.push_back(2);
  Frame f = Cat({Ethernet(0x86DD), ip6, hop, dst, udp});
  Decoder d;
  Packet p;
  ASSERT_TRUE(d.Decode(Raw(f), p)) << DecodeErrorName(p.error);
  EXPECT_EQ(p.ip_version, 6);
  EXPECT_EQ(p.src.ToString(), "2001:db8::1");
  EXPECT_EQ(p.dst.ToString(), "2001:db8::2");
  EXPECT_EQ(p.ip_proto, 17);
  EXPECT_EQ(p.sport, 5353);
  EXPECT_EQ(p.dport, 53);
  EXPECT_EQ(Text(p.payload), "query");
}

TEST(Decoder, OtherLinkTypes) {
  const Frame udp = Udp(1, 2, "x");
  const Frame ip = Cat({Ipv4Header(17, udp.size()), udp});
  Decoder d;
  Packet p;
  Frame null_frame = Cat({Frame{2, 0, 0, 0}, ip});  // BSD loopback, little-endian AF_INET
  EXPECT_TRUE(d.Decode(Raw(null_frame, kLinkNull), p));
  EXPECT_EQ(p.dport, 2);
  EXPECT_TRUE(d.Decode(Raw(ip, kLinkRaw), p));
  Frame sll(14, 0);
  Put16(sll, 0x0800);
  EXPECT_TRUE(d.Decode(Raw(Cat({sll, ip}), kLinkLinuxSll), p));
  Frame sll2;
  Put16(sll2, 0x0800);
  sll2.resize(20, 0);
  EXPECT_TRUE(d.Decode(Raw(Cat({sll2, ip}), kLinkLinuxSll2), p));
  EXPECT_TRUE(d.Decode(Raw(Cat({Frame{0xFF, 0x03, 0x00, 0x21}, ip}), kLinkPpp), p));
  EXPECT_EQ(d.stats().udp, 5u);
  EXPECT_FALSE(d.Decode(Raw(ip, 105 /* 802.11 */), p));
  EXPECT_EQ(p.error, DecodeError::kUnsupportedLink);
  EXPECT_EQ(d.stats().decode_errors(), 0u);  // an unsupported link type is not a broken packet
}

TEST(Decoder, MalformedPacketsAreCountedErrors) {
  Decoder d;
  Packet p;
  const Frame tcp = Tcp(1, 2, kTcpSyn, "");
  const Frame good = Cat({Ethernet(0x0800), Ipv4Header(6, tcp.size()), tcp});
  struct Case {
    Frame frame;
    DecodeError error;
  };
  Frame lying_total = good;
  lying_total[14 + 2] = 0x10;  // total length 4096 > captured
  Frame short_ihl = good;
  short_ihl[14] = 0x44;  // header length 16 < 20
  Frame bad_doff = good;
  bad_doff[14 + 20 + 12] = 0x20;  // TCP data offset 8 < 20
  Frame big_doff = good;
  big_doff[14 + 20 + 12] = 0xF0;  // 60-byte TCP header in 20 bytes
  const std::vector<Case> cases = {
      {Frame(10, 0), DecodeError::kTruncatedLink},
      {Frame(good.begin(), good.begin() + 30), DecodeError::kTruncatedIp},
      {lying_total, DecodeError::kTruncatedIp},
      {short_ihl, DecodeError::kBadIpHeaderLength},
      {Frame(good.begin(), good.end() - 1), DecodeError::kTruncatedIp},
      {bad_doff, DecodeError::kBadTcpHeaderLength},
      {big_doff, DecodeError::kTruncatedTcp},
      {Cat({Ethernet(0x8100, {1, 2}), Frame{0x81, 0x00, 0, 3, 0x08, 0x00}}), DecodeError::kTooManyVlans},
      {Cat({Ethernet(0x86DD), Frame(20, 0x60)}), DecodeError::kTruncatedIpv6},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_FALSE(d.Decode(Raw(cases[i].frame), p)) << i;
    EXPECT_EQ(p.error, cases[i].error) << i << ": " << DecodeErrorName(p.error);
  }
  EXPECT_EQ(d.stats().decode_errors(), cases.size());
}

TEST(Decoder, Ipv4FragmentsAreReassembledFirstDataWins) {
  // A UDP datagram of 8 + 16 bytes in three fragments, the second one sent
  // twice with different bytes: the first copy must win.
  const Frame udp = Udp(1000, 53, "AAAAAAAABBBBBBBB");
  auto frag = [&](size_t from, size_t len, bool more, char fill = 0) {
    Frame part(udp.begin() + static_cast<long>(from), udp.begin() + static_cast<long>(from + len));
    if (fill) std::fill(part.begin(), part.end(), static_cast<uint8_t>(fill));
    const uint16_t flags = static_cast<uint16_t>((more ? 0x2000 : 0) | (from / 8));
    return Cat({Ethernet(0x0800), Ipv4Header(17, part.size(), 77, flags), part});
  };
  Decoder d;
  Packet p;
  EXPECT_FALSE(d.Decode(Raw(frag(8, 8, true)), p));
  EXPECT_TRUE(p.fragment_pending);
  EXPECT_FALSE(d.Decode(Raw(frag(8, 8, true, 'Z')), p));  // the overlapping copy
  EXPECT_FALSE(d.Decode(Raw(frag(16, 8, false)), p));
  ASSERT_TRUE(d.Decode(Raw(frag(0, 8, true)), p)) << DecodeErrorName(p.error);
  EXPECT_TRUE(p.reassembled);
  EXPECT_EQ(p.dport, 53);
  EXPECT_EQ(Text(p.payload), "AAAAAAAABBBBBBBB");
  EXPECT_EQ(d.defrag_stats().reassembled, 1u);
  EXPECT_EQ(d.defrag_stats().overlaps, 1u);
}

}  // namespace
}  // namespace sw::packet
