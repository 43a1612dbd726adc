// SPDX-License-Identifier: Apache-2.0
//
// Scheduled scanning inside the real server: a schedule over an approved
// asset (127.0.0.1), "scan now", progress to the end, the open ports stored,
// the diff after a second run with one listener gone, cancel, refusal when
// the authorization was revoked (audited, nothing touched), and a run whose
// server was killed marked failed after its lease, never running forever.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <thread>

#include "core/time.h"
#include "scan/testing/listener.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

using scan::testing::ClosedPort;
using scan::testing::Listener;

std::string Str(const json::value& v, const char* key) { return std::string(v.at(key).as_string()); }

class ScanPlatformTest : public ::testing::Test {
 protected:
  void StartServer(std::map<std::string, std::string> env = {}) {
    env.emplace("SW_SCAN_POLL_MS", "100");
    server_ = std::make_unique<ServerProcess>(dir_.file("data"), env);
    ASSERT_TRUE(server_->Start()) << server_->Stderr();
    admin_ = std::make_unique<Client>(*server_);
    if (password_.empty()) {
      admin_->LoginReady("admin", server_->AdminPassword(), "center admin password");
      password_ = "center admin password";
    } else {
      ASSERT_EQ(admin_->Login("admin", password_).status, 200);
    }
  }

