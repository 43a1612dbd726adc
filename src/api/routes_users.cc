// SPDX-License-Identifier: Apache-2.0
//
// /tenants/{id}/users, /users, /tenants/{id}/tokens, /tokens.
#include "api/responses.h"
#include "api/routes.h"

namespace sw::api {
namespace {

json::value UserJson(const model::User& u) { return model::ToJson(u); }
json::value TokenJson(const model::ApiToken& t) { return model::ToJson(t); }

sys::HttpResponse ListUsers(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  auto r = ctx.platform.users.List(ctx.principal, model::TenantId(ctx.params.at("id")), *page);
  return Respond(r, 200, [](const auto& p) { return PageToJson(p, UserJson); });
}

sys::HttpResponse CreateUser(RequestContext& ctx) {
  const model::TenantId tenant(ctx.params.at("id"));
  auto t = ctx.platform.tenants.Get(ctx.principal, tenant);
  if (!t.ok()) return ErrorResponse(t.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto in = model::UserCreateFromJson(*body);
  if (!in.ok()) return ErrorResponse(in.status());
  return Respond(ctx.platform.users.Create(ctx.principal, tenant, *in), 201, UserJson);
}

sys::HttpResponse UpdateUser(RequestContext& ctx) {
  const model::UserId id(ctx.params.at("id"));
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto patch = model::UserPatchFromJson(*body);
  if (!patch.ok()) return ErrorResponse(patch.status());
  return Respond(ctx.platform.users.Update(ctx.principal, id, *patch), 200, UserJson);
}

sys::HttpResponse DeleteUser(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.users.Delete(ctx.principal, model::UserId(ctx.params.at("id"))));
}

sys::HttpResponse ListTokens(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  auto r = ctx.platform.users.ListTokens(ctx.principal, model::TenantId(ctx.params.at("id")), *page);
  return Respond(r, 200, [](const auto& p) { return PageToJson(p, TokenJson); });
}

sys::HttpResponse CreateToken(RequestContext& ctx) {
  const model::TenantId tenant(ctx.params.at("id"));
  auto t = ctx.platform.tenants.Get(ctx.principal, tenant);
  if (!t.ok()) return ErrorResponse(t.status());
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto in = model::TokenCreateFromJson(*body, ctx.platform.context.clock.Now());
  if (!in.ok()) return ErrorResponse(in.status());
  auto r = ctx.platform.users.CreateToken(ctx.principal, tenant, *in);
  return Respond(r, 201, [](const service::CreatedToken& c) {
    return json::object{{"token", model::ToJson(c.token)}, {"secret", c.secret}};
  });
}

sys::HttpResponse RevokeToken(RequestContext& ctx) {
  return RespondEmpty(ctx.platform.users.RevokeToken(ctx.principal, model::TokenId(ctx.params.at("id"))));
}

}  // namespace

void AddUserRoutes(Router& r) {
  const std::vector<QueryParam> paging = {{"limit", "page size, 1-500 (default 50)"},
                                          {"cursor", "next_cursor of the previous page"}};
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/users", .summary = "List an enterprise's users",
         .tag = "users", .response_schema = "UserPage", .query = paging},
        ListUsers);
  r.Add({.method = "POST", .path = "/api/v1/tenants/{id}/users", .summary = "Add a user",
         .tag = "users", .request_schema = "UserInput", .response_schema = "User",
         .success_status = 201},
        CreateUser);
  r.Add({.method = "PATCH", .path = "/api/v1/users/{id}",
         .summary = "Edit a user's name, role or disabled state", .tag = "users",
         .request_schema = "UserPatch", .response_schema = "User"},
        UpdateUser);
  r.Add({.method = "DELETE", .path = "/api/v1/users/{id}", .summary = "Delete a user",
         .tag = "users", .success_status = 204},
        DeleteUser);
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/tokens",
         .summary = "List an enterprise's API tokens", .tag = "tokens",
         .response_schema = "TokenPage", .query = paging},
        ListTokens);
  r.Add({.method = "POST", .path = "/api/v1/tenants/{id}/tokens",
         .summary = "Create an API token; the secret is returned only this once", .tag = "tokens",
         .request_schema = "TokenInput", .response_schema = "CreatedToken", .success_status = 201},
        CreateToken);
  r.Add({.method = "DELETE", .path = "/api/v1/tokens/{id}", .summary = "Revoke an API token",
         .tag = "tokens", .success_status = 204},
        RevokeToken);
}

}  // namespace sw::api
