// SPDX-License-Identifier: Apache-2.0
//
// /audit: the audit log.
#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

Status ReadTimeParam(const RequestContext& ctx, const char* key, std::optional<Timestamp>& out) {
  auto it = ctx.query.find(key);
  if (it == ctx.query.end() || it->second.empty()) return {};
  auto t = ParseRfc3339(it->second);
  if (!t.ok()) return InvalidArgument(std::string(key) + ": " + t.status().message(), key);
  out = *t;
  return {};
}

sys::HttpResponse ListAudit(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::AuditQuery q;
  q.page = *page;
  // The audit cursor is the numeric event id.
  if (auto it = ctx.query.find("cursor"); it != ctx.query.end()) q.page.cursor = it->second;
  if (auto it = ctx.query.find("tenant_id"); it != ctx.query.end() && !it->second.empty()) {
    q.tenant = model::TenantId(it->second.substr(0, 64));
  }
  if (auto it = ctx.query.find("actor"); it != ctx.query.end()) q.actor = it->second.substr(0, 200);
  if (auto it = ctx.query.find("action"); it != ctx.query.end()) q.action = it->second.substr(0, 100);
  Status s = ReadTimeParam(ctx, "since", q.since);
  if (s.ok()) s = ReadTimeParam(ctx, "until", q.until);
  if (!s.ok()) return ErrorResponse(s);
  auto r = ctx.platform.audit.List(ctx.principal, q);
  return Respond(r, 200, [](const auto& p) {
    return PageToJson(p, [](const model::AuditEvent& e) { return model::ToJson(e); });
  });
}

}  // namespace

void AddAuditRoutes(Router& r) {
  r.Add({.method = "GET", .path = "/api/v1/audit", .summary = "The audit log, newest first",
         .tag = "audit", .response_schema = "AuditPage",
         .query = {{"tenant_id", "only events of this enterprise"},
                   {"actor", "only events by this user name"},
                   {"action", "an action (tenant.create), or a prefix ending in a dot (tenant.)"},
                   {"since", "RFC 3339 time, inclusive"},
                   {"until", "RFC 3339 time, exclusive"},
                   {"limit", "page size, 1-500 (default 50)"},
                   {"cursor", "next_cursor of the previous page"}}},
        ListAudit);
}

}  // namespace sw::api