  // An enterprise with the asset 127.0.0.1 under an approved authorization.
  void Onboard() {
    Reply t = admin_->Post("/api/v1/tenants", json::object{{"name", "甲公司"}, {"credit_code", "91440300708461136T"}});
    ASSERT_EQ(t.status, 201) << t.raw.body;
    tenant_ = Str(t.body, "id");
    Reply a = admin_->Post("/api/v1/tenants/" + tenant_ + "/assets", json::object{{"value", "127.0.0.1"}});
    ASSERT_EQ(a.status, 201) << a.raw.body;
    asset_ = Str(a.body, "id");
    Reply other = admin_->Post("/api/v1/tenants/" + tenant_ + "/assets", json::object{{"value", "192.0.2.9"}});
    unauthorized_asset_ = Str(other.body, "id");
    const auto until = std::chrono::system_clock::now() + std::chrono::hours(24);
    Reply z = admin_->Post("/api/v1/assets/" + asset_ + "/authorizations",
                           json::object{{"valid_until", FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(until))}});
    ASSERT_EQ(z.status, 201) << z.raw.body;
    authorization_ = Str(z.body, "id");
    Reply ok = admin_->Post("/api/v1/authorizations/" + authorization_ + "/approve",
                            json::object{{"evidence_note", "授权书 2026-001"}});
    ASSERT_EQ(ok.status, 200) << ok.raw.body;
  }

  std::string MakePolicy(const std::string& name, const std::string& ports, int rate = 2000) {
    Reply p = admin_->Post("/api/v1/scan-policies",
                           json::object{{"name", name}, {"ports", ports}, {"version_detection", false},
                                        {"tls_audit", false}, {"rate", rate}});
    EXPECT_EQ(p.status, 201) << p.raw.body;
    return p.status == 201 ? Str(p.body, "id") : "";
  }

  std::string MakeSchedule(const std::string& name, const std::string& policy) {
    Reply s = admin_->Post("/api/v1/tenants/" + tenant_ + "/scan-schedules",
                           json::object{{"name", name}, {"policy_id", policy}, {"asset_ids", json::array{json::string(asset_)}}});
    EXPECT_EQ(s.status, 201) << s.raw.body;
    return s.status == 201 ? Str(s.body, "id") : "";
  }

  // Polls a run until it has ended; returns its last state.
  json::value WaitForEnd(const std::string& run, int seconds = 60) {
    json::value last;
    for (int i = 0; i < seconds * 10; ++i) {
      Reply r = admin_->Get("/api/v1/scan-runs/" + run);
      EXPECT_EQ(r.status, 200) << r.raw.body;
      last = r.body;
      const std::string status = Str(r.body, "status");
      if (status != "queued" && status != "running") return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "run " << run << " did not end: " << ToJson(last);
    return last;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> admin_;
  std::string password_, tenant_, asset_, unauthorized_asset_, authorization_;
};

TEST_F(ScanPlatformTest, ScanNowStoresResultsAndDiffsTheNextRun) {
  StartServer();
  Onboard();
  // The two policies every installation starts with.
  Reply policies = admin_->Get("/api/v1/scan-policies");
  ASSERT_EQ(policies.status, 200);
  ASSERT_EQ(policies.body.at("items").as_array().size(), 2u);

  Listener web;
  std::optional<Listener> db(std::in_place);
  const uint16_t closed = ClosedPort();
  const std::string ports = std::to_string(web.port()) + "," + std::to_string(db->port()) + "," + std::to_string(closed);
  const std::string policy = MakePolicy("测试端口", ports);

  // Schedule time: an asset without an approved authorization is refused, by field.
  Reply refused = admin_->Post("/api/v1/tenants/" + tenant_ + "/scan-schedules",
                               json::object{{"name", "x"}, {"policy_id", policy},
                                            {"asset_ids", json::array{json::string(asset_), json::string(unauthorized_asset_)}}});
  EXPECT_EQ(refused.status, 409) << refused.raw.body;
  EXPECT_EQ(Str(refused.body.at("error"), "field"), "asset_ids[1]");
  Reply bad_cron = admin_->Post("/api/v1/tenants/" + tenant_ + "/scan-schedules",
                                json::object{{"name", "x"}, {"policy_id", policy}, {"cron", "0 25 * * *"},
                                             {"asset_ids", json::array{json::string(asset_)}}});
  EXPECT_EQ(bad_cron.status, 400);
  EXPECT_EQ(Str(bad_cron.body.at("error"), "field"), "cron");

  const std::string schedule = MakeSchedule("每日巡检", policy);
  Reply first = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  ASSERT_EQ(first.status, 201) << first.raw.body;
  EXPECT_EQ(Str(first.body, "trigger"), "manual");
  const std::string run1 = Str(first.body, "id");
  json::value done = WaitForEnd(run1);
  ASSERT_EQ(Str(done, "status"), "succeeded") << ToJson(done);
  EXPECT_EQ(done.at("progress").at("percent").as_int64(), 100);
  EXPECT_EQ(done.at("summary").at("open_ports").as_int64(), 2);
  EXPECT_TRUE(done.at("previous_run_id").is_null());

  Reply obs = admin_->Get("/api/v1/scan-runs/" + run1 + "/observations");
  ASSERT_EQ(obs.status, 200);
  std::set<int64_t> open;
  for (const auto& o : obs.body.at("items").as_array()) {
    EXPECT_EQ(Str(o, "host"), "127.0.0.1");
    EXPECT_EQ(Str(o, "state"), "open");
    open.insert(o.at("port").as_int64());
  }
  EXPECT_EQ(open, (std::set<int64_t>{web.port(), db->port()}));
  EXPECT_TRUE(admin_->Get("/api/v1/scan-runs/" + run1 + "/changes").body.at("items").as_array().empty());

  // One service stops; the second run reports it closed, against the first.
  const uint16_t gone = db->port();
  db.reset();
  Reply second = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  ASSERT_EQ(second.status, 201) << second.raw.body;
  // Only one run of a schedule at a time.
  Reply again = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  const std::string run2 = Str(second.body, "id");
  std::string newest = run2;
  if (again.status == 201) {
    // The second run was over already (a 3-port scan is quick): the third
    // is legitimate, and the newest in the history.
    newest = Str(again.body, "id");
    WaitForEnd(newest);
  } else {
    EXPECT_EQ(again.status, 409) << again.raw.body;
  }
  done = WaitForEnd(run2);
  ASSERT_EQ(Str(done, "status"), "succeeded") << ToJson(done);
  EXPECT_EQ(Str(done, "previous_run_id"), run1);
  Reply changes = admin_->Get("/api/v1/scan-runs/" + run2 + "/changes");
  ASSERT_EQ(changes.status, 200);
  ASSERT_EQ(changes.body.at("items").as_array().size(), 1u) << changes.raw.body;
  const auto& c = changes.body.at("items").as_array()[0];
  EXPECT_EQ(Str(c, "kind"), "port_closed");
  EXPECT_EQ(c.at("port").as_int64(), gone);

  // The history, newest first; the schedule shows its last run.
  Reply history = admin_->Get("/api/v1/scan-schedules/" + schedule + "/runs");
  ASSERT_EQ(history.status, 200);
  ASSERT_GE(history.body.at("items").as_array().size(), 2u);
  EXPECT_EQ(Str(history.body.at("items").as_array()[0], "id"), newest);
  Reply sched = admin_->Get("/api/v1/scan-schedules/" + schedule);
  EXPECT_EQ(Str(sched.body.at("last_run"), "status"), "succeeded");
}

TEST_F(ScanPlatformTest, CancelAndRevokedAuthorization) {
  StartServer();
  Onboard();
  // 3,000 closed ports at 50 attempts/s: a minute of work, cancelled at once.
  const std::string slow = MakePolicy("慢速", "20000-22999", 50);
  const std::string schedule = MakeSchedule("慢速计划", slow);
  Reply run = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  ASSERT_EQ(run.status, 201);
  const std::string id = Str(run.body, "id");
  for (int i = 0; i < 50 && Str(admin_->Get("/api/v1/scan-runs/" + id).body, "status") == "queued"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Reply cancel = admin_->Post("/api/v1/scan-runs/" + id + "/cancel", json::object{});
  ASSERT_EQ(cancel.status, 200) << cancel.raw.body;
  json::value end = WaitForEnd(id, 15);
  EXPECT_EQ(Str(end, "status"), "cancelled") << ToJson(end);
  EXPECT_EQ(admin_->Post("/api/v1/scan-runs/" + id + "/cancel", json::object{}).status, 409);

  // The authorization ends; the next run refuses the host and says why.
  Listener l;
  const std::string quick = MakePolicy("单端口", std::to_string(l.port()));
  const std::string sched2 = MakeSchedule("单端口计划", quick);
  ASSERT_EQ(admin_->Post("/api/v1/authorizations/" + authorization_ + "/revoke", json::object{{"reason", "合同到期"}}).status, 200);
  Reply r2 = admin_->Post("/api/v1/scan-schedules/" + sched2 + "/run", json::object{});
  ASSERT_EQ(r2.status, 201) << r2.raw.body;
  end = WaitForEnd(Str(r2.body, "id"));
  EXPECT_EQ(Str(end, "status"), "failed");
  EXPECT_NE(Str(end, "error").find("no target may be scanned"), std::string::npos) << Str(end, "error");
  EXPECT_EQ(l.Drain(), 0) << "a refused host was contacted";
  Reply audit = admin_->Get("/api/v1/audit?action=scan.refused");
  ASSERT_EQ(audit.status, 200);
  EXPECT_FALSE(audit.body.at("items").as_array().empty());
  // Saving the schedule again re-checks the authorization.
  Reply save = admin_->Call("PATCH", "/api/v1/scan-schedules/" + sched2, R"({"name":"改名"})");
  EXPECT_EQ(save.status, 409) << save.raw.body;
}

TEST_F(ScanPlatformTest, KilledServerRunIsMarkedFailedAfterRestart) {
  StartServer({{"SW_SCAN_LEASE_SECONDS", "3"}});
  Onboard();
  const std::string slow = MakePolicy("慢速", "20000-22999", 50);
  const std::string schedule = MakeSchedule("慢速计划", slow);
  Reply run = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  ASSERT_EQ(run.status, 201);
  const std::string id = Str(run.body, "id");
  for (int i = 0; i < 50 && Str(admin_->Get("/api/v1/scan-runs/" + id).body, "status") != "running"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(Str(admin_->Get("/api/v1/scan-runs/" + id).body, "status"), "running");
  server_->Kill();
  StartServer({{"SW_SCAN_LEASE_SECONDS", "3"}});
  json::value end = WaitForEnd(id, 20);
  EXPECT_EQ(Str(end, "status"), "failed");
  EXPECT_NE(Str(end, "error").find("interrupted"), std::string::npos) << Str(end, "error");
}

TEST_F(ScanPlatformTest, GracefulStopPutsTheRunBackInTheQueue) {
  StartServer();
  Onboard();
  const std::string slow = MakePolicy("慢速", "20000-20999", 50);
  const std::string schedule = MakeSchedule("慢速计划", slow);
  Reply run = admin_->Post("/api/v1/scan-schedules/" + schedule + "/run", json::object{});
  ASSERT_EQ(run.status, 201);
  const std::string id = Str(run.body, "id");
  for (int i = 0; i < 50 && Str(admin_->Get("/api/v1/scan-runs/" + id).body, "status") != "running"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(server_->Stop(), 0);
  // Started again with no workers, the run waits in the queue for one.
  StartServer({{"SW_SCAN_WORKERS", "0"}});
  Reply after = admin_->Get("/api/v1/scan-runs/" + id);
  EXPECT_EQ(Str(after.body, "status"), "queued") << after.raw.body;
  EXPECT_TRUE(after.body.at("started_at").is_null());
}

}  // namespace
}  // namespace sw::testing
