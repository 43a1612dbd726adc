// SPDX-License-Identifier: Apache-2.0
//
// ScanService with a fake clock: cron times in the center's time zone,
// maintenance windows, the scheduler queueing due runs and moving on, who
// may do what, and the worker executing a run against a real listener.
#include <gtest/gtest.h>

#include "scan/testing/listener.h"
#include "service/scan_worker.h"
#include "support/platform_fixture.h"

namespace sw::service {
namespace {

class ScanServiceTest : public sw::testing::PlatformFixture {
 protected:
  void SetUp() override {
    PlatformFixture::SetUp();
    ASSERT_TRUE(platform_->scans.EnsureDefaultPolicies().ok());
    tenant_ = MakeTenant("甲公司", "91440300708461136T");
    asset_ = MakeAsset(admin_, tenant_.id, "127.0.0.1");
    auto z = platform_->assets.RequestAuthorization(admin_, asset_.id, Days(30));
    ASSERT_TRUE(z.ok());
    ASSERT_TRUE(platform_->assets.Approve(admin_, z->id, "授权书").ok());
    authorization_ = z->id;
  }

  model::ScanSchedulePatch Schedule(std::string cron, std::string window = "") {
    model::ScanSchedulePatch p;
    p.name = "每日巡检";
    p.policy_id = model::ScanPolicyId("quick");
    p.asset_ids = std::vector<model::AssetId>{asset_.id};
    p.cron = std::move(cron);
    p.window = std::move(window);
    return p;
  }

