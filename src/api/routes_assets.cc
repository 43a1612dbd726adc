// SPDX-License-Identifier: Apache-2.0
//
// /tenants/{id}/assets, /assets, /authorizations, scan permission.
#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

json::value AssetJson(const model::Asset& a) { return model::ToJson(a); }

Result<std::string> ReadTextField(const RequestContext& ctx, const char* key, Need need) {
  SW_ASSIGN_OR_RETURN(json::value body, ReadJsonBody(ctx));
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(body, ""));
  std::string text;
  SW_RETURN_IF_ERROR(r.String(key, text, need, 2000));
  SW_RETURN_IF_ERROR(r.Finish());
  return text;
}

sys::HttpResponse ListAssets(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::AssetQuery q{.tenant = model::TenantId(ctx.params.at("id")),
                      .q = ctx.query.count("q") ? ctx.query.at("q").substr(0, 100) : "",
                      .page = *page};
  auto r = ctx.platform.assets.List(ctx.principal, q);
  return Respond(r, 200, [](const auto& p) { return PageToJson(p, AssetJson); });
}

sys::HttpResponse CreateAsset(RequestContext& ctx) {
  const model::TenantId tenant(ctx.params.at("id"));
  // Visibility before validation: another tenant's id is 404 whatever the body.
  auto t = ctx.platform.tenants.Get(ctx.principal, tenant);
  if (!t.ok()) return ErrorResponse(t.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::AssetPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.assets.Create(ctx.principal, tenant, *patch), 201, AssetJson);
}

sys::HttpResponse GetAsset(RequestContext& ctx) {
  return Respond(ctx.platform.assets.Get(ctx.principal, model::AssetId(ctx.params.at("id"))), 200,
                 AssetJson);
}

sys::HttpResponse UpdateAsset(RequestContext& ctx) {
  const model::AssetId id(ctx.params.at("id"));
  auto current = ctx.platform.assets.Get(ctx.principal, id);
  if (!current.ok()) return ErrorResponse(current.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::AssetPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.assets.Update(ctx.principal, id, *patch), 200, AssetJson);
}

sys::HttpResponse DeleteAsset(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.assets.Delete(ctx.principal, model::AssetId(ctx.params.at("id"))));
}

json::object AuthorizationPage(RequestContext& ctx, const model::Page<model::ScanAuthorization>& p) {
  const Timestamp now = ctx.platform.context.clock.Now();
  return PageToJson(p, [now](const auto& z) { return model::ToJson(z, now); });
}

sys::HttpResponse ListAssetAuthorizations(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::AuthorizationQuery q{.asset = model::AssetId(ctx.params.at("id")), .page = *page};
  auto r = ctx.platform.assets.ListAuthorizations(ctx.principal, q);
  return Respond(r, 200, [&](const auto& p) { return AuthorizationPage(ctx, p); });
}

sys::HttpResponse ListAuthorizations(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::AuthorizationQuery q{.page = *page};
  if (auto it = ctx.query.find("status"); it != ctx.query.end() && !it->second.empty()) {
    auto st = model::ParseIn(model::kAuthorizationStatusNames, it->second);
    if (!st || *st == model::AuthorizationStatus::kExpired) {
      return ErrorResponse(InvalidArgument("status: must be pending, approved, rejected or revoked", "status"));
    }
    q.status = st;
  }
  if (auto it = ctx.query.find("tenant_id"); it != ctx.query.end() && !it->second.empty()) {
    if (!IsPlausibleId(it->second)) return ErrorResponse(NotFound("tenant not found"));
    q.tenant = model::TenantId(it->second);
  }
  auto r = ctx.platform.assets.ListAuthorizations(ctx.principal, q);
  return Respond(r, 200, [&](const auto& p) { return AuthorizationPage(ctx, p); });
}

