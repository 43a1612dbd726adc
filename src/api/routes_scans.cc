// SPDX-License-Identifier: Apache-2.0
//
// /scan-policies, /tenants/{id}/scan-schedules, /scan-schedules, /scan-runs.
#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

template <typename T>
json::object ItemsJson(const std::vector<T>& items) {
  json::array a;
  a.reserve(items.size());
  for (const auto& i : items) a.emplace_back(model::ToJson(i));
  return json::object{{"items", std::move(a)}};
}

json::value RunJson(const model::ScanRun& r) { return model::ToJson(r); }

sys::HttpResponse ListPolicies(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  return Respond(ctx.platform.scans.ListPolicies(ctx.principal, *page), 200,
                 [](const auto& p) { return PageToJson(p, [](const auto& x) { return model::ToJson(x); }); });
}

sys::HttpResponse CreatePolicy(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::ScanPolicyPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.scans.CreatePolicy(ctx.principal, *patch), 201,
                 [](const auto& p) { return model::ToJson(p); });
}

sys::HttpResponse GetPolicy(RequestContext& ctx) {
  return Respond(ctx.platform.scans.GetPolicy(ctx.principal, model::ScanPolicyId(ctx.params.at("id"))), 200,
                 [](const auto& p) { return model::ToJson(p); });
}

sys::HttpResponse UpdatePolicy(RequestContext& ctx) {
  const model::ScanPolicyId id(ctx.params.at("id"));
  auto current = ctx.platform.scans.GetPolicy(ctx.principal, id);
  if (!current.ok()) return ErrorResponse(current.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::ScanPolicyPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.scans.UpdatePolicy(ctx.principal, id, *patch), 200,
                 [](const auto& p) { return model::ToJson(p); });
}

sys::HttpResponse DeletePolicy(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.scans.DeletePolicy(ctx.principal, model::ScanPolicyId(ctx.params.at("id"))));
}

sys::HttpResponse ListSchedules(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  auto r = ctx.platform.scans.ListSchedules(ctx.principal, model::TenantId(ctx.params.at("id")), *page);
  return Respond(r, 200, [](const auto& p) { return PageToJson(p, [](const auto& x) { return model::ToJson(x); }); });
}

sys::HttpResponse CreateSchedule(RequestContext& ctx) {
  const model::TenantId tenant(ctx.params.at("id"));
  // Visibility before validation: another tenant's id is 404 whatever the body.
  auto t = ctx.platform.tenants.Get(ctx.principal, tenant);
  if (!t.ok()) return ErrorResponse(t.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::ScanSchedulePatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.scans.CreateSchedule(ctx.principal, tenant, *patch), 201,
                 [](const auto& s) { return model::ToJson(s); });
}

sys::HttpResponse GetSchedule(RequestContext& ctx) {
  return Respond(ctx.platform.scans.GetSchedule(ctx.principal, model::ScanScheduleId(ctx.params.at("id"))), 200,
                 [](const auto& s) { return model::ToJson(s); });
}

sys::HttpResponse UpdateSchedule(RequestContext& ctx) {
  const model::ScanScheduleId id(ctx.params.at("id"));
  auto current = ctx.platform.scans.GetSchedule(ctx.principal, id);
  if (!current.ok()) return ErrorResponse(current.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::ScanSchedulePatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.scans.UpdateSchedule(ctx.principal, id, *patch), 200,
                 [](const auto& s) { return model::ToJson(s); });
}

sys::HttpResponse DeleteSchedule(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.scans.DeleteSchedule(ctx.principal, model::ScanScheduleId(ctx.params.at("id"))));
}

sys::HttpResponse RunSchedule(RequestContext& ctx) {
  return Respond(ctx.platform.scans.RunNow(ctx.principal, model::ScanScheduleId(ctx.params.at("id"))), 201,
                 RunJson);
}

sys::HttpResponse ListRuns(RequestContext& ctx, bool by_schedule) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::ScanRunQuery q{.page = *page};
  if (by_schedule) {
    q.schedule = model::ScanScheduleId(ctx.params.at("id"));
  } else {
    q.tenant = model::TenantId(ctx.params.at("id"));
  }
  return Respond(ctx.platform.scans.ListRuns(ctx.principal, q), 200,
                 [](const auto& p) { return PageToJson(p, RunJson); });
}

sys::HttpResponse GetRun(RequestContext& ctx) {
  return Respond(ctx.platform.scans.GetRun(ctx.principal, model::ScanRunId(ctx.params.at("id"))), 200, RunJson);
}

sys::HttpResponse CancelRun(RequestContext& ctx) {
  return Respond(ctx.platform.scans.CancelRun(ctx.principal, model::ScanRunId(ctx.params.at("id"))), 200,
                 RunJson);
}

