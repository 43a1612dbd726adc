// SPDX-License-Identifier: Apache-2.0
//
// /ingest/events (sensors report), /tenants/{id}/alerts, /alerts/{id}.
#include <charconv>

#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

sys::HttpResponse Ingest(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto r = ctx.platform.alerts.Ingest(ctx.principal, *body);
  return Respond(r, 200, [](const service::IngestResult& x) {
    json::array rejected;
    for (const auto& j : x.rejected) rejected.emplace_back(json::object{{"index", j.index}, {"reason", j.reason}});
    return json::object{{"accepted", x.accepted},
                        {"duplicates", x.duplicates},
                        {"ignored", x.ignored},
                        {"rejected", std::move(rejected)}};
  });
}

sys::HttpResponse ListAlerts(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::AlertQuery q{.page = *page};
  if (auto id = ctx.params.find("id"); id != ctx.params.end()) {
    q.tenant = model::TenantId(id->second);
  } else if (auto t = ctx.query.find("tenant_id"); t != ctx.query.end() && !t->second.empty()) {
    if (!IsPlausibleId(t->second)) return ErrorResponse(NotFound("tenant not found"));
    q.tenant = model::TenantId(t->second);
  }
  if (auto it = ctx.query.find("severity"); it != ctx.query.end() && !it->second.empty()) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc() || p != it->second.data() + it->second.size() || v < 1 || v > 4) {
      return ErrorResponse(InvalidArgument("severity: must be 1..4 (alerts this severe or more)", "severity"));
    }
    q.max_severity = v;
  }
  if (auto it = ctx.query.find("q"); it != ctx.query.end()) q.q = it->second.substr(0, 200);
  return Respond(ctx.platform.alerts.List(ctx.principal, q), 200,
                 [](const auto& p) { return PageToJson(p, [](const auto& a) { return model::ToJson(a); }); });
}

sys::HttpResponse GetAlert(RequestContext& ctx) {
  return Respond(ctx.platform.alerts.Get(ctx.principal, model::AlertId(ctx.params.at("id"))), 200,
                 [](const auto& a) { return model::ToJson(a); });
}

}  // namespace

void AddAlertRoutes(Router& r) {
  r.Add({.method = "POST", .path = "/api/v1/ingest/events",
         .summary = "A sensor reports a batch of EVE events (sensor tokens only)", .tag = "alerts",
         .request_schema = "IngestBatch", .response_schema = "IngestResult"},
        Ingest);
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/alerts", .summary = "An enterprise's alerts, newest first",
         .tag = "alerts", .response_schema = "AlertPage",
         .query = {{"severity", "1..4: this severe or more (1 is the most severe)"},
                   {"q", "substring of the signature, or an IP address"},
                   {"limit", "page size, 1-500 (default 50)"},
                   {"cursor", "next_cursor of the previous page"}}},
        ListAlerts);
  r.Add({.method = "GET", .path = "/api/v1/alerts",
         .summary = "Alerts of every enterprise the caller sees (the center's situation view), newest first",
         .tag = "alerts", .response_schema = "AlertPage",
         .query = {{"tenant_id", "only this enterprise"},
                   {"severity", "1..4: this severe or more (1 is the most severe)"},
                   {"q", "substring of the signature, or an IP address"},
                   {"limit", "page size, 1-500 (default 50)"},
                   {"cursor", "next_cursor of the previous page"}}},
        ListAlerts);
  r.Add({.method = "GET", .path = "/api/v1/alerts/{id}", .summary = "One alert with its EVE event",
         .tag = "alerts", .response_schema = "Alert"},
        GetAlert);
}

}  // namespace sw::api
