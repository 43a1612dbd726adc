// SPDX-License-Identifier: Apache-2.0
//
// Alerts from `shouwang sensor` reach the platform exactly once: a run with
// the server up; a run during which the server is down (killed) and then
// restarted, while the sensor keeps its events in the spool and retries;
// and a replay of the whole spool, which the server recognizes as
// duplicates. Every alert the sensor wrote is then listed by the API once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/json.h"
#include "support/server_process.h"
#include "support/shouwang_command.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

namespace fs = std::filesystem;

fs::path Pcaps() {
  const char* shared = std::getenv("SW_SHARED_DATA");
  return fs::path(shared ? shared : SW_SOURCE_DIR "/../shared/data") / "pcaps";
}

size_t AlertsIn(const std::string& eve) {
  size_t n = 0;
  std::ifstream in(eve);
  for (std::string line; std::getline(in, line);) n += line.find("\"event_type\":\"alert\"") != std::string::npos;
  return n;
}

TEST(SensorUplink, EveryAlertReachesThePlatformExactlyOnce) {
  const fs::path pcap_a = Pcaps() / "chrissanders-packets/http_dvwa_clearlogin.pcapng";
  const fs::path pcap_b = Pcaps() / "zeek-traces/tls/chrome-34-google.pcap";
  const fs::path quiet = Pcaps() / "zeek-traces/dns/dns-binds.pcap";
  for (const auto& p : {pcap_a, pcap_b, quiet}) {
    if (!fs::exists(p)) GTEST_SKIP() << p.string() << " is missing (../shared/data not beside the project)";
  }
  TempDir dir;
  // One alert per TCP segment with data: dozens of alerts from real traffic.
  std::ofstream(dir.file("every.rules")) << "alert tcp any any -> any any (msg:\"TCP data\"; dsize:>0; sid:9000001; rev:1;)\n";

  ServerProcess server(dir.file("data"));
  ASSERT_TRUE(server.Start()) << server.Stderr();
  Client admin(server);
  admin.LoginReady("admin", server.AdminPassword(), "center admin password");
  Reply t = admin.Post("/api/v1/tenants", json::object{{"name", "甲公司"}, {"credit_code", "91440300708461136T"}});
  ASSERT_EQ(t.status, 201) << t.raw.body;
  const std::string tenant(t.body.at("id").as_string());
  Reply k = admin.Post("/api/v1/tenants/" + tenant + "/tokens", json::object{{"name", "edge-1"}, {"kind", "sensor"}});
  ASSERT_EQ(k.status, 201) << k.raw.body;
  const std::string token(k.body.at("secret").as_string());

  auto sensor = [&](const fs::path& pcap, const std::string& eve) {
    return Shouwang("sensor --pcap " + pcap.string() + " --rules " + dir.file("every.rules") + " --eve " + eve +
                    " --upload " + server.url() + " --token " + token + " --ca-file " + server.cert_file() +
                    " --spool " + dir.file("spool") + " --upload-wait 60");
  };

  // 1. The server is up.
  auto run1 = sensor(pcap_a, dir.file("eve1.json"));
  ASSERT_EQ(run1.exit_code, 0) << run1.out;
  const size_t n1 = AlertsIn(dir.file("eve1.json"));
  ASSERT_GT(n1, 10u);
  EXPECT_NE(run1.out.find(" 0 failed attempts, 0 waiting"), std::string::npos) << run1.out;

  // 2. The server dies; the sensor spools and retries; the server comes back.
  server.Kill();
  CommandRun run2;
  std::thread runner([&] { run2 = sensor(pcap_b, dir.file("eve2.json")); });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ASSERT_TRUE(server.Start()) << server.Stderr();
  runner.join();
  ASSERT_EQ(run2.exit_code, 0) << run2.out;
  const size_t n2 = AlertsIn(dir.file("eve2.json"));
  ASSERT_GT(n2, 10u);
  EXPECT_NE(run2.out.find(" 0 waiting"), std::string::npos) << run2.out;
  EXPECT_EQ(run2.out.find(" 0 failed attempts"), std::string::npos) << "the server was down: " << run2.out;

  // 3. The whole spool is sent again (as after a lost answer): all duplicates.
  std::ofstream(dir.file("spool") + "/offset", std::ios::trunc) << "0\n";
  auto run3 = sensor(quiet, dir.file("eve3.json"));
  ASSERT_EQ(run3.exit_code, 0) << run3.out;
  EXPECT_NE(run3.out.find("(" + std::to_string(n1 + n2) + " already there)"), std::string::npos) << run3.out;

  // Every alert, once.
  Client reader(server);
  ASSERT_EQ(reader.Login("admin", "center admin password").status, 200);
  std::set<std::string> event_ids;
  size_t listed = 0;
  std::string cursor;
  do {
    Reply page = reader.Get("/api/v1/tenants/" + tenant + "/alerts?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.raw.body;
    for (const auto& a : page.body.at("items").as_array()) {
      ++listed;
      event_ids.insert(std::string(a.at("event_id").as_string()));
      EXPECT_EQ(a.at("signature_id").as_int64(), 9000001);
      EXPECT_EQ(a.at("signature").as_string(), "TCP data");
    }
    cursor = page.body.at("next_cursor").is_null() ? "" : std::string(page.body.at("next_cursor").as_string());
  } while (!cursor.empty());
  EXPECT_EQ(listed, n1 + n2);
  EXPECT_EQ(event_ids.size(), n1 + n2);
  // The center's situation view lists them too, filtered by severity.
  Reply all = reader.Get("/api/v1/alerts?limit=1&severity=3");
  ASSERT_EQ(all.status, 200) << all.raw.body;
  EXPECT_EQ(all.body.at("items").as_array().size(), 1u);
  EXPECT_FALSE(all.body.at("next_cursor").is_null());

  // Another enterprise's user sees none of them; a user token cannot report.
  Reply other = admin.Post("/api/v1/tenants", json::object{{"name", "乙公司"}, {"credit_code", "91110000600037341L"}});
  const std::string other_id(other.body.at("id").as_string());
  Reply ro = admin.Post("/api/v1/tenants/" + other_id + "/tokens", json::object{{"name", "ro"}, {"kind", "read_only"}});
  Client outsider(server);
  outsider.set_bearer(std::string(ro.body.at("secret").as_string()));
  EXPECT_EQ(outsider.Get("/api/v1/tenants/" + tenant + "/alerts").status, 404);
  EXPECT_EQ(outsider.Call("POST", "/api/v1/ingest/events", R"({"events":[]})").status, 403);
}

TEST(SensorUplink, SensorMatchesWhatThePlatformSharesWithItsEnterprise) {
  const fs::path pcap = Pcaps() / "zeek-traces/tls/chrome-34-google.pcap";
  if (!fs::exists(pcap)) GTEST_SKIP() << pcap.string() << " is missing (../shared/data not beside the project)";
  TempDir dir;
  ServerProcess server(dir.file("data"));
  ASSERT_TRUE(server.Start()) << server.Stderr();
  Client admin(server);
  admin.LoginReady("admin", server.AdminPassword(), "center admin password");
  Reply t = admin.Post("/api/v1/tenants", json::object{{"name", "甲公司"}, {"credit_code", "91440300708461136T"}});
  ASSERT_EQ(t.status, 201) << t.raw.body;
  const std::string tenant(t.body.at("id").as_string());
  Reply k = admin.Post("/api/v1/tenants/" + tenant + "/tokens", json::object{{"name", "edge-1"}, {"kind", "sensor"}});
  ASSERT_EQ(k.status, 201) << k.raw.body;
  const std::string token(k.body.at("secret").as_string());
  // The center shares the network GREEN, and keeps the domain to itself
  // (AMBER+STRICT): the enterprise's sensor must match the first only.
  Reply g = admin.Call("POST", "/api/v1/intel/imports?tlp=green&name=green.txt", "74.125.0.0/16\n");
  ASSERT_EQ(g.status, 200) << g.raw.body;
  EXPECT_EQ(g.body.at("indicators_new").as_int64(), 1);
  Reply s = admin.Call("POST", "/api/v1/intel/imports?tlp=amber%2Bstrict&name=strict.txt", "google.de\n");
  ASSERT_EQ(s.status, 200) << s.raw.body;

  const auto run = Shouwang("sensor --pcap " + pcap.string() + " --eve " + dir.file("eve.json") + " --upload " +
                            server.url() + " --token " + token + " --ca-file " + server.cert_file() + " --spool " +
                            dir.file("spool") + " --intel-from-platform --upload-wait 60");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("1 indicators from the platform"), std::string::npos) << run.out;
  std::vector<std::string> matched;
  std::ifstream in(dir.file("eve.json"));
  for (std::string line; std::getline(in, line);) {
    auto e = ParseJson(line);
    ASSERT_TRUE(e.ok());
    if (e->at("event_type").as_string() != "alert") continue;
    matched.push_back(std::string(e->at("intel").at("matched_on").as_string()) + "=" +
                      std::string(e->at("intel").at("indicator").as_string()) + " " +
                      std::string(e->at("intel").at("tlp").as_string()));
  }
  EXPECT_EQ(matched, std::vector<std::string>{"dest_ip=74.125.0.0/16 green"});

  // Without a working token the sensor stops with the platform's answer.
  const auto refused = Shouwang("sensor --pcap " + pcap.string() + " --upload " + server.url() +
                                " --token sw_wrong --ca-file " + server.cert_file() + " --intel-from-platform");
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("intel from the platform: HTTP 401"), std::string::npos) << refused.out;
}

}  // namespace
}  // namespace sw::testing
