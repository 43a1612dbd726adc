// SPDX-License-Identifier: Apache-2.0
//
// The storage conformance suite: every registered backend must pass it.
// It checks tenant isolation through scopes, paging without gaps or
// repeats, uniqueness errors naming the field, cascades, transactions.
#include <gtest/gtest.h>

#include <set>

#include "core/ids.h"
#include "store/open.h"
#include "store/testing/scopes.h"
#include "support/temp_dir.h"

namespace sw::store {
namespace {

using testing::TestScopes;

const Timestamp kNow = FromUnixMillis(1795305600000);

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = OpenStore({.url = GetParam() + ":" + dir_.file("db"), .synchronous = "NORMAL"});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  std::unique_ptr<Transaction> Write() { return std::move(*store_->Begin(Store::Mode::kWrite)); }
  std::unique_ptr<Transaction> Read() { return std::move(*store_->Begin(Store::Mode::kRead)); }

  model::Tenant MakeTenant(const std::string& id, const std::string& name, const std::string& code) {
    model::Tenant t;
    t.id = model::TenantId(id);
    t.name = name;
    t.credit_code = code;
    t.created_at = t.updated_at = kNow;
    auto tx = Write();
    EXPECT_TRUE(tx->tenants().Insert(TestScopes::All(), t).ok());
    EXPECT_TRUE(tx->Commit().ok());
    return t;
  }

  model::Asset MakeAsset(const model::TenantId& tenant, const std::string& value) {
    model::Asset a;
    // Ids carry their creation time; each asset is created a moment later.
    a.id = model::AssetId(NewUlid(kNow + std::chrono::milliseconds(++clock_ms_)));
    a.tenant_id = tenant;
    a.kind = model::AssetKind::kIpv4;
    a.value = value;
    a.created_at = a.updated_at = kNow;
    auto tx = Write();
    Status s = tx->assets().Insert(TestScopes::One(tenant), a);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return a;
  }

  sw::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  int clock_ms_ = 0;
};

TEST_P(StoreConformance, TenantScopeHidesOtherTenants) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto b = MakeTenant("B", "乙公司", "91110000600037341L");
  auto asset_b = MakeAsset(b.id, "192.0.2.2");
  auto tx = Read();
  EXPECT_TRUE(tx->tenants().Get(TestScopes::One(a.id), a.id).ok());
  EXPECT_EQ(tx->tenants().Get(TestScopes::One(a.id), b.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->assets().Get(TestScopes::One(a.id), asset_b.id, kNow).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(tx->assets().Get(TestScopes::All(), asset_b.id, kNow).ok());
  auto list = tx->tenants().List(TestScopes::One(a.id), {});
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].id, a.id);
  EXPECT_EQ(tx->tenants().List(TestScopes::All(), {})->items.size(), 2u);
  // Listing B's assets from A's scope shows nothing.
  EXPECT_TRUE(tx->assets().List(TestScopes::One(a.id), {.tenant = b.id}, kNow)->items.empty());
}

TEST_P(StoreConformance, WritesOutsideScopeAreNotFound) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto b = MakeTenant("B", "乙公司", "91110000600037341L");
  auto asset_b = MakeAsset(b.id, "192.0.2.2");
  auto tx = Write();
  asset_b.note = "changed";
  EXPECT_EQ(tx->assets().Update(TestScopes::One(a.id), asset_b).code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->assets().Delete(TestScopes::One(a.id), asset_b.id).code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->tenants().Delete(TestScopes::One(a.id), b.id).code(), StatusCode::kNotFound);
  model::Asset sneaky = asset_b;
  sneaky.id = model::AssetId("X1");
  EXPECT_EQ(tx->assets().Insert(TestScopes::One(a.id), sneaky).code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->tenants().Insert(TestScopes::One(a.id), a).code(), StatusCode::kPermissionDenied);
}

