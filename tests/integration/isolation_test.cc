// SPDX-License-Identifier: Apache-2.0
//
// The tenant-isolation route walk: two enterprises, each with an admin, an
// asset, an authorization, a user and a token. Acting as enterprise A (admin
// and member), every route of the OpenAPI document that names an object is
// called with B's object of that type, and must answer 404 exactly as for a
// missing object; list routes must not show B's rows. The walk is driven by
// the published document, so a new route is walked without editing this
// file, or fails loudly if its path names an unknown kind of object.
#include <gtest/gtest.h>

#include "core/time.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

struct TenantObjects {
  std::string tenant, asset, authorization, user, token, schedule, run, alert;
};

class IsolationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // No scan workers: the queued runs below must never send a packet to
    // their (documentation-range) assets.
    server_ = std::make_unique<ServerProcess>(dir_.file("data"), std::map<std::string, std::string>{{"SW_SCAN_WORKERS", "0"}});
    ASSERT_TRUE(server_->Start()) << server_->Stderr();
    admin_ = std::make_unique<Client>(*server_);
    admin_->LoginReady("admin", server_->AdminPassword(), "center admin password");
    Reply p = admin_->Post("/api/v1/scan-policies", json::object{{"name", "一个端口"}, {"ports", "9"},
                                                                 {"version_detection", false}, {"tls_audit", false}});
    ASSERT_EQ(p.status, 201) << p.raw.body;
    policy_ = std::string(p.body.at("id").as_string());
    a_ = Populate("甲公司", "91440300708461136T", "a");
    b_ = Populate("乙公司", "91110000600037341L", "b");
  }

  TenantObjects Populate(const std::string& name, const std::string& code, const std::string& tag) {
    TenantObjects o;
    Reply t = admin_->Post("/api/v1/tenants", json::object{{"name", name}, {"credit_code", code}});
    EXPECT_EQ(t.status, 201) << t.raw.body;
    o.tenant = std::string(t.body.at("id").as_string());
    Reply a = admin_->Post("/api/v1/tenants/" + o.tenant + "/assets",
                           json::object{{"value", "192.0.2." + std::to_string(tag == "a" ? 1 : 2)}});
    o.asset = std::string(a.body.at("id").as_string());
    Reply z = admin_->Post("/api/v1/assets/" + o.asset + "/authorizations",
                           json::object{{"valid_until", NearFuture()}});
    EXPECT_EQ(z.status, 201) << z.raw.body;
    o.authorization = std::string(z.body.at("id").as_string());
    for (const auto& [role, user] : {std::pair{"tenant_admin", tag + "-admin"}, {"tenant_member", tag + "-member"}}) {
      Reply u = admin_->Post("/api/v1/tenants/" + o.tenant + "/users",
                             json::object{{"username", user}, {"role", role}, {"password", "initial password"}});
      EXPECT_EQ(u.status, 201) << u.raw.body;
      if (std::string(role) == "tenant_member") o.user = std::string(u.body.at("id").as_string());
    }
    Reply k = admin_->Post("/api/v1/tenants/" + o.tenant + "/tokens", json::object{{"name", "s"}, {"kind", "read_only"}});
    o.token = std::string(k.body.at("token").at("id").as_string());
    Reply ok = admin_->Post("/api/v1/authorizations/" + o.authorization + "/approve",
                            json::object{{"evidence_note", "授权书"}});
    EXPECT_EQ(ok.status, 200) << ok.raw.body;
    Reply s = admin_->Post("/api/v1/tenants/" + o.tenant + "/scan-schedules",
                           json::object{{"name", "每周"}, {"policy_id", policy_},
                                        {"asset_ids", json::array{json::string(o.asset)}}});
    EXPECT_EQ(s.status, 201) << s.raw.body;
    o.schedule = std::string(s.body.at("id").as_string());
    Reply r = admin_->Post("/api/v1/scan-schedules/" + o.schedule + "/run", json::object{});
    EXPECT_EQ(r.status, 201) << r.raw.body;
    o.run = std::string(r.body.at("id").as_string());
    // An alert reported by the enterprise's sensor.
    Reply st = admin_->Post("/api/v1/tenants/" + o.tenant + "/tokens", json::object{{"name", "edge"}, {"kind", "sensor"}});
    EXPECT_EQ(st.status, 201) << st.raw.body;
    Client sensor(*server_);
    sensor.set_bearer(std::string(st.body.at("secret").as_string()));
    Reply in = sensor.Call("POST", "/api/v1/ingest/events",
                           R"({"events":[{"id":"e1","event":{"event_type":"alert","timestamp":"2026-11-22T01:02:03.000000+0000","src_ip":"192.0.2.7","alert":{"signature_id":2000001,"signature":"ET TEST","severity":2}}}]})");
    EXPECT_EQ(in.status, 200) << in.raw.body;
    EXPECT_EQ(in.body.at("accepted").as_int64(), 1);
    Reply alerts = admin_->Get("/api/v1/tenants/" + o.tenant + "/alerts");
    EXPECT_EQ(alerts.body.at("items").as_array().size(), 1u) << alerts.raw.body;
    o.alert = std::string(alerts.body.at("items").as_array()[0].at("id").as_string());
    return o;
  }

  static std::string NearFuture() {
    const auto t = std::chrono::system_clock::now() + std::chrono::hours(24 * 30);
    return FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(t));
  }

  // B's object for a path like /api/v1/assets/{id}/authorizations.
  std::string ObjectOfB(const std::string& path) {
    const std::string head = path.substr(std::string("/api/v1/").size());
    const std::string kind = head.substr(0, head.find('/'));
    if (kind == "tenants") return b_.tenant;
    if (kind == "assets") return b_.asset;
    if (kind == "authorizations") return b_.authorization;
    if (kind == "users") return b_.user;
    if (kind == "tokens") return b_.token;
    if (kind == "scan-schedules") return b_.schedule;
    if (kind == "scan-runs") return b_.run;
    if (kind == "alerts") return b_.alert;
    ADD_FAILURE() << "the isolation walk does not know the object kind of " << path
                  << "; add it to ObjectOfB";
    return "unknown";
  }

  // A body that is valid for the route, so that only isolation can refuse it.
  static std::string ValidBody(const std::string& schema) {
    static const std::map<std::string, std::string> kBodies = {
        {"TenantInput", R"({"district":"鼓楼区"})"},
        {"AssetInput", R"({"value":"198.51.100.7"})"},
        {"AuthorizationRequest", "{\"valid_until\":\"" + NearFuture() + "\"}"},
        {"ApproveRequest", R"({"evidence_note":"授权书"})"},
        {"ReasonRequest", R"({"reason":"测试"})"},
        {"UserInput", R"({"username":"intruder","role":"tenant_member","password":"a long password"})"},
        {"UserPatch", R"({"display_name":"x"})"},
        {"TokenInput", R"({"name":"x","kind":"read_only"})"},
        {"ScanScheduleInput", R"({"name":"x"})"},
    };
    auto it = kBodies.find(schema);
    return it == kBodies.end() ? "" : it->second;
  }

  void Walk(Client& as_a, const std::string& who) {
    Reply doc = Client(*server_).Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    int walked = 0;
    for (const auto& p : doc.body.at("paths").as_object()) {
      const std::string path(p.key());
      if (path.find("{id}") == std::string::npos) continue;
      // Scan policies are the center's and shared by every enterprise (read
      // by all, written by the center admin only): not tenant-owned.
      if (path.starts_with("/api/v1/scan-policies/")) continue;
      // Partners are the center's organizations, not an enterprise's
      // objects; intelligence is shared by TLP, checked in its own tests.
      if (path.starts_with("/api/v1/intel/")) continue;
      const std::string concrete = path.substr(0, path.find("{id}")) + ObjectOfB(path) +
                                   path.substr(path.find("{id}") + 4);
      for (const auto& op : p.value().as_object()) {
        std::string method(op.key());
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::string body;
        if (const auto* rb = op.value().as_object().if_contains("requestBody")) {
          const std::string ref(rb->at("content").at("application/json").at("schema").at("$ref").as_string());
          body = ValidBody(ref.substr(ref.rfind('/') + 1));
          ASSERT_FALSE(body.empty()) << "no valid body for " << ref;
        }
        std::string target = concrete;
        if (path.ends_with("/scan-permission")) target += "?target=192.0.2.2";
        Reply r = as_a.Call(method, target, body);
        EXPECT_EQ(r.status, 404) << who << ": " << method << " " << target << " -> " << r.raw.body;
        ++walked;
      }
    }
    EXPECT_GE(walked, 20);
    // Policies apply to every enterprise: only the center writes them.
    EXPECT_EQ(as_a.Post("/api/v1/scan-policies", json::object{{"name", "mine"}}).status, 403) << who;
    EXPECT_EQ(as_a.Call("PATCH", "/api/v1/scan-policies/" + policy_, R"({"rate":20000})").status, 403) << who;
    // Only the center admin makes partner tokens.
    EXPECT_EQ(as_a.Post("/api/v1/intel/partners/01PARTNER/tokens", json::object{{"name", "x"}}).status, 403) << who;
    // Filters naming B are 404 too, and A's lists never show B's rows.
    EXPECT_EQ(as_a.Get("/api/v1/audit?tenant_id=" + b_.tenant).status, 404) << who;
    EXPECT_EQ(as_a.Get("/api/v1/authorizations?tenant_id=" + b_.tenant).status, 404) << who;
    EXPECT_EQ(as_a.Get("/api/v1/alerts?tenant_id=" + b_.tenant).status, 404) << who;
    for (const std::string list : {"/api/v1/tenants", "/api/v1/authorizations", "/api/v1/audit", "/api/v1/alerts"}) {
      Reply r = as_a.Get(list);
      if (r.status == 403) continue;  // a role that may not read it at all
      ASSERT_EQ(r.status, 200) << who << " " << list;
      EXPECT_EQ(r.raw.body.find(b_.tenant), std::string::npos) << who << " sees B in " << list;
    }
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> admin_;
  TenantObjects a_, b_;
  std::string policy_;
};

