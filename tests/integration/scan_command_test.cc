// SPDX-License-Identifier: Apache-2.0
//
// `shouwang scan` as a user runs it: JSON output against real loopback
// listeners, refusals outside the declared scope, and exit codes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "core/json.h"
#include "support/shouwang_command.h"

namespace sw::testing {
namespace {

int ListenOnFreePort(uint16_t& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  listen(fd, 16);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  return fd;
}

TEST(ScanCommand, JsonReportsOpenPortsAndRefusedHosts) {
  uint16_t port = 0;
  const int fd = ListenOnFreePort(port);
  CommandRun r = Shouwang("scan 127.0.0.1 127.0.0.2 -p " + std::to_string(port) + " --scope 127.0.0.1 --json");
  close(fd);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << r.out;
  const auto& hosts = doc->at("hosts").as_array();
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_TRUE(hosts[0].at("scanned").as_bool());
  ASSERT_EQ(hosts[0].at("open").as_array().size(), 1u);
  EXPECT_EQ(hosts[0].at("open").as_array()[0].at("port").as_int64(), port);
  EXPECT_EQ(hosts[0].at("open").as_array()[0].at("state").as_string(), "open");
  EXPECT_FALSE(hosts[1].at("scanned").as_bool());
  EXPECT_EQ(hosts[1].at("refusal").as_string(), "127.0.0.2 is outside the authorized scope");
  EXPECT_EQ(doc->at("stats").at("attempts").as_int64(), 1);
}

TEST(ScanCommand, TableOutputAndUsageErrors) {
  uint16_t port = 0;
  const int fd = ListenOnFreePort(port);
  CommandRun table = Shouwang("scan 127.0.0.1 -p " + std::to_string(port) + " --scope 127.0.0.0/8");
  close(fd);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find(std::to_string(port) + "/tcp"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Scope: 127.0.0.0/8"), std::string::npos) << table.out;

  CommandRun bad_ports = Shouwang("scan 127.0.0.1 -p 80a --scope 127.0.0.1");
  EXPECT_EQ(bad_ports.exit_code, 1);
  EXPECT_NE(bad_ports.out.find("port spec: \"80a\" is not a port number"), std::string::npos);
  CommandRun bad_target = Shouwang("scan 10.0.0.0/33 -p 80 --scope 10.0.0.0/8");
  EXPECT_EQ(bad_target.exit_code, 1);
  EXPECT_NE(bad_target.out.find("target \"10.0.0.0/33\""), std::string::npos);
  CommandRun no_scope = Shouwang("scan 127.0.0.1 -p 80");
  EXPECT_EQ(no_scope.exit_code, 1);
  EXPECT_NE(no_scope.out.find("say what you are authorized to scan"), std::string::npos);
}

}  // namespace
}  // namespace sw::testing
