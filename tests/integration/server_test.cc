// SPDX-License-Identifier: Apache-2.0
//
// The real server over HTTPS on a free loopback port: first start, login,
// CSRF, bad input, limits, security headers, OpenAPI, shutdown, and what a
// damaged database does at start.
#include <gtest/gtest.h>
#include <signal.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "support/server_process.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

constexpr const char* kAdminPassword = "integration admin pw";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.file("data"));
    ASSERT_TRUE(server_->Start()) << server_->Stderr();
  }
  std::unique_ptr<Client> Admin() {
    auto c = std::make_unique<Client>(*server_);
    c->LoginReady("admin", server_->AdminPassword(), kAdminPassword);
    return c;
  }
  std::string CreateTenant(Client& c, const std::string& name, const std::string& code) {
    Reply r = c.Post("/api/v1/tenants", json::object{{"name", name}, {"credit_code", code}});
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.status == 201 ? std::string(r.body.at("id").as_string()) : "";
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerTest, FirstStartPrintsOneTimePasswordOnlyOnceAndNeverLogsIt) {
  const std::string pw = server_->AdminPassword();
  ASSERT_EQ(pw.size(), 20u) << server_->Stdout();
  EXPECT_EQ(server_->Stderr().find(pw), std::string::npos);
  Client c(*server_);
  Reply login = c.Login("admin", pw);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.body.at("user").at("must_change_password").as_bool());
  // Nothing but /auth works until the one-time password is changed.
  Reply blocked = c.Get("/api/v1/tenants");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.body.at("error").at("code").as_string(), "password_change_required");
  ASSERT_EQ(c.Post("/api/v1/auth/password",
                   json::object{{"current_password", pw}, {"new_password", kAdminPassword}})
                .status,
            204);
  EXPECT_EQ(c.Get("/api/v1/tenants").status, 200);

  ASSERT_EQ(server_->Stop(), 0);
  ASSERT_TRUE(server_->Start());
  EXPECT_EQ(server_->AdminPassword(), "");
  Client again(*server_);
  EXPECT_EQ(again.Login("admin", pw).status, 401);
  EXPECT_EQ(again.Login("admin", kAdminPassword).status, 200);
}

