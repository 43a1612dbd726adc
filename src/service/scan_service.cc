// SPDX-License-Identifier: Apache-2.0
#include "service/scan_service.h"

#include "core/cron.h"
#include "core/ids.h"
#include "model/codec_util.h"
#include "scan/port_spec.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {
namespace {

// What the scanner is given for an asset: URLs are scanned by their host.
std::string TargetOf(const model::Asset& a) {
  if (a.kind != model::AssetKind::kUrl) return a.value;
  auto t = model::ParseScanTarget(a.value);
  return t.ok() ? t->host : a.value;
}

Status CheckPorts(const model::ScanPolicy& p) {
  if (p.ports.empty()) return {};
  auto ports = scan::ParsePortSpec(p.ports);
  if (!ports.ok()) return InvalidArgument("ports: " + ports.status().message(), "ports");
  return {};
}

json::object ScheduleAudit(const model::ScanSchedule& s) { return model::ToJson(s); }

}  // namespace

// ---- policies -----------------------------------------------------------------

Result<model::Page<model::ScanPolicy>> ScanService::ListPolicies(const Principal& who,
                                                                 const model::PageRequest& page) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  return tx->scans().ListPolicies(page);
}

Result<model::ScanPolicy> ScanService::GetPolicy(const Principal& who, const model::ScanPolicyId& id) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  return tx->scans().GetPolicy(id);
}

Result<model::ScanPolicy> ScanService::CreatePolicy(const Principal& who, const model::ScanPolicyPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  if (!Allows(who, Permission::kScanPolicyWrite)) {
    RecordDenied(ctx_, who, {.action = "scan_policy.create", .tenant = who.tenant_id, .object_type = "scan_policy"});
    return Require(who, Permission::kScanPolicyWrite);
  }
  model::ScanPolicy p;
  p.id = model::ScanPolicyId(NewUlid(now));
  p.created_at = p.updated_at = now;
  SW_RETURN_IF_ERROR(model::ApplyScanPolicyPatch(patch, /*creating=*/true, p));
  SW_RETURN_IF_ERROR(CheckPorts(p));
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanPolicy> {
    SW_RETURN_IF_ERROR(tx.scans().InsertPolicy(p));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "scan_policy.create", .tenant = model::CenterTenantId(),
                               .object_type = "scan_policy", .object_id = p.id.str(), .after = model::ToJson(p)}));
    return p;
  });
}

Result<model::ScanPolicy> ScanService::UpdatePolicy(const Principal& who, const model::ScanPolicyId& id,
                                                    const model::ScanPolicyPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  if (!Allows(who, Permission::kScanPolicyWrite)) {
    RecordDenied(ctx_, who, {.action = "scan_policy.update", .tenant = who.tenant_id,
                             .object_type = "scan_policy", .object_id = id.str()});
    return Require(who, Permission::kScanPolicyWrite);
  }
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanPolicy> {
    SW_ASSIGN_OR_RETURN(model::ScanPolicy p, tx.scans().GetPolicy(id));
    const json::object before = model::ToJson(p);
    SW_RETURN_IF_ERROR(model::ApplyScanPolicyPatch(patch, /*creating=*/false, p));
    SW_RETURN_IF_ERROR(CheckPorts(p));
    p.updated_at = now;
    SW_RETURN_IF_ERROR(tx.scans().UpdatePolicy(p));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "scan_policy.update", .tenant = model::CenterTenantId(),
                               .object_type = "scan_policy", .object_id = p.id.str(), .before = before,
                               .after = model::ToJson(p)}));
    return p;
  });
}

Status ScanService::DeletePolicy(const Principal& who, const model::ScanPolicyId& id) {
  const Timestamp now = ctx_.clock.Now();
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  if (!Allows(who, Permission::kScanPolicyWrite)) {
    RecordDenied(ctx_, who, {.action = "scan_policy.delete", .tenant = who.tenant_id,
                             .object_type = "scan_policy", .object_id = id.str()});
    return Require(who, Permission::kScanPolicyWrite);
  }
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(model::ScanPolicy p, tx.scans().GetPolicy(id));
    SW_RETURN_IF_ERROR(tx.scans().DeletePolicy(id));
    return Record(tx, who, now,
                  {.action = "scan_policy.delete", .tenant = model::CenterTenantId(),
                   .object_type = "scan_policy", .object_id = id.str(), .before = model::ToJson(p)});
  });
}

