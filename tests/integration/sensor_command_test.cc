// SPDX-License-Identifier: Apache-2.0
//
// `shouwang sensor` on real captures from ../shared/data/pcaps: EVE flow
// events with Suricata's field names, one per flow, the closing stats event
// agreeing with the summary, a damaged capture reported (not a crash), and
// bad arguments refused with exit code 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/json.h"
#include "support/shouwang_command.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

namespace fs = std::filesystem;

fs::path Pcaps() {
  const char* shared = std::getenv("SW_SHARED_DATA");
  return fs::path(shared ? shared : SW_SOURCE_DIR "/../shared/data") / "pcaps";
}

std::vector<json::object> ReadEve(const std::string& path) {
  std::vector<json::object> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto v = ParseJson(line);
    EXPECT_TRUE(v.ok() && v->is_object()) << line;
    if (v.ok() && v->is_object()) out.push_back(v->as_object());
  }
  return out;
}

TEST(SensorCommand, WritesEveFlowAndStatsEvents) {
  const fs::path pcap = Pcaps() / "chrissanders-packets/http_dvwa_clearlogin.pcapng";
  if (!fs::exists(pcap)) GTEST_SKIP() << pcap.string() << " is missing (../shared/data not beside the project)";
  TempDir dir;
  const auto run = Shouwang("sensor --pcap " + pcap.string() + " --eve " + dir.file("eve.json"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find(": 54 packets, 29742 bytes, 2 flows, 0 decode errors"), std::string::npos) << run.out;
  std::vector<json::object> events;
  for (auto& e : ReadEve(dir.file("eve.json"))) {
    if (e.at("event_type").as_string() != "http") events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 3u);
  uint64_t to_server = 0, to_client = 0;
  for (size_t i = 0; i < 2; ++i) {
    const auto& e = events[i];
    EXPECT_EQ(e.at("event_type").as_string(), "flow");
    EXPECT_EQ(e.at("src_ip").as_string(), "10.2.2.101");
    EXPECT_EQ(e.at("dest_ip").as_string(), "10.2.2.104");
    EXPECT_EQ(e.at("dest_port").as_int64(), 80);
    EXPECT_EQ(e.at("proto").as_string(), "TCP");
    EXPECT_TRUE(e.at("flow_id").is_int64() || e.at("flow_id").is_uint64());
    const auto& f = e.at("flow").as_object();
    to_server += static_cast<uint64_t>(f.at("pkts_toserver").as_int64());
    to_client += static_cast<uint64_t>(f.at("pkts_toclient").as_int64());
    EXPECT_EQ(f.at("reason").as_string(), "shutdown");
    EXPECT_EQ(std::string(e.at("timestamp").as_string()).substr(0, 11), "2017-04-05T");
    EXPECT_TRUE(e.at("tcp").as_object().at("syn").as_bool());
  }
  EXPECT_EQ(to_server + to_client, 54u);
  const auto& stats = events[2];
  EXPECT_EQ(stats.at("event_type").as_string(), "stats");
  EXPECT_EQ(stats.at("stats").at("decoder").at("pkts").as_int64(), 54);
  EXPECT_EQ(stats.at("stats").at("flow").at("total").as_int64(), 2);
}

// The first event of `type` in an EVE run over `pcap` (relative to the
// shared pcaps folder); empty when none.
json::object FirstEvent(const std::string& pcap, const std::string& type, TempDir& dir) {
  const std::string out = dir.file(type + ".json");
  const auto run = Shouwang("sensor --pcap " + (Pcaps() / pcap).string() + " --eve " + out);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  for (auto& e : ReadEve(out)) {
    if (e.at("event_type").as_string() == type) return e;
  }
  ADD_FAILURE() << "no " << type << " event in " << pcap;
  return {};
}

TEST(SensorCommand, ApplicationLayerEventsFromRealCaptures) {
  if (!fs::exists(Pcaps() / "INDEX.tsv")) GTEST_SKIP() << "../shared/data/pcaps is missing";
  TempDir dir;
  const auto http = FirstEvent("chrissanders-packets/http_dvwa_clearlogin.pcapng", "http", dir);
  ASSERT_FALSE(http.empty());
  EXPECT_EQ(http.at("app_proto").as_string(), "http");
  EXPECT_EQ(http.at("tx_id").as_int64(), 0);
  EXPECT_EQ(http.at("http").at("hostname").as_string(), "10.2.2.104");
  EXPECT_EQ(http.at("http").at("url").as_string(), "/dvwa/login.php");
  EXPECT_EQ(http.at("http").at("http_method").as_string(), "GET");
  EXPECT_EQ(http.at("http").at("status").as_int64(), 200);
  EXPECT_EQ(http.at("http").at("http_content_type").as_string(), "text/html");

  // TLS 1.2 from Chrome 34 to Google: SNI, certificate and JA3/JA3S.
  const auto tls = FirstEvent("zeek-traces/tls/chrome-34-google.pcap", "tls", dir);
  ASSERT_FALSE(tls.empty());
  const auto& t = tls.at("tls").as_object();
  EXPECT_EQ(t.at("sni").as_string(), "google.de");
  EXPECT_EQ(t.at("version").as_string(), "TLS 1.2");
  EXPECT_EQ(t.at("subject").as_string(), "C=US, ST=California, L=Mountain View, O=Google Inc, CN=*.google.de");
  EXPECT_EQ(t.at("issuerdn").as_string(), "C=US, O=Google Inc, CN=Google Internet Authority G2");
  EXPECT_EQ(t.at("notafter").as_string(), "2014-07-08T00:00:00");
  EXPECT_EQ(t.at("ja3").at("string").as_string(),
            "771,49195-49199-158-52244-52243-49162-49161-49171-49172-49159-49169-51-50-57-156-47-53-10-5-4,"
            "0-65281-10-11-35-13172-16-30032-5-13-18,23-24-25,0");
  EXPECT_EQ(t.at("ja3").at("hash").as_string(), "a607f3a5c94c2ee592af1456f36c8367");
  EXPECT_EQ(t.at("ja3s").at("string").as_string(), "771,49199,0-65281-11-35-30032-16");

  const auto dns = FirstEvent("zeek-traces/dns/dns-binds.pcap", "dns", dir);
  ASSERT_FALSE(dns.empty());
  EXPECT_EQ(dns.at("dns").at("type").as_string(), "request");
  EXPECT_EQ(dns.at("dns").at("queries").as_array()[0].at("rrname").as_string(), "example.net");

  const auto ssh = FirstEvent("zeek-traces/ssh/single-conn.pcap", "ssh", dir);
  ASSERT_FALSE(ssh.empty());
  EXPECT_EQ(ssh.at("ssh").at("client").at("software_version").as_string(), "OpenSSH_3.8.1p1");
  EXPECT_EQ(ssh.at("ssh").at("server").at("proto_version").as_string(), "1.99");
}

TEST(SensorCommand, ThreatIntelMatchesAddressesSniAndJa3) {
  const fs::path pcap = Pcaps() / "zeek-traces/tls/chrome-34-google.pcap";
  if (!fs::exists(pcap)) GTEST_SKIP() << pcap.string() << " is missing";
  TempDir dir;
  std::ofstream(dir.file("intel.txt")) << "# test list\ngoogle.de\n74.125.0.0/16\nja3,A607F3A5C94C2EE592AF1456F36C8367\nbogus line\n";
  const auto run = Shouwang("sensor --pcap " + pcap.string() + " --intel " + dir.file("intel.txt") + " --eve " +
                            dir.file("eve.json"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("3 indicators, 1 lines rejected"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("intel.txt:5: \"bogus line\" is not"), std::string::npos) << run.out;
  std::vector<std::string> matched;
  for (const auto& e : ReadEve(dir.file("eve.json"))) {
    if (e.at("event_type").as_string() != "alert") continue;
    EXPECT_EQ(e.at("alert").at("category").as_string(), "Threat Intelligence Match");
    matched.push_back(std::string(e.at("intel").at("matched_on").as_string()) + "=" +
                      std::string(e.at("intel").at("indicator").as_string()));
  }
  EXPECT_EQ(matched, (std::vector<std::string>{"dest_ip=74.125.0.0/16", "tls.sni=google.de",
                                               "tls.ja3.hash=a607f3a5c94c2ee592af1456f36c8367"}));

  // The same from a STIX 2.1 bundle, with its name and TLP.
  std::ofstream(dir.file("bundle.json"))
      << R"({"type":"bundle","id":"bundle--2f7c3ef1-6b0f-4d8b-9d7e-3c0c5a0f0001","objects":[)"
      << R"({"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",)"
      << R"("created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"Test domain",)"
      << R"("pattern":"[domain-name:value = 'google.de']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",)"
      << R"("object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]}]})";
  const auto stix = Shouwang("sensor --pcap " + pcap.string() + " --intel " + dir.file("bundle.json") + " --eve " +
                             dir.file("eve2.json"));
  ASSERT_EQ(stix.exit_code, 0) << stix.out;
  EXPECT_NE(stix.out.find("STIX, 1 indicators, 0 not matchable"), std::string::npos) << stix.out;
  size_t hits = 0;
  for (const auto& e : ReadEve(dir.file("eve2.json"))) {
    if (e.at("event_type").as_string() != "alert") continue;
    ++hits;
    EXPECT_EQ(e.at("intel").at("matched_on").as_string(), "tls.sni");
    EXPECT_EQ(e.at("intel").at("name").as_string(), "Test domain");
    EXPECT_EQ(e.at("intel").at("tlp").as_string(), "amber");
  }
  EXPECT_EQ(hits, 1u);
}

TEST(SensorCommand, DamagedCaptureAndBadArguments) {
  const fs::path broken = Pcaps() / "chrissanders-packets/weather_broken.pcapng";
  if (!fs::exists(broken)) GTEST_SKIP() << broken.string() << " is missing";
  const auto run = Shouwang("sensor --pcap " + broken.string());
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("packets"), std::string::npos) << run.out;
  TempDir dir;
  std::ofstream(dir.file("not.pcap")) << "this is not a capture";
  const auto bad = Shouwang("sensor --pcap " + dir.file("not.pcap"));
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.out.find(dir.file("not.pcap")), std::string::npos) << bad.out;
  EXPECT_EQ(Shouwang("sensor").exit_code, 1);
  EXPECT_EQ(Shouwang("sensor --pcap a --iface b").exit_code, 1);
}

}  // namespace
}  // namespace sw::testing
