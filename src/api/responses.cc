// SPDX-License-Identifier: Apache-2.0
#include "api/responses.h"

#include <charconv>

#include "core/ids.h"

namespace sw::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnimplemented: return 501;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kDeadlineExceeded: return 504;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

sys::HttpResponse JsonResponse(int status, const json::value& body) {
  sys::HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", "application/json; charset=utf-8");
  r.body = ToJson(body);
  return r;
}

sys::HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  json::object e{{"code", code}, {"message", message}};
  return JsonResponse(status, json::object{{"error", std::move(e)}});
}

sys::HttpResponse ErrorResponse(const Status& s) {
  const int status = HttpStatusFor(s.code());
  std::string_view code = StatusCodeName(s.code());
  std::string message = s.message();
  if (s.code() == StatusCode::kResourceExhausted) code = "rate_limited";
  if (status >= 500) {
    // Internal detail stays in the server log; another tenant must never
    // learn anything from an error text.
    code = s.code() == StatusCode::kUnavailable ? "unavailable" : "internal";
    message = s.code() == StatusCode::kUnavailable ? "service temporarily unavailable"
                                                   : "internal error";
  }
  json::object e{{"code", code}, {"message", message}};
  if (!s.field().empty() && status < 500) e["field"] = s.field();
  return JsonResponse(status, json::object{{"error", std::move(e)}});
}

sys::HttpResponse NoContent() {
  sys::HttpResponse r;
  r.status = 204;
  return r;
}

Result<json::value> ReadJsonBody(const RequestContext& ctx) {
  const std::string_view ct = ctx.request.header("Content-Type");
  // Requiring JSON also stops cross-site HTML form posts, which cannot send it.
  if (ct.substr(0, 16) != "application/json") {
    return InvalidArgument("body: Content-Type must be application/json");
  }
  if (ctx.request.body.empty()) return InvalidArgument("body: a JSON object is required");
  return ParseJson(ctx.request.body);
}

Result<model::PageRequest> ReadPage(const RequestContext& ctx) {
  model::PageRequest p;
  if (auto it = ctx.query.find("limit"); it != ctx.query.end()) {
    int v = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1 ||
        v > model::kMaxPageLimit) {
      return InvalidArgument("limit: must be an integer from 1 to 500", "limit");
    }
    p.limit = v;
  }
  if (auto it = ctx.query.find("cursor"); it != ctx.query.end() && !it->second.empty()) {
    if (!IsPlausibleId(it->second)) return InvalidArgument("cursor: not a cursor of this list", "cursor");
    p.cursor = it->second;
  }
  return p;
}

}  // namespace sw::api