TEST_F(ServerTest, SessionCookieIsLockedDown) {
  Client c(*server_);
  Reply r = c.Login("admin", server_->AdminPassword());
  const std::string cookie(r.raw.header("Set-Cookie"));
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(r.raw.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.raw.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.raw.header("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(ServerTest, CookieMutationsNeedTheCsrfToken) {
  auto admin = Admin();
  const json::object body{{"name", "甲公司"}, {"credit_code", "91440300708461136T"}};
  admin->set_send_csrf(false);
  Reply none = admin->Post("/api/v1/tenants", body);
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.body.at("error").at("code").as_string(), "permission_denied");
  Reply wrong = admin->Call("POST", "/api/v1/tenants", ToJson(body), {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(wrong.status, 403);
  // Reads need no token.
  EXPECT_EQ(admin->Get("/api/v1/tenants").status, 200);
  admin->set_send_csrf(true);
  EXPECT_EQ(admin->Post("/api/v1/tenants", body).status, 201);
  // Nothing was created by the refused attempts.
  Reply list = admin->Get("/api/v1/tenants?q=" "%E7%94%B2");
  EXPECT_EQ(list.body.at("items").as_array().size(), 1u);
}

TEST_F(ServerTest, BearerTokensNeedNoCsrfButCannotWrite) {
  auto admin = Admin();
  const std::string t = CreateTenant(*admin, "甲公司", "91440300708461136T");
  Reply made = admin->Post("/api/v1/tenants/" + t + "/tokens", json::object{{"name", "s1"}, {"kind", "sensor"}});
  ASSERT_EQ(made.status, 201) << made.raw.body;
  Client machine(*server_);
  machine.set_bearer(std::string(made.body.at("secret").as_string()));
  EXPECT_EQ(machine.Get("/api/v1/tenants/" + t + "/assets").status, 200);
  Reply write = machine.Post("/api/v1/tenants/" + t + "/assets", json::object{{"value", "192.0.2.1"}});
  EXPECT_EQ(write.status, 403);
  Reply bad = Client(*server_).Call("GET", "/api/v1/tenants", "", {{"Authorization", "Bearer sw_nope_nope"}});
  EXPECT_EQ(bad.status, 401);
  // The token list never shows secrets.
  Reply list = admin->Get("/api/v1/tenants/" + t + "/tokens");
  EXPECT_EQ(list.raw.body.find(std::string(made.body.at("secret").as_string())), std::string::npos);
}

TEST_F(ServerTest, BadInputIsA400NamingTheField) {
  auto admin = Admin();
  const std::string t = CreateTenant(*admin, "甲公司", "91440300708461136T");
  struct Case {
    std::string path;
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"/api/v1/tenants", "{\"name\": \"x\",", 400, ""},
      {"/api/v1/tenants", R"({"name":"乙","credit_code":"91110000600037341X"})", 400, "credit_code"},
      {"/api/v1/tenants", R"({"name":"乙","credit_code":"91110000600037341L","size":3})", 400, "size"},
      {"/api/v1/tenants", R"({"name":["乙"],"credit_code":"91110000600037341L"})", 400, "name"},
      {"/api/v1/tenants", R"({"name":"甲公司","credit_code":"91110000600037341L"})", 409, "name"},
      {"/api/v1/tenants", R"({"name":"乙","credit_code":"91440300708461136T"})", 409, "credit_code"},
      {"/api/v1/tenants", "[]", 400, ""},
      {"/api/v1/tenants/" + t + "/assets", R"({"value":"10.0.0.0/33"})", 400, "value"},
      {"/api/v1/tenants/" + t + "/assets", R"({"value":"192.0.2.1","criticality":"huge"})", 400, "criticality"},
      {"/api/v1/tenants/" + t + "/users", R"({"username":"Bad Name","role":"tenant_admin","password":"long enough pw"})", 400, "username"},
      {"/api/v1/tenants/" + t + "/users", R"({"username":"bob","role":"tenant_admin","password":"short"})", 400, "password"},
  };
  for (const auto& c : cases) {
    Reply r = admin->Call("POST", c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.raw.body;
    ASSERT_TRUE(r.body.is_object()) << r.raw.body;
    const auto& err = r.body.at("error").as_object();
    EXPECT_FALSE(err.at("message").as_string().empty());
    if (!c.field.empty()) {
      ASSERT_TRUE(err.contains("field")) << r.raw.body;
      EXPECT_EQ(err.at("field").as_string(), c.field) << r.raw.body;
    }
  }
  Reply page = admin->Get("/api/v1/tenants?limit=0");
  EXPECT_EQ(page.status, 400);
  Reply wrong_type = admin->Call("POST", "/api/v1/tenants", "name=x", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong_type.status, 400);
}

TEST_F(ServerTest, OversizedBodiesAndHeadersAreRefused) {
  auto admin = Admin();
  std::string big = "{\"name\":\"" + std::string(2 << 20, 'a') + "\"}";
  Reply r = admin->Call("POST", "/api/v1/tenants", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body.at("error").at("code").as_string(), "payload_too_large");
  Client fresh(*server_);
  Reply h = fresh.Call("GET", "/api/v1/health", "", {{"X-Filler", std::string(20000, 'b')}});
  EXPECT_EQ(h.status, 431);
  // The server is still fine.
  EXPECT_EQ(Client(*server_).Get("/api/v1/health").status, 200);
}

TEST_F(ServerTest, UnknownPathsMethodsAndIdsAreClean) {
  auto admin = Admin();
  EXPECT_EQ(admin->Get("/api/v1/nope").status, 404);
  EXPECT_EQ(admin->Get("/api/v1/tenants/..%2F..%2Fetc").status, 404);
  EXPECT_EQ(admin->Get("/api/v1/tenants/01NOSUCHTENANT").status, 404);
  Reply m = admin->Call("PUT", "/api/v1/tenants", "{}");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.raw.header("Allow"), "GET, POST");
  EXPECT_EQ(Client(*server_).Get("/api/v1/tenants").status, 401);
}

TEST_F(ServerTest, OpenApiDocumentsEveryRouteWithResolvableSchemas) {
  Client c(*server_);
  Reply doc = c.Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto& paths = doc.body.at("paths").as_object();
  const auto& schemas = doc.body.at("components").at("schemas").as_object();
  // The contract the other parts rely on.
  for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/auth/login", "post"}, {"/api/v1/tenants", "get"}, {"/api/v1/tenants", "post"},
           {"/api/v1/tenants/{id}", "get"}, {"/api/v1/tenants/{id}", "patch"}, {"/api/v1/tenants/{id}", "delete"},
           {"/api/v1/tenants/{id}/assets", "get"}, {"/api/v1/tenants/{id}/assets", "post"},
           {"/api/v1/assets/{id}/authorizations", "post"}, {"/api/v1/authorizations/{id}/approve", "post"},
           {"/api/v1/audit", "get"}, {"/api/v1/openapi.json", "get"}}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths.at(path).as_object().contains(method)) << method << " " << path;
  }
  // Every $ref resolves; every operation has a summary and an id.
  std::function<void(const json::value&)> walk = [&](const json::value& v) {
    if (v.is_object()) {
      for (const auto& kv : v.as_object()) {
        if (kv.key() == "$ref") {
          const std::string ref(kv.value().as_string());
          EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref;
        }
        walk(kv.value());
      }
    } else if (v.is_array()) {
      for (const auto& x : v.as_array()) walk(x);
    }
  };
  walk(doc.body);
  size_t operations = 0;
  for (const auto& p : paths) {
    for (const auto& op : p.value().as_object()) {
      EXPECT_FALSE(op.value().at("summary").as_string().empty()) << p.key();
      EXPECT_FALSE(op.value().at("operationId").as_string().empty()) << p.key();
      ++operations;
    }
  }
  EXPECT_EQ(operations, 73u);  // 31 foundation + 18 scanning + 4 alerts + 10 intel + 10 TAXII
}

