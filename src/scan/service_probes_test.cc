// SPDX-License-Identifier: Apache-2.0
#include "scan/service_probes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sw::scan {
namespace {

constexpr std::string_view kSample = R"(# a comment
Exclude T:9100-9107,U:30000
Probe TCP NULL q||
totalwaitms 6000
tcpwrappedms 3000
match ssh m|^SSH-([\d.]+)-OpenSSH_([\w._-]+)[ -]{1,2}Debian[ -_]([^\r\n]+)\r?\n| p/OpenSSH/ v/$2 Debian $3/ i/protocol $1/ o/Linux/ cpe:/a:openbsd:openssh:$2/ cpe:/o:linux:linux_kernel/a
softmatch ftp m/^220[- ].*ftp/i
match weird m=^X(.)(..)= p/$P(1)/ v/$I(2,">")/ i/$SUBST(1,"_",".")/
Probe TCP GetRequest q|GET / HTTP/1.0\r\n\r\n|
rarity 1
ports 80-85,8080
sslports 443
fallback NULL
match http m|^HTTP/1\.[01] \d\d\d .*\r\nServer: nginx/([\d.]+)\r\n|s p/nginx/ v/$1/ cpe:/a:igor_sysoev:nginx:$1/
Probe UDP Empty q|\x00\x01\\| no-payload
)";

TEST(ServiceProbes, ParsesEveryDirective) {
  auto db = ServiceProbes::Parse(kSample, "sample");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(db->report().probes, 3u);
  EXPECT_EQ(db->report().matches, 3u);
  EXPECT_EQ(db->report().softmatches, 1u);
  EXPECT_EQ(db->report().compiled, 4u);
  EXPECT_TRUE(db->report().failures.empty());
  EXPECT_EQ(db->excluded_tcp_ports().size(), 8u);
  const Probe* null = db->Find("TCP", "NULL");
  ASSERT_NE(null, nullptr);
  EXPECT_EQ(null->payload, "");
  EXPECT_EQ(null->total_wait_ms, 6000);
  EXPECT_EQ(null->tcpwrapped_ms, 3000);
  ASSERT_EQ(null->rules.size(), 3u);
  EXPECT_TRUE(null->rules[1].soft);
  EXPECT_TRUE(null->rules[1].caseless);
  const Probe* get = db->Find("TCP", "GetRequest");
  EXPECT_EQ(get->payload, "GET / HTTP/1.0\r\n\r\n");
  EXPECT_EQ(get->rarity, 1);
  EXPECT_EQ(get->ports.size(), 7u);
  EXPECT_EQ(get->ssl_ports, (std::vector<uint16_t>{443}));
  EXPECT_EQ(get->fallbacks, (std::vector<std::string>{"NULL"}));
  EXPECT_TRUE(get->rules[0].dotall);
  const Probe* udp = db->Find("UDP", "Empty");
  EXPECT_EQ(udp->payload, std::string("\x00\x01\\", 3));
  EXPECT_TRUE(udp->no_payload);
}

TEST(ServiceProbes, MatchesAndFillsTheVersionTemplate) {
  auto db = ServiceProbes::Parse(kSample, "sample");
  const Probe* null = db->Find("TCP", "NULL");
  auto m = MatchResponse(null->rules[0], "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->service, "ssh");
  EXPECT_EQ(m->product, "OpenSSH");
  EXPECT_EQ(m->version, "9.2p1 Debian 2+deb12u3");
  EXPECT_EQ(m->info, "protocol 2.0");
  EXPECT_EQ(m->os, "Linux");
  EXPECT_EQ(m->cpes, (std::vector<std::string>{"cpe:/a:openbsd:openssh:9.2p1", "cpe:/o:linux:linux_kernel"}));
  EXPECT_FALSE(MatchResponse(null->rules[0], "HTTP/1.0 200 OK\r\n").has_value());
  auto soft = MatchResponse(null->rules[1], "220 Welcome to the FTP service\r\n");
  ASSERT_TRUE(soft.has_value());
  EXPECT_TRUE(soft->soft);
  // $P keeps printable bytes, $I unpacks big-endian, $SUBST replaces.
  auto w = MatchResponse(null->rules[2], std::string("X_\x01\x02", 4));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->product, "_");
  EXPECT_EQ(w->version, "258");
  EXPECT_EQ(w->info, ".");
  auto binary = MatchResponse(null->rules[2], std::string("X\x07\x00\x01", 4));
  EXPECT_EQ(binary->product, "");
  EXPECT_EQ(binary->version, "1");
  const Probe* get = db->Find("TCP", "GetRequest");
  auto http = MatchResponse(get->rules[0], "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n\r\n");
  ASSERT_TRUE(http.has_value());
  EXPECT_EQ(http->version, "1.22.1");
}