TEST_P(StoreConformance, UniquenessNamesTheField) {
  MakeTenant("A", "甲公司", "91440300708461136T");
  auto tx = Write();
  model::Tenant dup;
  dup.id = model::TenantId("C");
  dup.name = "甲公司";
  dup.credit_code = "91110000600037341L";
  Status s = tx->tenants().Insert(TestScopes::All(), dup);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "name");
  dup.name = "丙公司";
  dup.credit_code = "91440300708461136T";
  s = tx->tenants().Insert(TestScopes::All(), dup);
  EXPECT_EQ(s.field(), "credit_code");
}

TEST_P(StoreConformance, PagingVisitsEveryItemOnceDespiteInserts) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  std::set<std::string> created;
  for (int i = 0; i < 25; ++i) created.insert(MakeAsset(a.id, "192.0.2." + std::to_string(i)).id.str());
  std::set<std::string> seen;
  AssetQuery q{.tenant = a.id};
  q.page.limit = 7;
  int pages = 0;
  while (true) {
    auto page = Read()->assets().List(TestScopes::One(a.id), q, kNow);
    ASSERT_TRUE(page.ok());
    for (const auto& item : page->items) EXPECT_TRUE(seen.insert(item.id.str()).second);
    ++pages;
    // A newer asset added between pages sorts before the cursor: the walk
    // neither repeats nor skips the assets that existed when it began.
    MakeAsset(a.id, "198.51.100." + std::to_string(pages));
    if (page->next_cursor.empty()) break;
    q.page.cursor = page->next_cursor;
  }
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(seen, created);
}