template <auto Method>
sys::HttpResponse RunItems(RequestContext& ctx) {
  return Respond((ctx.platform.scans.*Method)(ctx.principal, model::ScanRunId(ctx.params.at("id"))), 200,
                 [](const auto& v) { return ItemsJson(v); });
}

}  // namespace

void AddScanRoutes(Router& r) {
  const std::vector<QueryParam> paging = {{"limit", "page size, 1-500 (default 50)"},
                                          {"cursor", "next_cursor of the previous page"}};
  r.Add({.method = "GET", .path = "/api/v1/scan-policies", .summary = "Scan policies (shared by every enterprise)",
         .tag = "scanning", .response_schema = "ScanPolicyPage", .query = paging},
        ListPolicies);
  r.Add({.method = "POST", .path = "/api/v1/scan-policies", .summary = "Create a scan policy", .tag = "scanning",
         .request_schema = "ScanPolicyInput", .response_schema = "ScanPolicy", .success_status = 201},
        CreatePolicy);
  r.Add({.method = "GET", .path = "/api/v1/scan-policies/{id}", .summary = "One scan policy", .tag = "scanning",
         .response_schema = "ScanPolicy"},
        GetPolicy);
  r.Add({.method = "PATCH", .path = "/api/v1/scan-policies/{id}", .summary = "Edit a scan policy",
         .tag = "scanning", .request_schema = "ScanPolicyInput", .response_schema = "ScanPolicy"},
        UpdatePolicy);
  r.Add({.method = "DELETE", .path = "/api/v1/scan-policies/{id}", .summary = "Delete an unused scan policy",
         .tag = "scanning", .success_status = 204},
        DeletePolicy);
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/scan-schedules", .summary = "An enterprise's scan schedules",
         .tag = "scanning", .response_schema = "ScanSchedulePage", .query = paging},
        ListSchedules);
  r.Add({.method = "POST", .path = "/api/v1/tenants/{id}/scan-schedules",
         .summary = "Create a scan schedule over authorized assets", .tag = "scanning",
         .request_schema = "ScanScheduleInput", .response_schema = "ScanSchedule", .success_status = 201},
        CreateSchedule);
  r.Add({.method = "GET", .path = "/api/v1/scan-schedules/{id}", .summary = "One scan schedule", .tag = "scanning",
         .response_schema = "ScanSchedule"},
        GetSchedule);
  r.Add({.method = "PATCH", .path = "/api/v1/scan-schedules/{id}", .summary = "Edit a scan schedule",
         .tag = "scanning", .request_schema = "ScanScheduleInput", .response_schema = "ScanSchedule"},
        UpdateSchedule);
  r.Add({.method = "DELETE", .path = "/api/v1/scan-schedules/{id}",
         .summary = "Delete a scan schedule (its runs stay as history)", .tag = "scanning", .success_status = 204},
        DeleteSchedule);
  r.Add({.method = "POST", .path = "/api/v1/scan-schedules/{id}/run", .summary = "Scan now", .tag = "scanning",
         .response_schema = "ScanRun", .success_status = 201},
        RunSchedule);
  r.Add({.method = "GET", .path = "/api/v1/scan-schedules/{id}/runs", .summary = "A schedule's runs, newest first",
         .tag = "scanning", .response_schema = "ScanRunPage", .query = paging},
        [](RequestContext& ctx) { return ListRuns(ctx, /*by_schedule=*/true); });
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/scan-runs", .summary = "An enterprise's runs, newest first",
         .tag = "scanning", .response_schema = "ScanRunPage", .query = paging},
        [](RequestContext& ctx) { return ListRuns(ctx, /*by_schedule=*/false); });
  r.Add({.method = "GET", .path = "/api/v1/scan-runs/{id}", .summary = "One run, with its progress",
         .tag = "scanning", .response_schema = "ScanRun"},
        GetRun);
  r.Add({.method = "POST", .path = "/api/v1/scan-runs/{id}/cancel", .summary = "Cancel a queued or running scan",
         .tag = "scanning", .response_schema = "ScanRun"},
        CancelRun);
  r.Add({.method = "GET", .path = "/api/v1/scan-runs/{id}/observations", .summary = "A run's open ports",
         .tag = "scanning", .response_schema = "ObservationList"},
        RunItems<&service::ScanService::Observations>);
  r.Add({.method = "GET", .path = "/api/v1/scan-runs/{id}/findings", .summary = "A run's findings",
         .tag = "scanning", .response_schema = "FindingList"},
        RunItems<&service::ScanService::Findings>);
  r.Add({.method = "GET", .path = "/api/v1/scan-runs/{id}/changes",
         .summary = "What changed since the schedule's previous successful run", .tag = "scanning",
         .response_schema = "ScanChangeList"},
        RunItems<&service::ScanService::Changes>);
}

}  // namespace sw::api