Status ScanService::EnsureDefaultPolicies() {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(auto existing, tx.scans().ListPolicies({.limit = 1}));
    if (!existing.items.empty()) return {};
    model::ScanPolicy standard;
    standard.id = model::ScanPolicyId("standard");
    standard.name = "标准巡检";
    standard.description = "Nmap 最常见的 1000 个端口，识别服务与版本，检查 TLS 证书与协议。适合每周例行扫描。";
    standard.top_ports = 1000;
    standard.created_at = standard.updated_at = now;
    model::ScanPolicy quick = standard;
    quick.id = model::ScanPolicyId("quick");
    quick.name = "快速检查";
    quick.description = "最常见的 100 个端口和 TLS 检查，不识别版本。几十秒内完成，适合每天检查。";
    quick.top_ports = 100;
    quick.version_detection = false;
    for (const auto* p : {&standard, &quick}) {
      SW_RETURN_IF_ERROR(tx.scans().InsertPolicy(*p));
      SW_RETURN_IF_ERROR(Record(tx, Principal::System(), now,
                                {.action = "scan_policy.create", .tenant = model::CenterTenantId(),
                                 .object_type = "scan_policy", .object_id = p->id.str(),
                                 .after = model::ToJson(*p)}));
    }
    return {};
  });
}

// ---- schedules ----------------------------------------------------------------

Status ScanService::ComputeNextRun(model::ScanSchedule& s, Timestamp now) const {
  s.next_run_at.reset();
  std::optional<DailyWindow> window;
  if (!s.window.empty()) {
    SW_ASSIGN_OR_RETURN(auto w, DailyWindow::Parse(s.window));
    window = w;
  }
  if (s.cron.empty()) return {};
  SW_ASSIGN_OR_RETURN(CronSchedule cron, CronSchedule::Parse(s.cron));
  if (!s.enabled) return {};
  auto next = cron.Next(now, ctx_.scan.utc_offset);
  if (!next) return InvalidArgument("cron: \"" + s.cron + "\" never fires", "cron");
  s.next_run_at = window ? window->NextOpen(*next, ctx_.scan.utc_offset) : *next;
  return {};
}

Status ScanService::CheckAssets(store::Transaction& tx, const store::TenantScope& scope, model::ScanSchedule& s,
                                Timestamp now) {
  for (size_t i = 0; i < s.assets.size(); ++i) {
    const std::string field = IndexPath("asset_ids", i);
    auto asset = tx.assets().Get(scope, s.assets[i].id, now);
    if (!asset.ok() || asset->tenant_id != s.tenant_id) {
      return InvalidArgument(field + ": asset " + s.assets[i].id.str() + " not found in this enterprise", field);
    }
    SW_ASSIGN_OR_RETURN(auto in_force, tx.authorizations().InForce(scope, asset->id, now));
    if (in_force.empty()) {
      return FailedPrecondition(field + ": " + asset->value +
                                    " has no approved scan authorization in force; request one and have the "
                                    "center approve it first",
                                field);
    }
    s.assets[i].value = asset->value;
  }
  return {};
}

