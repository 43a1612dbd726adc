// SPDX-License-Identifier: Apache-2.0
//
// /auth: login, logout, who am I, password change.
#include "api/responses.h"
#include "api/routes.h"
#include "api/session_cookie.h"
#include "model/codec_util.h"

namespace sw::api {
namespace {

json::object SessionBody(const model::User& u, const std::string& csrf) {
  return json::object{{"csrf_token", csrf.empty() ? json::value(nullptr) : json::value(csrf)},
                      {"user", model::ToJson(u)}};
}

sys::HttpResponse Login(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reader = ObjectReader::Of(*body, "");
  if (!reader.ok()) return ErrorResponse(reader.status());
  std::string username, password;
  Status s = reader->String("username", username, kRequired, 64);
  if (s.ok()) s = reader->String("password", password, kRequired, 1024);
  if (s.ok()) s = reader->Finish();
  if (!s.ok()) return ErrorResponse(s);
  auto r = ctx.platform.auth.Login(username, password, ctx.request.source_ip);
  if (!r.ok()) return ErrorResponse(r.status());
  sys::HttpResponse resp = JsonResponse(200, SessionBody(r->user, r->csrf_token));
  resp.SetHeader("Set-Cookie", SessionCookie(r->session_secret, r->expires_at));
  return resp;
}

sys::HttpResponse Logout(RequestContext& ctx) {
  if (ctx.session_secret.empty()) return NoContent();
  Status s = ctx.platform.auth.Logout(ctx.session_secret, ctx.principal);
  if (!s.ok()) return ErrorResponse(s);
  sys::HttpResponse resp = NoContent();
  resp.SetHeader("Set-Cookie", ExpiredSessionCookie());
  return resp;
}

sys::HttpResponse Me(RequestContext& ctx) {
  if (ctx.principal.kind != service::Principal::Kind::kUser) {
    json::object o{{"csrf_token", nullptr},
                   {"token", json::object{{"id", ctx.principal.id},
                                          {"name", ctx.principal.name},
                                          {"tenant_id", ctx.principal.tenant_id.str()},
                                          {"scopes", model::StringsToJson(ctx.principal.scopes)}}}};
    return JsonResponse(200, o);
  }
  auto info = ctx.platform.auth.AuthenticateSession(ctx.session_secret, ctx.request.source_ip);
  if (!info.ok()) return ErrorResponse(info.status());
  return JsonResponse(200, SessionBody(info->user, info->csrf_token));
}

sys::HttpResponse ChangePassword(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reader = ObjectReader::Of(*body, "");
  if (!reader.ok()) return ErrorResponse(reader.status());
  std::string current, next;
  Status s = reader->String("current_password", current, kRequired, 1024);
  if (s.ok()) s = reader->String("new_password", next, kRequired, 2048);
  if (s.ok()) s = reader->Finish();
  if (s.ok()) s = ctx.platform.auth.ChangePassword(ctx.principal, current, next, ctx.session_secret);
  return RespondEmpty(s);
}

}  // namespace

void AddAuthRoutes(Router& r) {
  r.Add({.method = "POST", .path = "/api/v1/auth/login", .summary = "Log in; sets the session cookie",
         .tag = "auth", .requires_auth = false, .request_schema = "LoginRequest",
         .response_schema = "SessionInfo"},
        Login);
  r.Add({.method = "POST", .path = "/api/v1/auth/logout", .summary = "End the current session",
         .tag = "auth", .success_status = 204},
        Logout);
  r.Add({.method = "GET", .path = "/api/v1/auth/me",
         .summary = "The current user and the session's CSRF token", .tag = "auth",
         .response_schema = "SessionInfo"},
        Me);
  r.Add({.method = "POST", .path = "/api/v1/auth/password", .summary = "Change one's own password",
         .tag = "auth", .request_schema = "PasswordChange", .success_status = 204},
        ChangePassword);
}

}  // namespace sw::api