TEST(ServiceProbes, ErrorsNameTheLine) {
  EXPECT_EQ(ServiceProbes::Parse("match x m|a|\n", "f").status().message(), "f:1: \"match\" before the first Probe");
  EXPECT_EQ(ServiceProbes::Parse("Probe TCP A q|x|\nmatch x m|unterminated\n", "f").status().message(),
            "f:2: unterminated regular expression");
  EXPECT_EQ(ServiceProbes::Parse("Probe TCP A q|x|\nmatch x m|a| z/b/\n", "f").status().message(),
            "f:2: unknown version field 'z'");
  EXPECT_EQ(ServiceProbes::Parse("Probe SCTP A q|x|\n", "f").status().message(),
            "f:1: probe protocol must be TCP or UDP");
  EXPECT_EQ(ServiceProbes::Parse("Probe TCP A q|x|\nrarity 12\n", "f").status().message(), "f:2: expected a number");
  EXPECT_EQ(ServiceProbes::Parse("Probe TCP A q|x|\nfrobnicate 1\n", "f").status().message(),
            "f:2: unknown directive \"frobnicate\"");
  EXPECT_EQ(ServiceProbes::Parse("Probe TCP A q|\\x4|\n", "f").status().message(), "f:1: short \\x escape");
}

TEST(ServiceProbes, BadRegexIsListedNotFatal) {
  auto db = ServiceProbes::Parse("Probe TCP A q|x|\nmatch good m|^ok|\nmatch bad m|^(unclosed|\n", "f");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db->report().matches, 2u);
  EXPECT_EQ(db->report().compiled, 1u);
  ASSERT_EQ(db->report().failures.size(), 1u);
  EXPECT_EQ(db->report().failures[0].rfind("line 3: bad: ", 0), 0u) << db->report().failures[0];
}

TEST(ServiceProbes, CatastrophicBacktrackingIsBounded) {
  auto db = ServiceProbes::Parse("Probe TCP A q|x|\nmatch evil m|^(a+)+$|\n", "f");
  ASSERT_TRUE(db.ok());
  const std::string hostile = std::string(40, 'a') + "!";
  EXPECT_FALSE(MatchResponse(db->probes()[0].rules[0], hostile).has_value());
}

// The whole Debian file: every Probe, match and softmatch line is counted,
// and every regex compiles (any that cannot is printed with its reason).
TEST(ServiceProbes, ParsesDebiansWholeProbeFile) {
  const std::string path(kDefaultProbesFile);
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "nmap-common is not installed (" << path << ")";
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  size_t probe_lines = 0, match_lines = 0, soft_lines = 0;
  std::string line;
  std::istringstream lines(ss.str());
  while (std::getline(lines, line)) {
    if (line.rfind("Probe ", 0) == 0) ++probe_lines;
    if (line.rfind("match ", 0) == 0) ++match_lines;
    if (line.rfind("softmatch ", 0) == 0) ++soft_lines;
  }
  auto db = ServiceProbes::Load(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const auto& r = db->report();
  EXPECT_EQ(r.probes, probe_lines);
  EXPECT_EQ(r.matches, match_lines);
  EXPECT_EQ(r.softmatches, soft_lines);
  for (const auto& f : r.failures) ADD_FAILURE() << "does not compile: " << f;
  EXPECT_EQ(r.compiled, match_lines + soft_lines);
  std::printf("nmap-service-probes: %zu probes, %zu match + %zu softmatch lines, %zu compiled, %zu failed\n",
              r.probes, r.matches, r.softmatches, r.compiled, r.failures.size());
  const Probe* null = db->Find("TCP", "NULL");
  ASSERT_NE(null, nullptr);
  EXPECT_GT(null->rules.size(), 3000u);
}

}  // namespace
}  // namespace sw::scan