sys::HttpResponse RequestAuthorization(RequestContext& ctx) {
  const model::AssetId id(ctx.params.at("id"));
  auto asset = ctx.platform.assets.Get(ctx.principal, id);
  if (!asset.ok()) return ErrorResponse(asset.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  const Timestamp now = ctx.platform.context.clock.Now();
  auto req = model::AuthorizationRequestFromJson(*body, now);
  if (!req.ok()) return ErrorResponse(req.status());
  return Respond(ctx.platform.assets.RequestAuthorization(ctx.principal, id, *req), 201,
                 [now](const auto& z) { return model::ToJson(z, now); });
}

template <auto Method>
sys::HttpResponse Decide(RequestContext& ctx, const char* field, Need need) {
  const model::AuthorizationId id(ctx.params.at("id"));
  auto visible = ctx.platform.assets.GetAuthorization(ctx.principal, id);
  if (!visible.ok()) return ErrorResponse(visible.status());
  auto text = ReadTextField(ctx, field, need);
  if (!text.ok()) return ErrorResponse(text.status());
  const Timestamp now = ctx.platform.context.clock.Now();
  return Respond((ctx.platform.assets.*Method)(ctx.principal, id, *text), 200,
                 [now](const auto& z) { return model::ToJson(z, now); });
}

sys::HttpResponse ScanPermission(RequestContext& ctx) {
  auto it = ctx.query.find("target");
  if (it == ctx.query.end() || it->second.empty()) {
    return ErrorResponse(InvalidArgument("target: required", "target"));
  }
  auto d = ctx.platform.scan_gate.Explain(ctx.principal, model::TenantId(ctx.params.at("id")),
                                          it->second.substr(0, 2048));
  return Respond(d, 200, [](const service::ScanDecision& x) {
    return json::object{{"allowed", x.allowed},
                        {"reason", x.reason},
                        {"authorization_id", x.authorization_id.empty() ? json::value(nullptr)
                                                                        : json::value(x.authorization_id)},
                        {"asset_id", x.asset_id.empty() ? json::value(nullptr) : json::value(x.asset_id)}};
  });
}

}  // namespace

void AddAssetRoutes(Router& r) {
  const std::vector<QueryParam> paging = {{"limit", "page size, 1-500 (default 50)"},
                                          {"cursor", "next_cursor of the previous page"}};
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/assets",
         .summary = "List an enterprise's assets with their authorization state", .tag = "assets",
         .response_schema = "AssetPage",
         .query = {{"q", "substring of the value or note"}, paging[0], paging[1]}},
        ListAssets);
  r.Add({.method = "POST", .path = "/api/v1/tenants/{id}/assets", .summary = "Add an asset",
         .tag = "assets", .request_schema = "AssetInput", .response_schema = "Asset",
         .success_status = 201},
        CreateAsset);
  r.Add({.method = "GET", .path = "/api/v1/assets/{id}", .summary = "One asset", .tag = "assets",
         .response_schema = "Asset"},
        GetAsset);
  r.Add({.method = "PATCH", .path = "/api/v1/assets/{id}", .summary = "Edit an asset",
         .tag = "assets", .request_schema = "AssetInput", .response_schema = "Asset"},
        UpdateAsset);
  r.Add({.method = "DELETE", .path = "/api/v1/assets/{id}", .summary = "Delete an asset",
         .tag = "assets", .success_status = 204},
        DeleteAsset);
  r.Add({.method = "GET", .path = "/api/v1/assets/{id}/authorizations",
         .summary = "An asset's scan authorizations, newest first", .tag = "authorizations",
         .response_schema = "AuthorizationPage", .query = paging},
        ListAssetAuthorizations);
  r.Add({.method = "POST", .path = "/api/v1/assets/{id}/authorizations",
         .summary = "Request a scan authorization for an asset", .tag = "authorizations",
         .request_schema = "AuthorizationRequest", .response_schema = "Authorization",
         .success_status = 201},
        RequestAuthorization);
  r.Add({.method = "GET", .path = "/api/v1/authorizations",
         .summary = "Scan authorizations across enterprises (the approval queue)",
         .tag = "authorizations", .response_schema = "AuthorizationPage",
         .query = {{"status", "pending, approved, rejected or revoked"},
                   {"tenant_id", "only this enterprise"}, paging[0], paging[1]}},
        ListAuthorizations);
  r.Add({.method = "POST", .path = "/api/v1/authorizations/{id}/approve",
         .summary = "Approve a pending authorization with an evidence note", .tag = "authorizations",
         .request_schema = "ApproveRequest", .response_schema = "Authorization"},
        [](RequestContext& ctx) {
          return Decide<&service::AssetService::Approve>(ctx, "evidence_note", kRequired);
        });
  r.Add({.method = "POST", .path = "/api/v1/authorizations/{id}/reject",
         .summary = "Reject a pending authorization", .tag = "authorizations",
         .request_schema = "ReasonRequest", .response_schema = "Authorization"},
        [](RequestContext& ctx) {
          return Decide<&service::AssetService::Reject>(ctx, "reason", kOptional);
        });
  r.Add({.method = "POST", .path = "/api/v1/authorizations/{id}/revoke",
         .summary = "Revoke a pending or approved authorization", .tag = "authorizations",
         .request_schema = "ReasonRequest", .response_schema = "Authorization"},
        [](RequestContext& ctx) {
          return Decide<&service::AssetService::Revoke>(ctx, "reason", kOptional);
        });
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/scan-permission",
         .summary = "May this target be scanned for this enterprise now?", .tag = "authorizations",
         .response_schema = "ScanDecision",
         .query = {{"target", "an IP address, host name or URL"}}},
        ScanPermission);
}

}  // namespace sw::api