TEST_F(IsolationTest, EnterpriseAdminGets404ForEveryObjectOfAnotherEnterprise) {
  Client a_admin(*server_);
  a_admin.LoginReady("a-admin", "initial password", "a admin password");
  Walk(a_admin, "a-admin");
  // B's data is unchanged by the walk.
  Reply asset = admin_->Get("/api/v1/assets/" + b_.asset);
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body.at("authorization").at("status").as_string(), "approved");
  Reply schedule = admin_->Get("/api/v1/scan-schedules/" + b_.schedule);
  EXPECT_EQ(schedule.body.at("name").as_string(), "每周");
  Reply run = admin_->Get("/api/v1/scan-runs/" + b_.run);
  EXPECT_FALSE(run.body.at("cancel_requested").as_bool());
  Reply users = admin_->Get("/api/v1/tenants/" + b_.tenant + "/users");
  EXPECT_EQ(users.body.at("items").as_array().size(), 2u);
}

TEST_F(IsolationTest, EnterpriseMemberGets404ForEveryObjectOfAnotherEnterprise) {
  Client a_member(*server_);
  a_member.LoginReady("a-member", "initial password", "a member password");
  Walk(a_member, "a-member");
}

TEST_F(IsolationTest, EnterpriseTokenGets404ForEveryObjectOfAnotherEnterprise) {
  Reply k = admin_->Post("/api/v1/tenants/" + a_.tenant + "/tokens", json::object{{"name", "w"}, {"kind", "read_only"}});
  Client machine(*server_);
  machine.set_bearer(std::string(k.body.at("secret").as_string()));
  Walk(machine, "a-token");
}

}  // namespace
}  // namespace sw::testing
