// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "model/codec_util.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

Result<json::value> StoredJson(const std::string& text, const char* what) {
  auto v = ParseJson(text, {.max_bytes = size_t{64} << 20, .max_depth = 32});
  if (!v.ok()) return DataLoss(std::string("stored ") + what + " is not valid JSON: " + v.status().message());
  return v;
}

Result<std::vector<std::string>> StoredStrings(const std::string& text, const char* what) {
  SW_ASSIGN_OR_RETURN(json::value v, StoredJson(text, what));
  std::vector<std::string> out;
  if (!v.is_array()) return DataLoss(std::string("stored ") + what + " is not a list");
  for (const auto& e : v.as_array()) {
    if (e.is_string()) out.emplace_back(e.as_string());
  }
  return out;
}

Status MapPolicyUnique(const Status& s) {
  if (s.code() != StatusCode::kAlreadyExists) return s;
  if (s.message().find("scan_policies.name") != std::string::npos) {
    return AlreadyExists("name: a scan policy with this name already exists", "name");
  }
  return AlreadyExists("id: scan policy already exists", "id");
}

Status MapScheduleUnique(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists && s.message().find("scan_schedules.tenant_id") != std::string::npos) {
    return AlreadyExists("name: this enterprise already has a scan schedule with this name", "name");
  }
  return s;
}

Result<model::ScanPolicy> ReadPolicy(const Stmt& s, int col) {
  SW_ASSIGN_OR_RETURN(json::value v, StoredJson(s.Text(col), "scan policy"));
  auto p = model::ScanPolicyFromJson(v);
  if (!p.ok()) return DataLoss("stored scan policy: " + p.status().message());
  return p;
}

#define SW_RUN_SELECT                                                                         \
  "SELECT id, tenant_id, schedule_id, schedule_name, triggered_by, requested_by, status, "     \
  "phase, progress_done, progress_total, percent, targets, policy, summary, previous_run_id, " \
  "error, cancel_requested, worker, lease_until, created_at, started_at, finished_at FROM scan_runs "

Result<model::ScanRun> ReadRun(const Stmt& s) {
  model::ScanRun r;
  r.id = model::ScanRunId(s.Text(0));
  r.tenant_id = model::TenantId(s.Text(1));
  r.schedule_id = model::ScanScheduleId(s.Text(2));
  r.schedule_name = s.Text(3);
  r.trigger = s.Text(4);
  r.requested_by = s.Text(5);
  r.status = model::ParseIn(model::kScanRunStatusNames, s.Text(6)).value_or(model::ScanRunStatus::kFailed);
  r.progress.phase = s.Text(7);
  r.progress.done = s.Int(8);
  r.progress.total = s.Int(9);
  r.progress.percent = s.Int(10);
  SW_ASSIGN_OR_RETURN(r.targets, StoredStrings(s.Text(11), "run targets"));
  SW_ASSIGN_OR_RETURN(r.policy, ReadPolicy(s, 12));
  SW_ASSIGN_OR_RETURN(json::value summary, StoredJson(s.Text(13), "run summary"));
  if (summary.is_object()) {
    const auto& o = summary.as_object();
    auto get = [&](const char* k) -> int64_t {
      const auto* v = o.if_contains(k);
      return v != nullptr && v->is_int64() ? v->as_int64() : 0;
    };
    r.summary = {get("hosts"), get("hosts_refused"), get("open_ports"), get("findings"), get("changes")};
  }
  if (!s.IsNull(14)) r.previous_run_id = model::ScanRunId(s.Text(14));
  r.error = s.Text(15);
  r.cancel_requested = s.Int(16) != 0;
  r.worker = s.Text(17);
  r.lease_until = s.OptTime(18);
  r.created_at = s.Time(19);
  r.started_at = s.OptTime(20);
  r.finished_at = s.OptTime(21);
  return r;
}

std::string SummaryJson(const model::ScanSummary& m) {
  return ToJson(json::object{{"hosts", m.hosts},
                             {"hosts_refused", m.hosts_refused},
                             {"open_ports", m.open_ports},
                             {"findings", m.findings},
                             {"changes", m.changes}});
}

