// SPDX-License-Identifier: Apache-2.0
#include "scan/service_table.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sw::scan {
namespace {

TEST(ServiceTable, OrdersByFrequencyAndSkipsOtherProtocols) {
  auto t = ServiceTable::Parse(
      "# comment\n"
      "http\t80/tcp\t0.484143\t# World Wide Web HTTP\n"
      "domain\t53/udp\t0.213496\n"
      "ssh\t22/tcp\t0.182286\n"
      "telnet\t23/tcp\t0.221265\n"
      "\n"
      "https\t443/tcp\t0.208669\n",
      "test");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->tcp_entries(), 4u);
  EXPECT_EQ(t->TopTcpPorts(2), (std::vector<uint16_t>{23, 80}));
  EXPECT_EQ(t->TopTcpPorts(10), (std::vector<uint16_t>{22, 23, 80, 443}));
  EXPECT_EQ(t->TcpServiceName(22), "ssh");
  EXPECT_EQ(t->TcpServiceName(53), "");
}

TEST(ServiceTable, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(ServiceTable::Parse("http\t80/tcp\t0.5\nssh\t22\t0.1\n", "f").status().message(),
            "f:2: expected PORT/PROTOCOL");
  EXPECT_EQ(ServiceTable::Parse("x\t99999/tcp\t0.5\n", "f").status().message(), "f:1: bad port number");
  EXPECT_EQ(ServiceTable::Parse("x\t9/tcp\tnope\n", "f").status().message(), "f:1: bad frequency");
  EXPECT_EQ(ServiceTable::Parse("x 9/tcp\n", "f").status().message(),
            "f:1: expected NAME PORT/PROTOCOL FREQUENCY");
}

TEST(ServiceTable, LoadsDebiansNmapServices) {
  if (!std::filesystem::exists(std::string(kDefaultServicesFile))) {
    GTEST_SKIP() << "nmap-common is not installed (" << kDefaultServicesFile << ")";
  }
  auto t = ServiceTable::Load(std::string(kDefaultServicesFile));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_GT(t->tcp_entries(), 8000u);
  const auto top = t->TopTcpPorts(10);
  EXPECT_EQ(top.size(), 10u);
  for (uint16_t p : {21, 22, 23, 25, 80, 443, 3389}) {
    EXPECT_NE(std::find(top.begin(), top.end(), p), top.end()) << p;
  }
  EXPECT_EQ(t->TopTcpPorts(1000).size(), 1000u);
  EXPECT_EQ(t->TcpServiceName(22), "ssh");
}

}  // namespace
}  // namespace sw::scan
