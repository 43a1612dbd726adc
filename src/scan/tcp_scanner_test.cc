// SPDX-License-Identifier: Apache-2.0
//
// The connect scanner against real sockets on loopback: listeners it must
// find open, ports it must find closed, a listener whose accept queue is full
// (the kernel drops further SYNs, exactly like a firewall) it must call
// filtered after its retry, and hosts outside the scope that must get no
// connection at all.
#include "scan/tcp_scanner.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "scan/scope.h"
#include "scan/testing/listener.h"

namespace sw::scan {
namespace {

using testing::ClosedPort;
using testing::Listener;

TargetHost Host(const char* a) { return {boost::asio::ip::make_address(a), ""}; }

std::map<uint16_t, model::PortState> States(const HostReport& r) {
  std::map<uint16_t, model::PortState> m;
  for (const auto& p : r.ports) m[p.port] = p.state;
  return m;
}

TEST(TcpConnectScanner, FindsOpenAndClosedPorts) {
  Listener a, b;
  const uint16_t closed = ClosedPort();
  auto scope = CidrScope::Parse({"127.0.0.0/8"});
  TcpScanOptions o;
  o.ports = {a.port(), b.port(), closed};
  TcpConnectScanner scanner(*scope, o);
  auto reports = scanner.Run({Host("127.0.0.1")});
  ASSERT_EQ(reports.size(), 1u);
  ASSERT_TRUE(reports[0].admission.ok());
  auto s = States(reports[0]);
  EXPECT_EQ(s.at(a.port()), model::PortState::kOpen);
  EXPECT_EQ(s.at(b.port()), model::PortState::kOpen);
  EXPECT_EQ(s.at(closed), model::PortState::kClosed);
  EXPECT_EQ(scanner.stats().attempts, 3u);
  EXPECT_EQ(scanner.stats().retries, 0u);
  EXPECT_GT(reports[0].smoothed_rtt.count(), 0);
}

TEST(TcpConnectScanner, FullAcceptQueueLooksFilteredAfterARetry) {
  testing::FullListener full;
  auto scope = CidrScope::Parse({"127.0.0.1"});
  TcpScanOptions o;
  o.ports = {full.port()};
  o.initial_timeout = std::chrono::milliseconds(150);
  o.max_retries = 1;
  TcpConnectScanner scanner(*scope, o);
  auto reports = scanner.Run({Host("127.0.0.1")});
  EXPECT_EQ(States(reports[0]).at(full.port()), model::PortState::kFiltered);
  EXPECT_EQ(scanner.stats().attempts, 2u);
  EXPECT_EQ(scanner.stats().retries, 1u);
}

TEST(TcpConnectScanner, HostsOutsideTheScopeGetNoPacket) {
  Listener inside("127.0.0.1");
  Listener outside("127.0.0.2");
  auto scope = CidrScope::Parse({"127.0.0.1/32"});
  TcpScanOptions o;
  o.ports = {inside.port(), outside.port()};
  TcpConnectScanner scanner(*scope, o);
  auto reports = scanner.Run({Host("127.0.0.1"), Host("127.0.0.2")});
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(reports[0].admission.ok());
  EXPECT_EQ(reports[1].admission.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(reports[1].admission.message(), "127.0.0.2 is outside the authorized scope");
  EXPECT_TRUE(reports[1].ports.empty());
  EXPECT_EQ(scanner.stats().attempts, 2u);  // both ports of the admitted host only
  EXPECT_EQ(outside.Drain(), 0);            // not one connection reached it
  EXPECT_EQ(inside.Drain(), 1);
}

TEST(TcpConnectScanner, RespectsTheRateLimit) {
  Listener l;
  auto scope = CidrScope::Parse({"127.0.0.1"});
  TcpScanOptions o;
  o.ports = {l.port()};
  // 60 distinct ports at 200 per second cannot finish in under 0.2 s: a
  // lower bound that only pacing guarantees, not a speed expectation.
  for (uint16_t p = 1; o.ports.size() < 60; ++p) {
    if (p != l.port()) o.ports.push_back(static_cast<uint16_t>(40000 + p));
  }
  o.packets_per_second = 200;
  TcpConnectScanner scanner(*scope, o);
  scanner.Run({Host("127.0.0.1")});
  EXPECT_EQ(scanner.stats().attempts, 60u);
  EXPECT_GE(scanner.stats().elapsed.count(), 200);  // 60 slots, 16 may be a burst
}

TEST(TcpConnectScanner, ScansIpv6) {
  const int fd = socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    GTEST_SKIP() << "no IPv6 loopback on this machine";
  }
  listen(fd, 16);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const uint16_t open_port = ntohs(a.sin6_port);
  auto scope = CidrScope::Parse({"::1"});
  TcpScanOptions o;
  o.ports = {open_port, ClosedPort()};
  TcpConnectScanner scanner(*scope, o);
  auto reports = scanner.Run({Host("::1")});
  close(fd);
  ASSERT_TRUE(reports[0].admission.ok());
  EXPECT_EQ(States(reports[0]).at(open_port), model::PortState::kOpen);
  EXPECT_EQ(States(reports[0]).at(o.ports[1]), model::PortState::kClosed);
}

TEST(CidrScope, ParsesAndDecides) {
  auto s = CidrScope::Parse({"192.0.2.0/24", "2001:db8::/64"});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->Admit(Host("192.0.2.200")).ok());
  EXPECT_FALSE(s->Admit(Host("192.0.3.1")).ok());
  EXPECT_TRUE(s->Admit(Host("2001:db8::5")).ok());
  EXPECT_FALSE(s->Admit(Host("2001:db9::5")).ok());
  EXPECT_EQ(CidrScope::Parse({"10.0.0.0/40"}).status().message(), "scope \"10.0.0.0/40\": bad prefix length");
  EXPECT_FALSE(CidrScope::Parse({"nonsense"}).ok());
}

}  // namespace
}  // namespace sw::scan