TEST_P(StoreConformance, DeletingATenantCascadesButKeepsAudit) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto asset = MakeAsset(a.id, "192.0.2.1");
  {
    auto tx = Write();
    model::AuditEvent e;
    e.at = kNow;
    e.tenant_id = a.id;
    e.action = "asset.create";
    ASSERT_TRUE(tx->audit().Append(e).ok());
    EXPECT_GT(e.id, 0);
    ASSERT_TRUE(tx->tenants().Delete(TestScopes::All(), a.id).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  EXPECT_EQ(tx->assets().Get(TestScopes::All(), asset.id, kNow).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->audit().List(TestScopes::All(), {.tenant = a.id})->items.size(), 1u);
}

TEST_P(StoreConformance, UncommittedTransactionRollsBack) {
  {
    auto tx = Write();
    model::Tenant t;
    t.id = model::TenantId("A");
    t.name = "甲公司";
    ASSERT_TRUE(tx->tenants().Insert(TestScopes::All(), t).ok());
  }  // no Commit
  EXPECT_EQ(Read()->tenants().Get(TestScopes::All(), model::TenantId("A")).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformance, AuthorizationSummaryAndInForce) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto asset = MakeAsset(a.id, "192.0.2.1");
  model::ScanAuthorization z;
  z.id = model::AuthorizationId(NewUlid(kNow));
  z.tenant_id = a.id;
  z.asset_id = asset.id;
  z.status = model::AuthorizationStatus::kApproved;
  z.requested_by = "alice";
  z.requested_at = kNow;
  z.valid_from = kNow;
  z.valid_until = kNow + std::chrono::hours(24);
  {
    auto tx = Write();
    ASSERT_TRUE(tx->authorizations().Insert(TestScopes::One(a.id), z).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto got = tx->assets().Get(TestScopes::One(a.id), asset.id, kNow);
  EXPECT_EQ(got->authorization.status, "approved");
  EXPECT_EQ(got->authorization.id, z.id.str());
  EXPECT_EQ(tx->assets().Get(TestScopes::All(), asset.id, kNow + std::chrono::hours(25))->authorization.status,
            "expired");
  EXPECT_EQ(tx->assets().ListAuthorized(TestScopes::One(a.id), a.id, kNow)->size(), 1u);
  EXPECT_TRUE(tx->assets().ListAuthorized(TestScopes::One(a.id), a.id, kNow + std::chrono::hours(24))->empty());
}

TEST_P(StoreConformance, AuditFiltersAndPages) {
  auto tx = Write();
  for (int i = 0; i < 5; ++i) {
    model::AuditEvent e;
    e.at = kNow + std::chrono::seconds(i);
    e.tenant_id = model::TenantId(i % 2 == 0 ? "A" : "B");
    e.actor_name = i < 3 ? "alice" : "bob";
    e.action = i == 4 ? "asset.create" : "tenant.update";
    ASSERT_TRUE(tx->audit().Append(e).ok());
  }
  ASSERT_TRUE(tx->Commit().ok());
  auto r = Read();
  EXPECT_EQ(r->audit().List(TestScopes::All(), {.action = "tenant."})->items.size(), 4u);
  EXPECT_EQ(r->audit().List(TestScopes::All(), {.actor = "bob"})->items.size(), 2u);
  EXPECT_EQ(r->audit().List(TestScopes::One(model::TenantId("A")), {})->items.size(), 3u);
  EXPECT_EQ(r->audit().List(TestScopes::All(), {.since = kNow + std::chrono::seconds(3)})->items.size(), 2u);
  AuditQuery q;
  q.page.limit = 2;
  auto p1 = r->audit().List(TestScopes::All(), q);
  ASSERT_EQ(p1->items.size(), 2u);
  EXPECT_GT(p1->items[0].id, p1->items[1].id);  // newest first
  q.page.cursor = p1->next_cursor;
  auto p2 = r->audit().List(TestScopes::All(), q);
  EXPECT_LT(p2->items[0].id, p1->items[1].id);
  q.page.cursor = "junk";
  EXPECT_EQ(r->audit().List(TestScopes::All(), q).status().field(), "cursor");
}

std::vector<std::string> BackendSchemes() {
  std::vector<std::string> out;
  for (const auto& b : Backends()) out.push_back(b.scheme);
  return out;
}

// ---- scanning -----------------------------------------------------------------

model::ScanPolicy MakePolicy(const std::string& id, const std::string& name) {
  model::ScanPolicy p;
  p.id = model::ScanPolicyId(id);
  p.name = name;
  p.ports = "22,80";
  p.created_at = p.updated_at = kNow;
  return p;
}

TEST_P(StoreConformance, ScanPoliciesAreUniqueByNameAndGuardedWhileUsed) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto asset = MakeAsset(a.id, "192.0.2.1");
  {
    auto tx = Write();
    ASSERT_TRUE(tx->scans().InsertPolicy(MakePolicy("P1", "标准巡检")).ok());
    Status dup = tx->scans().InsertPolicy(MakePolicy("P2", "标准巡检"));
    EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(dup.field(), "name");
    model::ScanSchedule sc;
    sc.id = model::ScanScheduleId("S1");
    sc.tenant_id = a.id;
    sc.name = "每周";
    sc.policy_id = model::ScanPolicyId("P1");
    sc.assets = {{asset.id, ""}};
    sc.created_at = sc.updated_at = kNow;
    ASSERT_TRUE(tx->scans().InsertSchedule(TestScopes::One(a.id), sc).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Write();
  auto p = tx->scans().GetPolicy(model::ScanPolicyId("P1"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ports, "22,80");
  EXPECT_EQ(tx->scans().DeletePolicy(model::ScanPolicyId("P1")).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(tx->scans().DeleteSchedule(TestScopes::One(a.id), model::ScanScheduleId("S1")).ok());
  EXPECT_TRUE(tx->scans().DeletePolicy(model::ScanPolicyId("P1")).ok());
  EXPECT_EQ(tx->scans().GetPolicy(model::ScanPolicyId("P1")).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, ScanSchedulesStayInTheirTenant) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto b = MakeTenant("B", "乙公司", "91110000600037341L");
  auto asset_a = MakeAsset(a.id, "192.0.2.1");
  auto asset_b = MakeAsset(b.id, "192.0.2.2");
  auto tx = Write();
  ASSERT_TRUE(tx->scans().InsertPolicy(MakePolicy("P1", "快速")).ok());
  model::ScanSchedule sc;
  sc.id = model::ScanScheduleId("S1");
  sc.tenant_id = a.id;
  sc.name = "每天";
  sc.policy_id = model::ScanPolicyId("P1");
  sc.cron = "0 2 * * *";
  sc.next_run_at = kNow;
  sc.created_at = sc.updated_at = kNow;
  // Another tenant's asset cannot be put on a schedule.
  sc.assets = {{asset_b.id, ""}};
  EXPECT_EQ(tx->scans().InsertSchedule(TestScopes::One(a.id), sc).code(), StatusCode::kNotFound);
  tx.reset();
  tx = Write();
  ASSERT_TRUE(tx->scans().InsertPolicy(MakePolicy("P1", "快速")).ok());
  sc.assets = {{asset_a.id, ""}};
  ASSERT_TRUE(tx->scans().InsertSchedule(TestScopes::One(a.id), sc).ok());
  auto got = tx->scans().GetSchedule(TestScopes::One(a.id), sc.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->policy_name, "快速");
  ASSERT_EQ(got->assets.size(), 1u);
  EXPECT_EQ(got->assets[0].value, "192.0.2.1");
  EXPECT_FALSE(got->last_run.has_value());
  EXPECT_EQ(tx->scans().GetSchedule(TestScopes::One(b.id), sc.id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(tx->scans().ListSchedules(TestScopes::One(b.id), a.id, {})->items.empty());
  EXPECT_EQ(tx->scans().DeleteSchedule(TestScopes::One(b.id), sc.id).code(), StatusCode::kNotFound);
  auto due = tx->scans().DueSchedules(kNow, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_TRUE(tx->scans().DueSchedules(kNow - std::chrono::seconds(1), 10)->empty());
}

model::ScanRun MakeRun(const std::string& id, const model::TenantId& tenant) {
  model::ScanRun r;
  r.id = model::ScanRunId(id);
  r.tenant_id = tenant;
  r.schedule_id = model::ScanScheduleId("S1");
  r.schedule_name = "每天";
  r.targets = {"192.0.2.1"};
  r.policy = MakePolicy("P1", "快速");
  r.created_at = kNow;
  return r;
}

TEST_P(StoreConformance, ScanRunsAreLeasedOnceAndExpire) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto tx = Write();
  ASSERT_TRUE(tx->scans().InsertRun(TestScopes::One(a.id), MakeRun("R1", a.id)).ok());
  ASSERT_TRUE(tx->scans().InsertRun(TestScopes::One(a.id), MakeRun("R2", a.id)).ok());
  auto active = tx->scans().ActiveRun(TestScopes::One(a.id), model::ScanScheduleId("S1"));
  ASSERT_TRUE(active.ok() && active->has_value());
  const Timestamp lease = kNow + std::chrono::seconds(30);
  auto first = tx->scans().LeaseNextRun("w1", kNow, lease);
  auto second = tx->scans().LeaseNextRun("w2", kNow, lease);
  auto none = tx->scans().LeaseNextRun("w3", kNow, lease);
  ASSERT_TRUE(first.ok() && first->has_value());
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*first)->id.str(), "R1");  // oldest first
  EXPECT_EQ((*first)->status, model::ScanRunStatus::kRunning);
  EXPECT_EQ((*first)->worker, "w1");
  EXPECT_EQ((*second)->id.str(), "R2");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_TRUE(tx->scans().ExpiredRuns(lease)->empty());
  auto expired = tx->scans().ExpiredRuns(lease + std::chrono::milliseconds(1));
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired->size(), 2u);
  // Progress and the outcome round-trip.
  model::ScanRun r = **first;
  r.status = model::ScanRunStatus::kSucceeded;
  r.progress = {"done", 7, 7, 100};
  r.summary = {1, 0, 2, 1, 3};
  r.finished_at = kNow + std::chrono::seconds(5);
  ASSERT_TRUE(tx->scans().UpdateRun(TestScopes::One(a.id), r).ok());
  auto back = tx->scans().GetRun(TestScopes::One(a.id), r.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->progress.percent, 100);
  EXPECT_EQ(back->summary.changes, 3);
  EXPECT_EQ(back->policy.ports, "22,80");
  auto prev = tx->scans().PreviousSucceededRun(TestScopes::One(a.id), model::ScanScheduleId("S1"),
                                               model::ScanRunId("R9"));
  ASSERT_TRUE(prev.ok() && prev->has_value());
  EXPECT_EQ((*prev)->id.str(), "R1");
}

TEST_P(StoreConformance, ScanResultsRoundTripWithinTheTenant) {
  auto a = MakeTenant("A", "甲公司", "91440300708461136T");
  auto b = MakeTenant("B", "乙公司", "91110000600037341L");
  auto tx = Write();
  ASSERT_TRUE(tx->scans().InsertRun(TestScopes::One(a.id), MakeRun("R1", a.id)).ok());
  model::Observation o;
  o.host = "192.0.2.1";
  o.port = 22;
  o.service = "ssh";
  o.product = "OpenSSH";
  o.version = "9.2p1";
  o.cpes = {"cpe:/a:openbsd:openssh:9.2p1"};
  model::Finding f;
  f.check_id = "tls.cert_expired";
  f.severity = model::Severity::kHigh;
  f.host = "192.0.2.1";
  f.port = 443;
  f.title_zh = "证书已过期";
  model::ScanChange c;
  c.kind = model::ScanChangeKind::kPortClosed;
  c.host = "192.0.2.1";
  c.port = 80;
  c.before = "http nginx";
  ASSERT_TRUE(tx->scans().InsertResults(TestScopes::One(a.id), model::ScanRunId("R1"), {o}, {f}, {c}).ok());
  EXPECT_EQ(tx->scans().InsertResults(TestScopes::One(b.id), model::ScanRunId("R1"), {o}, {}, {}).code(),
            StatusCode::kNotFound);
  auto obs = tx->scans().ListObservations(TestScopes::One(a.id), model::ScanRunId("R1"));
  ASSERT_TRUE(obs.ok()) << obs.status().ToString();
  ASSERT_EQ(obs->size(), 1u);
  EXPECT_EQ((*obs)[0].Fingerprint(), o.Fingerprint());
  EXPECT_EQ((*obs)[0].cpes, o.cpes);
  auto fs = tx->scans().ListFindings(TestScopes::One(a.id), model::ScanRunId("R1"));
  ASSERT_TRUE(fs.ok());
  ASSERT_EQ(fs->size(), 1u);
  EXPECT_EQ((*fs)[0].title_zh, "证书已过期");
  auto cs = tx->scans().ListChanges(TestScopes::One(a.id), model::ScanRunId("R1"));
  ASSERT_TRUE(cs.ok());
  ASSERT_EQ(cs->size(), 1u);
  EXPECT_EQ((*cs)[0].kind, model::ScanChangeKind::kPortClosed);
  EXPECT_EQ((*cs)[0].before, "http nginx");
  EXPECT_EQ(tx->scans().ListObservations(TestScopes::One(b.id), model::ScanRunId("R1")).status().code(),
            StatusCode::kNotFound);
  // Deleting the tenant takes its runs and results with it.
  ASSERT_TRUE(tx->tenants().Delete(TestScopes::All(), a.id).ok());
  EXPECT_EQ(tx->scans().GetRun(TestScopes::All(), model::ScanRunId("R1")).status().code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(BackendSchemes()),
                         [](const auto& test_param) { return test_param.param; });

}  // namespace
}  // namespace sw::store