std::string StringsJson(const std::vector<std::string>& v) { return ToJson(model::StringsToJson(v)); }

#define SW_SCHEDULE_SELECT                                                                   \
  "SELECT s.id, s.tenant_id, s.name, s.policy_id, p.name, s.cron, s.run_window, s.enabled, " \
  "s.next_run_at, s.created_by, s.created_at, s.updated_at FROM scan_schedules s "           \
  "JOIN scan_policies p ON p.id = s.policy_id "

model::ScanSchedule ReadSchedule(const Stmt& s) {
  model::ScanSchedule r;
  r.id = model::ScanScheduleId(s.Text(0));
  r.tenant_id = model::TenantId(s.Text(1));
  r.name = s.Text(2);
  r.policy_id = model::ScanPolicyId(s.Text(3));
  r.policy_name = s.Text(4);
  r.cron = s.Text(5);
  r.window = s.Text(6);
  r.enabled = s.Int(7) != 0;
  r.next_run_at = s.OptTime(8);
  r.created_by = s.Text(9);
  r.created_at = s.Time(10);
  r.updated_at = s.Time(11);
  return r;
}

template <typename T, typename FromJson>
Result<std::vector<T>> ReadResults(Stmt& s, const char* what, FromJson&& from_json) {
  std::vector<T> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    SW_ASSIGN_OR_RETURN(json::value v, StoredJson(s.Text(0), what));
    auto item = from_json(v);
    if (!item.ok()) return DataLoss(std::string("stored ") + what + ": " + item.status().message());
    out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace

// ---- policies ---------------------------------------------------------------

Result<Page<model::ScanPolicy>> SqliteScans::ListPolicies(const PageRequest& page_request) {
  const int limit = PageLimit(page_request);
  Stmt s(c_, "SELECT data, name FROM scan_policies WHERE (?1 = '' OR name > ?1) ORDER BY name LIMIT ?2");
  s.Bind(page_request.cursor).Bind(limit + 1);
  return ReadPage<model::ScanPolicy>(
      s, limit, [](const Stmt& st) { return ReadPolicy(st, 0); }, [](const model::ScanPolicy& p) { return p.name; });
}

Result<model::ScanPolicy> SqliteScans::GetPolicy(const model::ScanPolicyId& id) {
  Stmt s(c_, "SELECT data FROM scan_policies WHERE id = ?1");
  s.Bind(id.str());
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("scan policy " + id.str() + " not found");
  return ReadPolicy(s, 0);
}

Status SqliteScans::InsertPolicy(const model::ScanPolicy& p) {
  Stmt s(c_, "INSERT INTO scan_policies (id, name, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  s.Bind(p.id.str()).Bind(p.name).Bind(ToJson(model::ToJson(p))).Bind(p.created_at).Bind(p.updated_at);
  return MapPolicyUnique(s.Run().status());
}

Status SqliteScans::UpdatePolicy(const model::ScanPolicy& p) {
  Stmt s(c_, "UPDATE scan_policies SET name = ?1, data = ?2, updated_at = ?3 WHERE id = ?4");
  s.Bind(p.name).Bind(ToJson(model::ToJson(p))).Bind(p.updated_at).Bind(p.id.str());
  auto n = s.Run();
  if (!n.ok()) return MapPolicyUnique(n.status());
  if (*n == 0) return NotFound("scan policy " + p.id.str() + " not found");
  return {};
}

Status SqliteScans::DeletePolicy(const model::ScanPolicyId& id) {
  Stmt used(c_, "SELECT count(*) FROM scan_schedules WHERE policy_id = ?1");
  used.Bind(id.str());
  SW_ASSIGN_OR_RETURN(bool row, used.Step());
  if (row && used.Int(0) > 0) {
    return FailedPrecondition("this policy is used by " + std::to_string(used.Int(0)) +
                              " scan schedule(s); change them first");
  }
  Stmt s(c_, "DELETE FROM scan_policies WHERE id = ?1");
  s.Bind(id.str());
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("scan policy " + id.str() + " not found");
  return {};
}

// ---- schedules --------------------------------------------------------------

Status SqliteScans::LoadScheduleDetails(model::ScanSchedule& sc) {
  Stmt a(c_,
         "SELECT x.asset_id, a.value FROM scan_schedule_assets x JOIN assets a ON a.id = x.asset_id "
         "WHERE x.schedule_id = ?1 ORDER BY x.position");
  a.Bind(sc.id.str());
  sc.assets.clear();
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, a.Step());
    if (!row) break;
    sc.assets.push_back({model::AssetId(a.Text(0)), a.Text(1)});
  }
  Stmt r(c_, "SELECT id, status, finished_at FROM scan_runs WHERE schedule_id = ?1 ORDER BY id DESC LIMIT 1");
  r.Bind(sc.id.str());
  SW_ASSIGN_OR_RETURN(bool row, r.Step());
  sc.last_run.reset();
  if (row) {
    sc.last_run = model::RunRef{
        model::ScanRunId(r.Text(0)),
        model::ParseIn(model::kScanRunStatusNames, r.Text(1)).value_or(model::ScanRunStatus::kFailed),
        r.OptTime(2)};
  }
  return {};
}

