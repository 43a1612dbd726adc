// SPDX-License-Identifier: Apache-2.0
#include "packet/flow.h"

#include <gtest/gtest.h>

#include <vector>

namespace sw::packet {
namespace {

Packet Tcp(const char* src, uint16_t sport, const char* dst, uint16_t dport, uint8_t flags, int second) {
  Packet p;
  p.ip_version = 4;
  p.ip_proto = 6;
  uint8_t a[4], b[4];
  sscanf(src, "%hhu.%hhu.%hhu.%hhu", &a[0], &a[1], &a[2], &a[3]);
  sscanf(dst, "%hhu.%hhu.%hhu.%hhu", &b[0], &b[1], &b[2], &b[3]);
  p.src = IpAddr::V4(a);
  p.dst = IpAddr::V4(b);
  p.sport = sport;
  p.dport = dport;
  p.tcp_flags = flags;
  p.wire_length = 60;
  p.ts = PacketTime(std::chrono::seconds(second));
  return p;
}

TEST(FlowTable, BothDirectionsShareOneFlowWithTheClientFirst) {
  std::vector<std::pair<uint64_t, FlowEndReason>> ended;
  FlowTable t({}, [&](Flow& f, FlowEndReason r) { ended.emplace_back(f.packets_to_server + f.packets_to_client, r); });
  bool to_server = false;
  Flow* f = t.Update(Tcp("10.0.0.5", 40000, "192.0.2.80", 80, kTcpSyn, 0), to_server);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(to_server);
  const uint64_t id = f->id;
  EXPECT_LT(id, uint64_t{1} << 53);
  f = t.Update(Tcp("192.0.2.80", 80, "10.0.0.5", 40000, kTcpSyn | kTcpAck, 0), to_server);
  EXPECT_FALSE(to_server);
  EXPECT_EQ(f->id, id);
  f = t.Update(Tcp("10.0.0.5", 40000, "192.0.2.80", 80, kTcpAck, 0), to_server);
  EXPECT_EQ(f->tcp_state, TcpState::kEstablished);
  EXPECT_EQ(f->client.ToString(), "10.0.0.5");
  EXPECT_EQ(f->server_port, 80);
  EXPECT_EQ(f->packets_to_server, 2u);
  EXPECT_EQ(f->packets_to_client, 1u);
  EXPECT_EQ(t.stats().active, 1u);
  t.Flush();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].first, 3u);
  EXPECT_EQ(ended[0].second, FlowEndReason::kShutdown);
}

TEST(FlowTable, MidStreamSynAckMakesTheSenderTheServer) {
  FlowTable t;
  bool to_server = true;
  Flow* f = t.Update(Tcp("192.0.2.80", 443, "10.0.0.5", 50000, kTcpSyn | kTcpAck, 0), to_server);
  EXPECT_FALSE(to_server);
  EXPECT_EQ(f->server.ToString(), "192.0.2.80");
}

TEST(FlowTable, MidStreamSessionsCountAsEstablishedOnlyWhenAllowed) {
  for (bool midstream : {false, true}) {
    FlowTable t({.midstream = midstream});
    bool dir = false;
    Flow* f = t.Update(Tcp("10.0.0.5", 40000, "192.0.2.80", 80, kTcpAck | kTcpPsh, 0), dir);
    EXPECT_FALSE(f->tcp_handshake);
    EXPECT_EQ(f->tcp_state == TcpState::kEstablished, midstream) << midstream;
    t.Update(Tcp("10.0.0.5", 40000, "192.0.2.80", 80, kTcpRst, 0), dir);
    EXPECT_EQ(f->tcp_state, TcpState::kClosed);
    EXPECT_EQ(f->was_established, midstream);
  }
}

TEST(FlowTable, TimeoutsAndEviction) {
  int timeouts = 0, evictions = 0;
  FlowTable t({.max_flows = 2}, [&](Flow&, FlowEndReason r) {
    if (r == FlowEndReason::kTimeout) ++timeouts;
    if (r == FlowEndReason::kEvicted) ++evictions;
  });
  bool dir = false;
  t.Update(Tcp("10.0.0.1", 1, "10.0.0.2", 2, kTcpSyn, 0), dir);
  t.Update(Tcp("10.0.0.1", 3, "10.0.0.2", 4, kTcpSyn, 0), dir);
  t.Update(Tcp("10.0.0.1", 5, "10.0.0.2", 6, kTcpSyn, 0), dir);  // the table is full: the oldest goes
  EXPECT_EQ(evictions, 1);
  EXPECT_EQ(t.stats().active, 2u);
  // An unanswered SYN times out after 30 s.
  t.Update(Tcp("10.0.0.1", 7, "10.0.0.2", 8, kTcpSyn, 31), dir);
  EXPECT_GE(timeouts, 1);
}

}  // namespace
}  // namespace sw::packet