TEST_F(ServerTest, ConsolePathsServeANoticeWhenNotBuiltAndSecurityHeaders) {
  Client c(*server_);
  Reply page = c.Get("/enterprises");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.raw.body.find("控制台尚未构建"), std::string::npos);
  EXPECT_NE(page.raw.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.raw.header("X-Frame-Options"), "DENY");
}

TEST_F(ServerTest, SigtermLetsTheRequestInProgressFinish) {
  ASSERT_EQ(server_->Stop(), 0);
  // Expensive hashing makes a login last long enough to signal mid-request.
  ServerProcess slow(dir_.file("data"), {{"SW_AUTH_ARGON2_OPSLIMIT", "6"},
                                         {"SW_AUTH_ARGON2_MEMLIMIT_KIB", "131072"}});
  ASSERT_TRUE(slow.Start()) << slow.Stderr();
  Client c(slow);
  ASSERT_EQ(c.Get("/api/v1/health").status, 200);  // connected, TLS done
  Reply login;
  std::thread t([&] { login = c.Login("admin", "wrong password here"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(slow.Stop(), 0);
  t.join();
  EXPECT_EQ(login.status, 401) << "the in-flight request was not answered";
  EXPECT_NE(slow.Stderr().find("finishing requests in progress"), std::string::npos);
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreClosed) {
  ASSERT_EQ(server_->Stop(), 0);
  ServerProcess limited(dir_.file("data"), {{"SW_HTTP_MAX_CONNECTIONS", "3"}});
  ASSERT_TRUE(limited.Start()) << limited.Stderr();
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<Client>(limited));
    ASSERT_EQ(held.back()->Get("/api/v1/health").status, 200);  // keeps its connection open
  }
  auto extra = sys::HttpClient::Create({.base_url = limited.url(), .ca_file = limited.cert_file()});
  EXPECT_FALSE((*extra)->Send("GET", "/api/v1/health").ok());
  held.pop_back();  // one closes, a slot frees up
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto later = sys::HttpClient::Create({.base_url = limited.url(), .ca_file = limited.cert_file()});
  auto r = (*later)->Send("GET", "/api/v1/health");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(limited.Stderr().find("connections refused at the limit of 3"), std::string::npos);
}

TEST_F(ServerTest, AdminCommandAddsAUserThatCanLogIn) {
  ASSERT_EQ(server_->Stop(), 0);
  const std::string data = dir_.file("data");
  const std::string cmd = std::string("printf 'analyst password 1\\n' | SW_AUTH_ARGON2_OPSLIMIT=1 "
                                      "SW_AUTH_ARGON2_MEMLIMIT_KIB=8 ") +
                          SW_BINARY_PATH + " admin user add --data " + data +
                          " --tenant center --role center_analyst --username zhang.san --password-stdin";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  // The same username again is refused with exit code 1.
  EXPECT_EQ(WEXITSTATUS(std::system((cmd + " 2>/dev/null").c_str())), 1);
  ASSERT_TRUE(server_->Start());
  Client c(*server_);
  Reply r = c.Login("zhang.san", "analyst password 1");
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.body.at("user").at("role").as_string(), "center_analyst");
  EXPECT_FALSE(r.body.at("user").at("must_change_password").as_bool());
  // Analysts read everything and change nothing.
  EXPECT_EQ(c.Get("/api/v1/audit").status, 200);
  EXPECT_EQ(c.Post("/api/v1/tenants", json::object{{"name", "x"}, {"credit_code", "91440300708461136T"}}).status, 403);
}

TEST_F(ServerTest, DamagedDatabaseIsAClearErrorAtStart) {
  ASSERT_EQ(server_->Stop(), 0);
  {
    std::ofstream db(dir_.file("data") + "/shouwang.db", std::ios::trunc | std::ios::binary);
    db << std::string(16384, '\x13');
  }
  std::remove((dir_.file("data") + "/shouwang.db-wal").c_str());
  std::remove((dir_.file("data") + "/shouwang.db-shm").c_str());
  ServerProcess broken(dir_.file("data"));
  EXPECT_FALSE(broken.Start());
  EXPECT_NE(broken.Stderr().find("not a Shouwang database, or the file is damaged"), std::string::npos)
      << broken.Stderr();
}

}  // namespace
}  // namespace sw::testing