Result<model::Page<model::ScanSchedule>> ScanService::ListSchedules(const Principal& who,
                                                                    const model::TenantId& tenant,
                                                                    const model::PageRequest& page) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  SW_RETURN_IF_ERROR(tx->tenants().Get(scope, tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return tx->scans().ListSchedules(scope, tenant, page);
}

Result<model::ScanSchedule> ScanService::GetSchedule(const Principal& who, const model::ScanScheduleId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto s, tx->scans().GetSchedule(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return s;
}

Result<model::ScanSchedule> ScanService::CreateSchedule(const Principal& who, const model::TenantId& tenant,
                                                        const model::ScanSchedulePatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  model::ScanSchedule s;
  s.id = model::ScanScheduleId(NewUlid(now));
  s.tenant_id = tenant;
  s.created_by = who.name;
  s.created_at = s.updated_at = now;
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanSchedule> {
    const auto scope = ScopeIssuer::For(who);
    SW_RETURN_IF_ERROR(tx.tenants().Get(scope, tenant).status());
    SW_RETURN_IF_ERROR(Require(who, Permission::kScanScheduleWrite));
    SW_RETURN_IF_ERROR(model::ApplyScanSchedulePatch(patch, /*creating=*/true, s));
    auto policy = tx.scans().GetPolicy(s.policy_id);
    if (!policy.ok()) return InvalidArgument("policy_id: no such scan policy", "policy_id");
    SW_RETURN_IF_ERROR(ComputeNextRun(s, now));
    SW_RETURN_IF_ERROR(CheckAssets(tx, scope, s, now));
    SW_RETURN_IF_ERROR(tx.scans().InsertSchedule(scope, s));
    SW_ASSIGN_OR_RETURN(model::ScanSchedule stored, tx.scans().GetSchedule(scope, s.id));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "scan_schedule.create", .tenant = tenant, .object_type = "scan_schedule",
                               .object_id = s.id.str(), .after = ScheduleAudit(stored)}));
    return stored;
  });
}

Result<model::ScanSchedule> ScanService::UpdateSchedule(const Principal& who, const model::ScanScheduleId& id,
                                                        const model::ScanSchedulePatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanSchedule> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ScanSchedule s, tx.scans().GetSchedule(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kScanScheduleWrite));
    const json::object before = ScheduleAudit(s);
    SW_RETURN_IF_ERROR(model::ApplyScanSchedulePatch(patch, /*creating=*/false, s));
    if (patch.policy_id && !tx.scans().GetPolicy(s.policy_id).ok()) {
      return InvalidArgument("policy_id: no such scan policy", "policy_id");
    }
    SW_RETURN_IF_ERROR(ComputeNextRun(s, now));
    // Saving re-checks every asset: the authorization check at schedule time.
    SW_RETURN_IF_ERROR(CheckAssets(tx, scope, s, now));
    s.updated_at = now;
    SW_RETURN_IF_ERROR(tx.scans().UpdateSchedule(scope, s));
    SW_ASSIGN_OR_RETURN(model::ScanSchedule stored, tx.scans().GetSchedule(scope, s.id));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "scan_schedule.update", .tenant = s.tenant_id,
                               .object_type = "scan_schedule", .object_id = s.id.str(), .before = before,
                               .after = ScheduleAudit(stored)}));
    return stored;
  });
}

Status ScanService::DeleteSchedule(const Principal& who, const model::ScanScheduleId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ScanSchedule s, tx.scans().GetSchedule(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kScanScheduleWrite));
    SW_RETURN_IF_ERROR(tx.scans().DeleteSchedule(scope, id));
    return Record(tx, who, now,
                  {.action = "scan_schedule.delete", .tenant = s.tenant_id, .object_type = "scan_schedule",
                   .object_id = id.str(), .before = ScheduleAudit(s)});
  });
}

// ---- runs ---------------------------------------------------------------------

Result<model::ScanRun> ScanService::Queue(store::Transaction& tx, const Principal& who,
                                          const model::ScanSchedule& s, const std::string& trigger,
                                          Timestamp now) {
  const auto scope = ScopeIssuer::ForTenant(s.tenant_id);
  model::ScanRun r;
  r.id = model::ScanRunId(NewUlid(now));
  r.tenant_id = s.tenant_id;
  r.schedule_id = s.id;
  r.schedule_name = s.name;
  r.trigger = trigger;
  r.requested_by = who.name;
  r.created_at = now;
  SW_ASSIGN_OR_RETURN(r.policy, tx.scans().GetPolicy(s.policy_id));
  for (const auto& ref : s.assets) {
    SW_ASSIGN_OR_RETURN(model::Asset a, tx.assets().Get(scope, ref.id, now));
    r.targets.push_back(TargetOf(a));
  }
  SW_RETURN_IF_ERROR(tx.scans().InsertRun(scope, r));
  SW_RETURN_IF_ERROR(Record(tx, who, now,
                            {.action = "scan_run.queue", .tenant = s.tenant_id, .object_type = "scan_run",
                             .object_id = r.id.str(), .after = model::ToJson(r)}));
  return r;
}