namespace sw::scan {
namespace {

class CountingControl final : public ScanControl {
 public:
  bool Cancelled() const override { return false; }
  void Progress(ScanPhase, uint64_t done, uint64_t total) override {
    std::lock_guard lock(mu_);
    max_done_ = std::max(max_done_, done);
    total_ = total;
  }
  uint64_t max_done() const { return max_done_; }
  uint64_t total() const { return total_; }

 private:
  std::mutex mu_;
  uint64_t max_done_ = 0, total_ = 0;
};

TEST(TcpConnectScanner, ThreadsShareTheWorkAndReportEveryPortOnce) {
  testing::Listener a, b;
  auto scope = CidrScope::Parse({"127.0.0.0/8"});
  TcpScanOptions o;
  // 3,000 ports around the two listeners, so three threads get work.
  std::set<uint16_t> ports = {a.port(), b.port()};
  for (uint16_t p = 40000; ports.size() < 3000; ++p) ports.insert(p);
  o.ports.assign(ports.begin(), ports.end());
  o.packets_per_second = 100000;
  o.threads = 3;
  CountingControl control;
  o.control = &control;
  TcpConnectScanner scanner(*scope, o);
  auto reports = scanner.Run({{boost::asio::ip::make_address("127.0.0.1"), ""}});
  ASSERT_EQ(reports.size(), 1u);
  ASSERT_EQ(reports[0].ports.size(), 3000u);
  std::set<uint16_t> open, seen;
  for (const auto& p : reports[0].ports) {
    seen.insert(p.port);
    if (p.state == model::PortState::kOpen) open.insert(p.port);
  }
  EXPECT_EQ(seen, ports);
  EXPECT_TRUE(open.count(a.port()) && open.count(b.port()));
  EXPECT_EQ(control.total(), 3000u);
  EXPECT_EQ(control.max_done(), 3000u);
  EXPECT_GE(scanner.stats().attempts, 3000u);
}

}  // namespace
}  // namespace sw::scan