  model::Tenant tenant_;
  model::Asset asset_;
  model::AuthorizationId authorization_;
};

TEST_F(ScanServiceTest, DefaultPoliciesAreCreatedOnce) {
  ASSERT_TRUE(platform_->scans.EnsureDefaultPolicies().ok());
  auto page = platform_->scans.ListPolicies(admin_, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "快速检查");
  EXPECT_EQ(page->items[1].name, "标准巡检");
  EXPECT_EQ(page->items[1].top_ports, 1000);
}

TEST_F(ScanServiceTest, CronIsEvaluatedInTheCentersTimeZone) {
  // The fixture's clock: 2026-11-22T00:00Z = 08:00 in Beijing.
  auto s = platform_->scans.CreateSchedule(admin_, tenant_.id, Schedule("0 2 * * *"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(s->next_run_at.has_value());
  EXPECT_EQ(FormatRfc3339(*s->next_run_at), "2026-11-22T18:00:00Z");  // 02:00 the next night
  // A window that opens later defers the cron time to its opening.
  auto w = platform_->scans.UpdateSchedule(admin_, s->id, Schedule("0 2 * * *", "03:30-05:00"));
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(FormatRfc3339(*w->next_run_at), "2026-11-22T19:30:00Z");
  // Manual-only and disabled schedules have no next run.
  auto manual = platform_->scans.UpdateSchedule(admin_, s->id, Schedule(""));
  EXPECT_FALSE(manual->next_run_at.has_value());
}

TEST_F(ScanServiceTest, SchedulerQueuesDueRunsAndMovesOn) {
  auto s = platform_->scans.CreateSchedule(admin_, tenant_.id, Schedule("*/30 * * * *"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*platform_->scans.QueueDueRuns(), 0);  // not yet due
  clock_.Advance(std::chrono::minutes(30));
  EXPECT_EQ(*platform_->scans.QueueDueRuns(), 1);
  EXPECT_EQ(*platform_->scans.QueueDueRuns(), 0);  // next_run_at moved on
  auto runs = platform_->scans.ListRuns(admin_, {.schedule = s->id});
  ASSERT_EQ(runs->items.size(), 1u);
  EXPECT_EQ(runs->items[0].trigger, "schedule");
  EXPECT_EQ(runs->items[0].targets, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(runs->items[0].status, model::ScanRunStatus::kQueued);
  // Due again while the first is still queued: that firing is skipped.
  clock_.Advance(std::chrono::minutes(30));
  EXPECT_EQ(*platform_->scans.QueueDueRuns(), 0);
  EXPECT_EQ(FormatRfc3339(*platform_->scans.GetSchedule(admin_, s->id)->next_run_at), "2026-11-22T01:30:00Z");
}

TEST_F(ScanServiceTest, ScanNowRespectsTheMaintenanceWindow) {
  // 08:00 in Beijing is outside 22:00-06:00.
  auto s = platform_->scans.CreateSchedule(admin_, tenant_.id, Schedule("", "22:00-06:00"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto refused = platform_->scans.RunNow(admin_, s->id);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("maintenance window 22:00-06:00"), std::string::npos);
  clock_.Advance(std::chrono::hours(15));  // 23:00 in Beijing
  EXPECT_TRUE(platform_->scans.RunNow(admin_, s->id).ok());
}

TEST_F(ScanServiceTest, RolesAndBadInput) {
  auto member = MakeUser(tenant_.id, "member", model::Role::kTenantMember);
  auto boss = MakeUser(tenant_.id, "boss", model::Role::kTenantAdmin);
  EXPECT_EQ(platform_->scans.CreateSchedule(member, tenant_.id, Schedule("")).status().code(),
            StatusCode::kPermissionDenied);
  auto s = platform_->scans.CreateSchedule(boss, tenant_.id, Schedule(""));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(platform_->scans.RunNow(member, s->id).status().code(), StatusCode::kPermissionDenied);
  model::ScanPolicyPatch p;
  p.name = "自己的策略";
  EXPECT_EQ(platform_->scans.CreatePolicy(boss, p).status().code(), StatusCode::kPermissionDenied);
  p.ports = "22,http";
  auto bad = platform_->scans.CreatePolicy(admin_, p);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "ports");
  p.ports = "22";
  p.rate = 0;
  EXPECT_EQ(platform_->scans.CreatePolicy(admin_, p).status().field(), "rate");
  // A policy in use cannot be deleted.
  EXPECT_EQ(platform_->scans.DeletePolicy(admin_, model::ScanPolicyId("quick")).code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(ScanServiceTest, WorkerRunsAQueuedScanAndDiffsTheNext) {
  sw::scan::testing::Listener web;
  model::ScanPolicyPatch p;
  p.name = "一个端口";
  p.ports = std::to_string(web.port());
  p.version_detection = false;
  p.tls_audit = false;
  auto policy = platform_->scans.CreatePolicy(admin_, p);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  auto sp = Schedule("");
  sp.policy_id = policy->id;
  auto s = platform_->scans.CreateSchedule(admin_, tenant_.id, sp);
  ASSERT_TRUE(s.ok());
  ScanWorker worker(*ctx_, platform_->scans, platform_->scan_gate);
  EXPECT_FALSE(*worker.RunOne());  // nothing queued
  auto run = platform_->scans.RunNow(admin_, s->id);
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(*worker.RunOne());
  auto done = platform_->scans.GetRun(admin_, run->id);
  EXPECT_EQ(done->status, model::ScanRunStatus::kSucceeded) << done->error;
  EXPECT_EQ(done->summary.open_ports, 1);
  auto obs = platform_->scans.Observations(admin_, run->id);
  ASSERT_EQ(obs->size(), 1u);
  EXPECT_EQ((*obs)[0].port, web.port());
  // Revoked: the next run refuses the host at run time and fails, audited.
  ASSERT_TRUE(platform_->assets.Revoke(admin_, authorization_, "到期").ok());
  auto again = platform_->scans.RunNow(admin_, s->id);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(*worker.RunOne());
  auto refused = platform_->scans.GetRun(admin_, again->id);
  EXPECT_EQ(refused->status, model::ScanRunStatus::kFailed);
  EXPECT_EQ(web.Drain(), 1);  // only the first run's connect
  auto events = platform_->audit.List(admin_, {.action = "scan.refused"});
  EXPECT_EQ(events->items.size(), 1u);
}

}  // namespace
}  // namespace sw::service
