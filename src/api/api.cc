// SPDX-License-Identifier: Apache-2.0
#include "api/api.h"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>

#include "api/responses.h"
#include "api/routes.h"
#include "api/session_cookie.h"
#include "core/crypto.h"

namespace sw::api {
namespace {

bool IsSafeMethod(std::string_view m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

}  // namespace

Api::Api(service::Platform& platform, ApiOptions options)
    : platform_(platform), options_(std::move(options)) {
  AddAuthRoutes(router_);
  AddTenantRoutes(router_);
  AddAssetRoutes(router_);
  AddUserRoutes(router_);
  AddAuditRoutes(router_);
  AddScanRoutes(router_);
  AddAlertRoutes(router_);
  AddIntelRoutes(router_);
  AddTaxiiRoutes(router_);
  AddMetaRoutes(router_, router_);
  Status s = console_.Load(options_.console_dir);
  if (!s.ok()) spdlog::warn("console: {}", s.message());
  if (console_.file_count() == 0) {
    spdlog::warn("console: no built console in \"{}\"; serving a notice page", options_.console_dir);
  }
}

sys::HttpResponse Api::Handle(const sys::HttpRequest& request) {
  // Square brackets are not allowed unencoded in a URL, but TAXII's
  // match[type]=... filters are commonly sent that way (curl -g, browsers):
  // read them as their percent-encoded form.
  std::string raw_target = request.target;
  for (size_t at = raw_target.find_first_of("[]"); at != std::string::npos;
       at = raw_target.find_first_of("[]", at)) {
    raw_target.replace(at, 1, raw_target[at] == '[' ? "%5B" : "%5D");
  }
  auto target = boost::urls::parse_origin_form(raw_target);
  if (!target) {
    auto r = ErrorResponse(400, "invalid_argument", "malformed request target");
    if (IsTaxiiPath(raw_target.substr(0, raw_target.find('?')))) ToTaxiiError(r);
    AddSecurityHeaders(r, true);
    return r;
  }
  std::string path;
  for (auto seg : target->segments()) {
    path += '/';
    path += seg;
  }
  if (path.empty()) path = "/";
  // Boost.URL gives a trailing slash as a last empty segment, which already
  // ended `path` with "/"; add it only if it did not (TAXII paths end in /).
  if (target->encoded_path().ends_with('/') && !path.ends_with('/')) path += '/';

  std::map<std::string, std::string> query;
  for (auto param : target->params()) {
    if (query.size() >= 32) break;
    query[std::string(param.key)] = std::string(param.value);
  }

  const bool is_api = path.rfind("/api/", 0) == 0;
  sys::HttpResponse r;
  if (is_api) {
    r = HandleApi(request, path, std::move(query));
    // TAXII clients get TAXII error messages, also for the errors found
    // before a handler runs (401, 404, 405).
    if (IsTaxiiPath(path)) ToTaxiiError(r);
  } else if (request.method == "GET" || request.method == "HEAD") {
    r = console_.Serve(path);
    if (request.method == "HEAD") r.body.clear();
  } else {
    r = ErrorResponse(405, "invalid_argument", "method not allowed");
    r.SetHeader("Allow", "GET, HEAD");
  }
  AddSecurityHeaders(r, is_api);
  return r;
}

sys::HttpResponse Api::HandleApi(const sys::HttpRequest& request, const std::string& path,
                                 std::map<std::string, std::string> query) {
  Router::Match m = router_.Find(request.method, path);
  if (m.kind == Router::MatchKind::kNoPath) return ErrorResponse(404, "not_found", "no such API path");
  if (m.kind == Router::MatchKind::kWrongMethod) {
    auto r = ErrorResponse(405, "invalid_argument", "method not allowed on this path");
    r.SetHeader("Allow", m.allowed_methods);
    return r;
  }
  RequestContext ctx{request, path, std::move(m.params), std::move(query), {}, false, {}, {}, platform_};

  // Authentication: a bearer token wins over a cookie; a request carrying a
  // bad credential is refused even on routes that need none.
  const std::string_view auth = request.header("Authorization");
  const std::string cookie = ReadSessionCookie(request.header("Cookie"));
  if (!auth.empty()) {
    if (auth.substr(0, 7) != "Bearer ") return ErrorResponse(401, "unauthenticated", "unsupported Authorization scheme");
    auto p = platform_.auth.AuthenticateToken(std::string(auth.substr(7)), request.source_ip);
    if (!p.ok()) return ErrorResponse(p.status());
    ctx.principal = std::move(*p);
    ctx.authenticated = true;
  } else if (!cookie.empty() && m.route->spec.requires_auth) {
    auto info = platform_.auth.AuthenticateSession(cookie, request.source_ip);
    if (!info.ok()) return ErrorResponse(info.status());
    ctx.principal = std::move(info->principal);
    ctx.authenticated = true;
    ctx.session_secret = cookie;
    ctx.csrf_token = std::move(info->csrf_token);
    if (!IsSafeMethod(request.method)) {
      const std::string_view presented = request.header("X-CSRF-Token");
      if (presented.empty() || !ConstantTimeEquals(presented, ctx.csrf_token)) {
        return ErrorResponse(403, "permission_denied",
                             "missing or invalid X-CSRF-Token header (reload the page and try again)");
      }
    }
  }
  if (m.route->spec.requires_auth && !ctx.authenticated) {
    return ErrorResponse(401, "unauthenticated", "log in or present an API token");
  }
  if (ctx.principal.must_change_password && m.route->spec.tag != "auth") {
    return ErrorResponse(403, "password_change_required",
                         "change your one-time password first (POST /api/v1/auth/password)");
  }
  return m.route->handler(ctx);
}

void Api::AddSecurityHeaders(sys::HttpResponse& r, bool api) const {
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "no-referrer");
  if (options_.tls) r.SetHeader("Strict-Transport-Security", "max-age=31536000");
  if (api) {
    r.SetHeader("Cache-Control", "no-store");
  } else {
    // Element Plus sets inline style attributes, hence 'unsafe-inline' for
    // styles only; scripts come from the console's own files.
    r.SetHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  }
}

}  // namespace sw::api
