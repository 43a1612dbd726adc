// SPDX-License-Identifier: Apache-2.0
#include "api/router.h"

#include <gtest/gtest.h>

#include "api/responses.h"
#include "api/session_cookie.h"
#include "api/static_files.h"

namespace sw::api {
namespace {

sys::HttpResponse Ok(RequestContext&) { return NoContent(); }

TEST(Router, MatchesParamsMethodsAndRejectsJunkIds) {
  Router r;
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}"}, Ok);
  r.Add({.method = "PATCH", .path = "/api/v1/tenants/{id}"}, Ok);
  r.Add({.method = "GET", .path = "/api/v1/tenants/{id}/assets"}, Ok);
  auto m = r.Find("GET", "/api/v1/tenants/01ABC/assets");
  ASSERT_EQ(m.kind, Router::MatchKind::kFound);
  EXPECT_EQ(m.params.at("id"), "01ABC");
  auto wrong = r.Find("DELETE", "/api/v1/tenants/01ABC");
  EXPECT_EQ(wrong.kind, Router::MatchKind::kWrongMethod);
  EXPECT_EQ(wrong.allowed_methods, "GET, PATCH");
  EXPECT_EQ(r.Find("GET", "/api/v1/tenants/a.b").kind, Router::MatchKind::kNoPath);
  EXPECT_EQ(r.Find("GET", "/api/v1/tenants/" + std::string(65, 'a')).kind, Router::MatchKind::kNoPath);
  EXPECT_EQ(r.Find("GET", "/api/v1/tenants//assets").kind, Router::MatchKind::kNoPath);
  EXPECT_EQ(r.Find("GET", "/api/v1/tenants").kind, Router::MatchKind::kNoPath);
}

TEST(Responses, StatusTableAndErrorShape) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  auto r = ErrorResponse(InvalidArgument("credit_code: check character mismatch", "credit_code"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            R"({"error":{"code":"invalid_argument","message":"credit_code: check character mismatch","field":"credit_code"}})");
  auto limited = ErrorResponse(ResourceExhausted("slow down"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_NE(limited.body.find("\"rate_limited\""), std::string::npos);
}

TEST(Responses, InternalDetailNeverLeaks) {
  auto r = ErrorResponse(Internal("sqlite: no such table: secret_stuff"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, R"({"error":{"code":"internal","message":"internal error"}})");
  auto d = ErrorResponse(DataLoss("/var/lib/x.db is damaged"));
  EXPECT_EQ(d.body.find("x.db"), std::string::npos);
}

TEST(SessionCookie, ReadsOnlyOurCookie) {
  EXPECT_EQ(ReadSessionCookie("a=1; sw_session=abc; b=2"), "abc");
  EXPECT_EQ(ReadSessionCookie("sw_session=xyz"), "xyz");
  EXPECT_EQ(ReadSessionCookie("xsw_session=evil; other=1"), "");
  EXPECT_EQ(ReadSessionCookie(""), "");
  const std::string c = SessionCookie("s3cret", SystemClock::Instance().Now() + std::chrono::hours(1));
  EXPECT_EQ(c.rfind("sw_session=s3cret; Path=/; Max-Age=", 0), 0u);
  EXPECT_NE(c.find("; HttpOnly; Secure; SameSite=Strict"), std::string::npos);
}

TEST(StaticFiles, ServesFromMemoryWithSpaFallbackAndNoTraversal) {
  StaticFiles none;
  ASSERT_TRUE(none.Load("/nonexistent-console-dir").ok());
  auto notice = none.Serve("/");
  EXPECT_EQ(notice.status, 200);
  EXPECT_NE(notice.body.find("控制台尚未构建"), std::string::npos);
  EXPECT_EQ(none.Serve("/../../etc/passwd").body, notice.body);  // a route, never a file
  EXPECT_EQ(none.Serve("/enterprises/01ABC").status, 200);  // a console route: the notice
  EXPECT_EQ(none.Serve("/assets/missing.js").status, 404);
}

}  // namespace
}  // namespace sw::api
