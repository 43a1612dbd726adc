// SPDX-License-Identifier: Apache-2.0
//
// /tenants: enterprises.
#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

json::value TenantJson(const model::Tenant& t) { return model::ToJson(t); }

model::TenantId IdParam(const RequestContext& ctx) { return model::TenantId(ctx.params.at("id")); }

sys::HttpResponse List(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::TenantQuery q{.q = ctx.query.count("q") ? ctx.query.at("q").substr(0, 100) : "", .page = *page};
  auto r = ctx.platform.tenants.List(ctx.principal, q);
  return Respond(r, 200, [](const auto& p) { return PageToJson(p, TenantJson); });
}

sys::HttpResponse Create(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::TenantPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.tenants.Create(ctx.principal, *patch), 201, TenantJson);
}

sys::HttpResponse Get(RequestContext& ctx) {
  return Respond(ctx.platform.tenants.Get(ctx.principal, IdParam(ctx)), 200, TenantJson);
}

sys::HttpResponse Update(RequestContext& ctx) {
  // Visibility first: another tenant's id is 404 whatever the body says.
  auto current = ctx.platform.tenants.Get(ctx.principal, IdParam(ctx));
  if (!current.ok()) return ErrorResponse(current.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::TenantPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.tenants.Update(ctx.principal, IdParam(ctx), *patch), 200, TenantJson);
}

sys::HttpResponse Delete(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.tenants.Delete(ctx.principal, IdParam(ctx)));
}

}  // namespace

void AddTenantRoutes(Router& r) {
  r.Add({.method = "GET", .path = "/api/v1/tenants", .summary = "List enterprises (newest first)",
         .tag = "tenants", .response_schema = "TenantPage",
         .query = {{"q", "substring of the name or credit code"},
                   {"limit", "page size, 1-500 (default 50)"},
                   {"cursor", "next_cursor of the previous page"}}},
        List);
  r.Add({.method = "POST", .path = "/api/v1/tenants", .summary = "Onboard an enterprise",
         .tag = "tenants", .request_schema = "TenantInput", .response_schema = "Tenant",
         .success_status = 201},
        Create);
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}", .summary = "One enterprise",
         .tag = "tenants", .response_schema = "Tenant"},
        Get);
  r.Add({.method = "PATCH", .path = "/api/v1/tenants/{id}", .summary = "Edit an enterprise",
         .tag = "tenants", .request_schema = "TenantInput", .response_schema = "Tenant"},
        Update);
  r.Add({.method = "DELETE", .path = "/api/v1/tenants/{id}",
         .summary = "Delete an enterprise and its data (its audit trail stays)", .tag = "tenants",
         .success_status = 204},
        Delete);
}

}  // namespace sw::api