Result<Page<model::ScanSchedule>> SqliteScans::ListSchedules(const TenantScope& scope,
                                                             const model::TenantId& tenant,
                                                             const PageRequest& page_request) {
  const int limit = PageLimit(page_request);
  Stmt s(c_, SW_SCHEDULE_SELECT
         "WHERE s.tenant_id = ?1 AND (?2 = '' OR s.tenant_id = ?2) AND (?3 = '' OR s.id < ?3) "
         "ORDER BY s.id DESC LIMIT ?4");
  s.Bind(tenant.str()).Bind(ScopeParam(scope)).Bind(page_request.cursor).Bind(limit + 1);
  SW_ASSIGN_OR_RETURN(auto page, ReadPage<model::ScanSchedule>(s, limit, ReadSchedule, kIdCursor));
  for (auto& sc : page.items) SW_RETURN_IF_ERROR(LoadScheduleDetails(sc));
  return page;
}

Result<model::ScanSchedule> SqliteScans::GetSchedule(const TenantScope& scope, const model::ScanScheduleId& id) {
  Stmt s(c_, SW_SCHEDULE_SELECT "WHERE s.id = ?1 AND (?2 = '' OR s.tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("scan schedule " + id.str() + " not found");
  model::ScanSchedule sc = ReadSchedule(s);
  SW_RETURN_IF_ERROR(LoadScheduleDetails(sc));
  return sc;
}

namespace {

Status WriteScheduleAssets(Connection& c, const model::ScanSchedule& sc) {
  Stmt del(c, "DELETE FROM scan_schedule_assets WHERE schedule_id = ?1");
  del.Bind(sc.id.str());
  SW_RETURN_IF_ERROR(del.Run().status());
  int64_t position = 0;
  for (const auto& a : sc.assets) {
    // Only the schedule's own tenant's assets: another tenant's id is NotFound.
    Stmt ins(c,
             "INSERT INTO scan_schedule_assets (schedule_id, asset_id, position) "
             "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM assets WHERE id = ?2 AND tenant_id = ?4)");
    ins.Bind(sc.id.str()).Bind(a.id.str()).Bind(position++).Bind(sc.tenant_id.str());
    SW_ASSIGN_OR_RETURN(int64_t n, ins.Run());
    if (n == 0) return NotFound("asset " + a.id.str() + " not found");
  }
  return {};
}

}  // namespace

Status SqliteScans::InsertSchedule(const TenantScope& scope, const model::ScanSchedule& sc) {
  if (!scope.Includes(sc.tenant_id)) return NotFound("tenant " + sc.tenant_id.str() + " not found");
  Stmt s(c_,
         "INSERT INTO scan_schedules (id, tenant_id, name, policy_id, cron, run_window, enabled, "
         "next_run_at, created_by, created_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.Bind(sc.id.str())
      .Bind(sc.tenant_id.str())
      .Bind(sc.name)
      .Bind(sc.policy_id.str())
      .Bind(sc.cron)
      .Bind(sc.window)
      .Bind(sc.enabled)
      .Bind(sc.next_run_at)
      .Bind(sc.created_by)
      .Bind(sc.created_at)
      .Bind(sc.updated_at);
  Status st = s.Run().status();
  if (st.code() == StatusCode::kFailedPrecondition) return NotFound("scan policy " + sc.policy_id.str() + " not found");
  SW_RETURN_IF_ERROR(MapScheduleUnique(st));
  return WriteScheduleAssets(c_, sc);
}

Status SqliteScans::UpdateSchedule(const TenantScope& scope, const model::ScanSchedule& sc) {
  Stmt s(c_,
         "UPDATE scan_schedules SET name = ?1, policy_id = ?2, cron = ?3, run_window = ?4, enabled = ?5, "
         "next_run_at = ?6, updated_at = ?7 WHERE id = ?8 AND (?9 = '' OR tenant_id = ?9)");
  s.Bind(sc.name)
      .Bind(sc.policy_id.str())
      .Bind(sc.cron)
      .Bind(sc.window)
      .Bind(sc.enabled)
      .Bind(sc.next_run_at)
      .Bind(sc.updated_at)
      .Bind(sc.id.str())
      .Bind(ScopeParam(scope));
  auto n = s.Run();
  if (!n.ok()) {
    if (n.status().code() == StatusCode::kFailedPrecondition) {
      return NotFound("scan policy " + sc.policy_id.str() + " not found");
    }
    return MapScheduleUnique(n.status());
  }
  if (*n == 0) return NotFound("scan schedule " + sc.id.str() + " not found");
  return WriteScheduleAssets(c_, sc);
}

Status SqliteScans::DeleteSchedule(const TenantScope& scope, const model::ScanScheduleId& id) {
  Stmt s(c_, "DELETE FROM scan_schedules WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("scan schedule " + id.str() + " not found");
  return {};
}

Result<std::vector<model::ScanSchedule>> SqliteScans::DueSchedules(Timestamp now, int limit) {
  Stmt s(c_, SW_SCHEDULE_SELECT
         "WHERE s.enabled = 1 AND s.next_run_at IS NOT NULL AND s.next_run_at <= ?1 "
         "ORDER BY s.next_run_at LIMIT ?2");
  s.Bind(now).Bind(limit);
  std::vector<model::ScanSchedule> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadSchedule(s));
  }
  for (auto& sc : out) SW_RETURN_IF_ERROR(LoadScheduleDetails(sc));
  return out;
}

// ---- runs -------------------------------------------------------------------

Result<Page<model::ScanRun>> SqliteScans::ListRuns(const TenantScope& scope, const ScanRunQuery& q) {
  const int limit = PageLimit(q.page);
  Stmt s(c_, SW_RUN_SELECT
         "WHERE (?1 = '' OR tenant_id = ?1) AND (?2 = '' OR tenant_id = ?2) "
         "AND (?3 = '' OR schedule_id = ?3) AND (?4 = '' OR id < ?4) ORDER BY id DESC LIMIT ?5");
  s.Bind(ScopeParam(scope))
      .Bind(q.tenant ? q.tenant->str() : std::string())
      .Bind(q.schedule ? q.schedule->str() : std::string())
      .Bind(q.page.cursor)
      .Bind(limit + 1);
  return ReadPage<model::ScanRun>(s, limit, ReadRun, kIdCursor);
}

namespace {

// `tenant` "" reads any tenant's run (for the worker that leased it).
Result<model::ScanRun> FetchRun(Connection& c, const model::ScanRunId& id, const std::string& tenant) {
  Stmt s(c, SW_RUN_SELECT "WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(tenant);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("scan run " + id.str() + " not found");
  return ReadRun(s);
}

}  // namespace

Result<model::ScanRun> SqliteScans::GetRun(const TenantScope& scope, const model::ScanRunId& id) {
  return FetchRun(c_, id, ScopeParam(scope));
}

Status SqliteScans::InsertRun(const TenantScope& scope, const model::ScanRun& r) {
  if (!scope.Includes(r.tenant_id)) return NotFound("tenant " + r.tenant_id.str() + " not found");
  Stmt s(c_,
         "INSERT INTO scan_runs (id, tenant_id, schedule_id, schedule_name, triggered_by, requested_by, "
         "status, phase, targets, policy, summary, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.Bind(r.id.str())
      .Bind(r.tenant_id.str())
      .Bind(r.schedule_id.str())
      .Bind(r.schedule_name)
      .Bind(r.trigger)
      .Bind(r.requested_by)
      .Bind(model::NameIn(model::kScanRunStatusNames, r.status))
      .Bind(r.progress.phase)
      .Bind(StringsJson(r.targets))
      .Bind(ToJson(model::ToJson(r.policy)))
      .Bind(SummaryJson(r.summary))
      .Bind(r.created_at);
  return s.Run().status();
}

Status SqliteScans::UpdateRun(const TenantScope& scope, const model::ScanRun& r) {
  Stmt s(c_,
         "UPDATE scan_runs SET status = ?1, phase = ?2, progress_done = ?3, progress_total = ?4, "
         "percent = ?5, summary = ?6, previous_run_id = ?7, error = ?8, cancel_requested = ?9, "
         "worker = ?10, lease_until = ?11, started_at = ?12, finished_at = ?13 "
         "WHERE id = ?14 AND (?15 = '' OR tenant_id = ?15)");
  s.Bind(model::NameIn(model::kScanRunStatusNames, r.status))
      .Bind(r.progress.phase)
      .Bind(r.progress.done)
      .Bind(r.progress.total)
      .Bind(r.progress.percent)
      .Bind(SummaryJson(r.summary))
      .Bind(r.previous_run_id ? std::optional<std::string>(r.previous_run_id->str()) : std::nullopt)
      .Bind(r.error)
      .Bind(r.cancel_requested)
      .Bind(r.worker)
      .Bind(r.lease_until)
      .Bind(r.started_at)
      .Bind(r.finished_at)
      .Bind(r.id.str())
      .Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("scan run " + r.id.str() + " not found");
  return {};
}

Result<std::optional<model::ScanRun>> SqliteScans::LeaseNextRun(const std::string& worker, Timestamp now,
                                                                Timestamp lease_until) {
  // One statement claims the run, so two workers cannot take the same one.
  Stmt claim(c_,
             "UPDATE scan_runs SET status = 'running', worker = ?1, lease_until = ?2, started_at = ?3, "
             "phase = 'resolving' WHERE id = (SELECT id FROM scan_runs WHERE status = 'queued' "
             "ORDER BY id LIMIT 1) AND status = 'queued' RETURNING id");
  claim.Bind(worker).Bind(lease_until).Bind(now);
  SW_ASSIGN_OR_RETURN(bool row, claim.Step());
  if (!row) return std::optional<model::ScanRun>();
  const std::string id = claim.Text(0);
  SW_ASSIGN_OR_RETURN(bool more, claim.Step());
  (void)more;
  SW_ASSIGN_OR_RETURN(model::ScanRun r, FetchRun(c_, model::ScanRunId(id), std::string()));
  return std::optional<model::ScanRun>(std::move(r));
}

Result<std::vector<model::ScanRun>> SqliteScans::ExpiredRuns(Timestamp now) {
  Stmt s(c_, SW_RUN_SELECT "WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ?1) ORDER BY id");
  s.Bind(now);
  std::vector<model::ScanRun> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    SW_ASSIGN_OR_RETURN(auto r, ReadRun(s));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::optional<model::ScanRun>> SqliteScans::PreviousSucceededRun(const TenantScope& scope,
                                                                        const model::ScanScheduleId& schedule,
                                                                        const model::ScanRunId& before) {
  Stmt s(c_, SW_RUN_SELECT
         "WHERE schedule_id = ?1 AND (?2 = '' OR tenant_id = ?2) AND status = 'succeeded' AND id < ?3 "
         "ORDER BY id DESC LIMIT 1");
  s.Bind(schedule.str()).Bind(ScopeParam(scope)).Bind(before.str());
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<model::ScanRun>();
  SW_ASSIGN_OR_RETURN(auto r, ReadRun(s));
  return std::optional<model::ScanRun>(std::move(r));
}

Result<std::optional<model::ScanRunId>> SqliteScans::ActiveRun(const TenantScope& scope,
                                                               const model::ScanScheduleId& schedule) {
  Stmt s(c_,
         "SELECT id FROM scan_runs WHERE schedule_id = ?1 AND (?2 = '' OR tenant_id = ?2) "
         "AND status IN ('queued', 'running') ORDER BY id DESC LIMIT 1");
  s.Bind(schedule.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<model::ScanRunId>();
  return std::optional<model::ScanRunId>(model::ScanRunId(s.Text(0)));
}

// ---- results ----------------------------------------------------------------

Status SqliteScans::InsertResults(const TenantScope& scope, const model::ScanRunId& run,
                                  const std::vector<model::Observation>& open,
                                  const std::vector<model::Finding>& findings,
                                  const std::vector<model::ScanChange>& changes) {
  SW_RETURN_IF_ERROR(GetRun(scope, run).status());
  int64_t seq = 0;
  for (const auto& o : open) {
    Stmt s(c_, "INSERT INTO scan_observations (run_id, seq, data) VALUES (?1, ?2, ?3)");
    s.Bind(run.str()).Bind(seq++).Bind(ToJson(model::ToJson(o)));
    SW_RETURN_IF_ERROR(s.Run().status());
  }
  seq = 0;
  for (const auto& f : findings) {
    Stmt s(c_, "INSERT INTO scan_findings (run_id, seq, data) VALUES (?1, ?2, ?3)");
    s.Bind(run.str()).Bind(seq++).Bind(ToJson(model::ToJson(f)));
    SW_RETURN_IF_ERROR(s.Run().status());
  }
  seq = 0;
  for (const auto& c : changes) {
    Stmt s(c_, "INSERT INTO scan_changes (run_id, seq, data) VALUES (?1, ?2, ?3)");
    s.Bind(run.str()).Bind(seq++).Bind(ToJson(model::ToJson(c)));
    SW_RETURN_IF_ERROR(s.Run().status());
  }
  return {};
}

Result<std::vector<model::Observation>> SqliteScans::ListObservations(const TenantScope& scope,
                                                                      const model::ScanRunId& run) {
  SW_RETURN_IF_ERROR(GetRun(scope, run).status());
  Stmt s(c_, "SELECT data FROM scan_observations WHERE run_id = ?1 ORDER BY seq");
  s.Bind(run.str());
  return ReadResults<model::Observation>(s, "observation", model::ObservationFromJson);
}

Result<std::vector<model::Finding>> SqliteScans::ListFindings(const TenantScope& scope,
                                                              const model::ScanRunId& run) {
  SW_RETURN_IF_ERROR(GetRun(scope, run).status());
  Stmt s(c_, "SELECT data FROM scan_findings WHERE run_id = ?1 ORDER BY seq");
  s.Bind(run.str());
  return ReadResults<model::Finding>(s, "finding", model::FindingFromJson);
}

Result<std::vector<model::ScanChange>> SqliteScans::ListChanges(const TenantScope& scope,
                                                                const model::ScanRunId& run) {
  SW_RETURN_IF_ERROR(GetRun(scope, run).status());
  Stmt s(c_, "SELECT data FROM scan_changes WHERE run_id = ?1 ORDER BY seq");
  s.Bind(run.str());
  return ReadResults<model::ScanChange>(s, "change", model::ScanChangeFromJson);
}

}  // namespace sw::store::backends::sqlite