Result<model::ScanRun> ScanService::RunNow(const Principal& who, const model::ScanScheduleId& id) {
  const Timestamp now = ctx_.clock.Now();
  auto run = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanRun> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ScanSchedule s, tx.scans().GetSchedule(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kScanRun));
    SW_ASSIGN_OR_RETURN(auto active, tx.scans().ActiveRun(scope, id));
    if (active) return FailedPrecondition("a run of this schedule is already queued or running (" + active->str() + ")");
    if (!s.window.empty()) {
      SW_ASSIGN_OR_RETURN(DailyWindow w, DailyWindow::Parse(s.window));
      if (!w.Contains(now, ctx_.scan.utc_offset)) {
        return FailedPrecondition("outside the maintenance window " + s.window +
                                  " agreed with the enterprise; scan inside it or change the window");
      }
    }
    if (s.assets.empty()) return FailedPrecondition("this schedule has no assets left to scan");
    return Queue(tx, who, s, "manual", now);
  });
  if (run.ok() && on_queued_) on_queued_();
  return run;
}

Result<model::Page<model::ScanRun>> ScanService::ListRuns(const Principal& who, const store::ScanRunQuery& q) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  if (q.tenant) SW_RETURN_IF_ERROR(tx->tenants().Get(scope, *q.tenant).status());
  if (q.schedule) SW_RETURN_IF_ERROR(tx->scans().GetSchedule(scope, *q.schedule).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return tx->scans().ListRuns(scope, q);
}

Result<model::ScanRun> ScanService::GetRun(const Principal& who, const model::ScanRunId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto r, tx->scans().GetRun(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return r;
}

Result<model::ScanRun> ScanService::CancelRun(const Principal& who, const model::ScanRunId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanRun> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ScanRun r, tx.scans().GetRun(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kScanRun));
    if (model::IsEnded(r.status)) return FailedPrecondition("this run has already ended");
    if (r.status == model::ScanRunStatus::kQueued) {
      r.status = model::ScanRunStatus::kCancelled;
      r.progress.phase = "done";
      r.finished_at = now;
    }
    r.cancel_requested = true;
    SW_RETURN_IF_ERROR(tx.scans().UpdateRun(scope, r));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "scan_run.cancel", .tenant = r.tenant_id, .object_type = "scan_run",
                               .object_id = r.id.str()}));
    return r;
  });
}

Result<std::vector<model::Observation>> ScanService::Observations(const Principal& who, const model::ScanRunId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto v, tx->scans().ListObservations(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return v;
}

Result<std::vector<model::Finding>> ScanService::Findings(const Principal& who, const model::ScanRunId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto v, tx->scans().ListFindings(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return v;
}

Result<std::vector<model::ScanChange>> ScanService::Changes(const Principal& who, const model::ScanRunId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto v, tx->scans().ListChanges(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kScanRead));
  return v;
}

Result<int> ScanService::QueueDueRuns() {
  const Timestamp now = ctx_.clock.Now();
  auto queued = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<int> {
    SW_ASSIGN_OR_RETURN(auto due, tx.scans().DueSchedules(now, 100));
    int n = 0;
    Principal scheduler = Principal::System();
    scheduler.name = "system:scheduler";
    for (auto& s : due) {
      const auto scope = ScopeIssuer::ForTenant(s.tenant_id);
      SW_ASSIGN_OR_RETURN(auto active, tx.scans().ActiveRun(scope, s.id));
      // A run still going when the next one is due: skip this firing
      // rather than pile runs up behind a slow network.
      if (!active && !s.assets.empty()) {
        SW_RETURN_IF_ERROR(Queue(tx, scheduler, s, "schedule", now).status());
        ++n;
      }
      if (Status st = ComputeNextRun(s, now); !st.ok()) s.next_run_at.reset();
      s.updated_at = now;
      SW_RETURN_IF_ERROR(tx.scans().UpdateSchedule(scope, s));
    }
    return n;
  });
  if (queued.ok() && *queued > 0 && on_queued_) on_queued_();
  return queued;
}

}  // namespace sw::service
