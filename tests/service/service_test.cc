// SPDX-License-Identifier: Apache-2.0
//
// Use cases against a real SQLite store: permissions, tenant isolation,
// authorization life cycle, the scan gate, login lockout, tokens, audit.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/passwords.h"
#include "service/platform_scan_scope.h"
#include "service/permissions.h"
#include "support/platform_fixture.h"

namespace sw::service {
namespace {

class ServiceTest : public sw::testing::PlatformFixture {};

std::vector<std::string> AuditActions(Platform& p, const Principal& who) {
  std::vector<std::string> out;
  auto page = p.audit.List(who, {});
  for (const auto& e : page->items) {
    out.push_back(e.action + ":" + std::string(model::NameIn(model::kAuditOutcomeNames, e.outcome)));
  }
  return out;
}

TEST_F(ServiceTest, PermissionDocumentMatchesTheCode) {
  std::ifstream in(std::string(SW_SOURCE_DIR) + "/docs/permissions.md");
  ASSERT_TRUE(in) << "docs/permissions.md missing";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find(PermissionTableMarkdown()), std::string::npos)
      << "docs/permissions.md is out of date; paste this table:\n"
      << PermissionTableMarkdown();
}

TEST_F(ServiceTest, TenantUsersSeeOnlyTheirOwnTenant) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto b = MakeTenant("乙公司", "91110000600037341L");
  auto alice = MakeUser(a.id, "alice", model::Role::kTenantAdmin);
  auto asset_b = MakeAsset(admin_, b.id, "192.0.2.2");
  EXPECT_EQ(platform_->tenants.Get(alice, b.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(platform_->assets.Get(alice, asset_b.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(platform_->assets.List(alice, {.tenant = b.id}).status().code(), StatusCode::kNotFound);
  model::AssetPatch p;
  p.value = "192.0.2.3";
  EXPECT_EQ(platform_->assets.Create(alice, b.id, p).status().code(), StatusCode::kNotFound);
  auto mine = platform_->tenants.List(alice, {});
  ASSERT_EQ(mine->items.size(), 1u);
  EXPECT_EQ(mine->items[0].id, a.id);
  EXPECT_EQ(platform_->tenants.List(admin_, {})->items.size(), 3u);  // with the center
}

TEST_F(ServiceTest, RolesAreEnforcedAndRefusalsAudited) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto member = MakeUser(a.id, "member", model::Role::kTenantMember);
  auto analyst = MakeUser(model::CenterTenantId(), "analyst", model::Role::kCenterAnalyst);
  model::TenantPatch p;
  p.name = "丙公司";
  p.credit_code = "91350100M000100Y43";
  EXPECT_EQ(platform_->tenants.Create(member, p).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->tenants.Create(analyst, p).status().code(), StatusCode::kPermissionDenied);
  model::AssetPatch ap;
  ap.value = "192.0.2.1";
  EXPECT_EQ(platform_->assets.Create(member, a.id, ap).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(platform_->assets.List(analyst, {.tenant = a.id}).ok());
  auto actions = AuditActions(*platform_, admin_);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "tenant.create:denied"), 2);
}

TEST_F(ServiceTest, EnterpriseAdminEditsOnlyTheProfile) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto alice = MakeUser(a.id, "alice", model::Role::kTenantAdmin);
  model::TenantPatch profile;
  profile.district = "鼓楼区";
  EXPECT_EQ(platform_->tenants.Update(alice, a.id, profile)->district, "鼓楼区");
  model::TenantPatch rename;
  rename.name = "新名字";
  EXPECT_EQ(platform_->tenants.Update(alice, a.id, rename).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->tenants.Delete(alice, a.id).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->tenants.Delete(admin_, model::CenterTenantId()).code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(ServiceTest, AuthorizationLifeCycleDrivesTheScanGate) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto alice = MakeUser(a.id, "alice", model::Role::kTenantAdmin);
  auto net = MakeAsset(alice, a.id, "10.8.0.0/24");
  EXPECT_FALSE(platform_->scan_gate.MayScan(a.id, "10.8.0.7")->allowed);

  auto z = platform_->assets.RequestAuthorization(alice, net.id, Days(90));
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_EQ(z->status, model::AuthorizationStatus::kPending);
  // A second pending request for the same asset is refused.
  EXPECT_EQ(platform_->assets.RequestAuthorization(alice, net.id, Days(30)).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(platform_->scan_gate.MayScan(a.id, "10.8.0.7")->allowed);
  // Enterprises cannot approve their own request; approval needs evidence.
  EXPECT_EQ(platform_->assets.Approve(alice, z->id, "ok").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->assets.Approve(admin_, z->id, "  ").status().field(), "evidence_note");
  auto approved = platform_->assets.Approve(admin_, z->id, "授权书编号 2026-017");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->approved_by, "admin");
  EXPECT_EQ(platform_->assets.Approve(admin_, z->id, "again").status().code(),
            StatusCode::kFailedPrecondition);

  auto yes = platform_->scan_gate.MayScan(a.id, "10.8.0.7");
  EXPECT_TRUE(yes->allowed);
  EXPECT_EQ(yes->authorization_id, z->id.str());
  EXPECT_FALSE(platform_->scan_gate.MayScan(a.id, "10.8.1.7")->allowed);
  // Another tenant's scan of the same address is not authorized by it.
  auto b = MakeTenant("乙公司", "91110000600037341L");
  EXPECT_FALSE(platform_->scan_gate.MayScan(b.id, "10.8.0.7")->allowed);

  // Expiry ends it without anyone acting.
  clock_.Advance(std::chrono::days(91));
  EXPECT_FALSE(platform_->scan_gate.MayScan(a.id, "10.8.0.7")->allowed);
  EXPECT_EQ(platform_->assets.Get(alice, net.id)->authorization.status, "expired");
}

TEST_F(ServiceTest, RevocationEndsScanningAndIsAudited) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto alice = MakeUser(a.id, "alice", model::Role::kTenantAdmin);
  auto host = MakeAsset(alice, a.id, "www.example.com");
  auto z = platform_->assets.RequestAuthorization(alice, host.id, Days(30));
  ASSERT_TRUE(platform_->assets.Approve(admin_, z->id, "电子签章").ok());
  EXPECT_TRUE(platform_->scan_gate.MayScan(a.id, "https://www.example.com/login")->allowed);
  ASSERT_TRUE(platform_->assets.Revoke(alice, z->id, "系统迁移期间暂停").ok());
  EXPECT_FALSE(platform_->scan_gate.MayScan(a.id, "www.example.com")->allowed);
  auto d = platform_->scan_gate.CheckAndAudit(admin_, a.id, "www.example.com");
  EXPECT_FALSE(d->allowed);
  auto actions = AuditActions(*platform_, admin_);
  EXPECT_EQ(actions.front(), "scan.refused:denied");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "authorization.revoke:success"), actions.end());
}

TEST_F(ServiceTest, PlatformScanScopeAdmitsOnlyAuthorizedHostsAndAuditsRefusals) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto net = MakeAsset(admin_, a.id, "10.9.0.0/24");
  auto host = MakeAsset(admin_, a.id, "www.example.com");
  for (const auto& asset : {net, host}) {
    auto z = platform_->assets.RequestAuthorization(admin_, asset.id, Days(30));
    ASSERT_TRUE(platform_->assets.Approve(admin_, z->id, "授权书").ok());
  }
  PlatformScanScope scope(platform_->scan_gate, Principal::System(), a.id);
  auto make = [](const char* addr, const char* name) {
    return scan::TargetHost{boost::asio::ip::make_address(addr), name};
  };
  EXPECT_TRUE(scope.Admit(make("10.9.0.17", "")).ok());
  EXPECT_TRUE(scope.Admit(make("203.0.113.5", "www.example.com")).ok());  // by its authorized name
  Status refused = scope.Admit(make("10.9.1.17", ""));
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.message(), "10.9.1.17: no approved, unexpired scan authorization covers this target");
  auto audit = platform_->audit.List(admin_, {.action = "scan.refused"});
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items[0].object_id, "10.9.1.17");
  EXPECT_EQ(audit->items[0].tenant_id, a.id);
}

TEST_F(ServiceTest, ApprovedAssetValueCannotChangeSilently) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto asset = MakeAsset(admin_, a.id, "192.0.2.5");
  auto z = platform_->assets.RequestAuthorization(admin_, asset.id, Days(30));
  ASSERT_TRUE(platform_->assets.Approve(admin_, z->id, "授权书").ok());
  model::AssetPatch p;
  p.value = "192.0.2.6";
  EXPECT_EQ(platform_->assets.Update(admin_, asset.id, p).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ServiceTest, LoginLocksOutAfterRepeatedFailuresThenRecovers) {
  for (int i = 0; i < 5; ++i) {
    auto r = platform_->auth.Login("admin", "wrong password!", "192.0.2.1");
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r.status().message(), "invalid username or password");
  }
  auto locked = platform_->auth.Login("admin", kPassword, "192.0.2.1");
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  clock_.Advance(std::chrono::minutes(16));
  auto ok = platform_->auth.Login("admin", kPassword, "192.0.2.1");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->session_secret.size(), 43u);
  auto session = platform_->auth.AuthenticateSession(ok->session_secret, "192.0.2.1");
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->csrf_token, ok->csrf_token);
  EXPECT_EQ(session->principal.role, model::Role::kCenterAdmin);
  // Sessions end after their lifetime.
  clock_.Advance(std::chrono::hours(13));
  EXPECT_EQ(platform_->auth.AuthenticateSession(ok->session_secret, "x").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(ServiceTest, UnknownUserAndWrongPasswordLookAlike) {
  auto unknown = platform_->auth.Login("nobody", "whatever123", "192.0.2.1");
  auto wrong = platform_->auth.Login("admin", "whatever123", "192.0.2.1");
  EXPECT_EQ(unknown.status(), wrong.status());
}

TEST_F(ServiceTest, LoginIsRateLimitedPerAddress) {
  int limited = 0;
  for (int i = 0; i < 25; ++i) {
    auto r = platform_->auth.Login("nobody" + std::to_string(i), "x", "198.51.100.7");
    if (r.status().code() == StatusCode::kResourceExhausted) ++limited;
  }
  EXPECT_EQ(limited, 5);  // 20 per minute
  EXPECT_EQ(platform_->auth.Login("nobody", "x", "198.51.100.8").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(ServiceTest, PasswordChangeChecksPolicyAndEndsOtherSessions) {
  auto s1 = platform_->auth.Login("admin", kPassword, "a");
  auto s2 = platform_->auth.Login("admin", kPassword, "b");
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(platform_->auth.ChangePassword(admin_, "bad", "another good one", "").field(),
            "current_password");
  EXPECT_EQ(platform_->auth.ChangePassword(admin_, kPassword, "short", "").field(), "new_password");
  ASSERT_TRUE(platform_->auth.ChangePassword(admin_, kPassword, "another good one", s1->session_secret).ok());
  EXPECT_TRUE(platform_->auth.AuthenticateSession(s1->session_secret, "a").ok());
  EXPECT_FALSE(platform_->auth.AuthenticateSession(s2->session_secret, "b").ok());
  EXPECT_TRUE(platform_->auth.Login("admin", "another good one", "c").ok());
}

TEST_F(ServiceTest, TokensAreShownOnceStoredHashedAndRevocable) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto created = platform_->users.CreateToken(admin_, a.id, {"厂区传感器", model::TokenKind::kSensor, {}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->secret.rfind("sw_", 0), 0u);
  EXPECT_NE(created->token.secret_hash, created->secret);
  auto who = platform_->auth.AuthenticateToken(created->secret, "192.0.2.50");
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->tenant_id, a.id);
  EXPECT_TRUE(who->HasScope("ingest:events"));
  // A machine token may read its tenant but never administer.
  EXPECT_TRUE(platform_->assets.List(*who, {.tenant = a.id}).ok());
  model::AssetPatch p;
  p.value = "192.0.2.9";
  EXPECT_EQ(platform_->assets.Create(*who, a.id, p).status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(platform_->users.RevokeToken(admin_, created->token.id).ok());
  EXPECT_EQ(platform_->auth.AuthenticateToken(created->secret, "x").status().message(), "API token revoked");
  EXPECT_FALSE(platform_->auth.AuthenticateToken("sw_forged_token_value", "x").ok());
}

TEST_F(ServiceTest, TheLastCenterAdminStays) {
  auto other = MakeUser(model::CenterTenantId(), "other", model::Role::kCenterAdmin);
  model::UserPatch disable;
  disable.disabled = true;
  EXPECT_EQ(platform_->users.Update(admin_, model::UserId(admin_.id), disable).status().code(),
            StatusCode::kFailedPrecondition);  // not oneself
  ASSERT_TRUE(platform_->users.Update(admin_, model::UserId(other.id), disable).ok());
  EXPECT_EQ(platform_->users.Delete(Principal::System(), model::UserId(admin_.id)).code(),
            StatusCode::kFailedPrecondition);  // the last enabled center admin
}

TEST_F(ServiceTest, RolesMustFitTheTenant) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  model::UserCreate in{"mallory", "", model::Role::kCenterAdmin, "a long password"};
  EXPECT_EQ(platform_->users.Create(admin_, a.id, in).status().field(), "role");
  auto alice = MakeUser(a.id, "alice", model::Role::kTenantAdmin);
  in.role = model::Role::kTenantMember;
  EXPECT_TRUE(platform_->users.Create(alice, a.id, in).ok());
  in.username = "eve";
  EXPECT_EQ(platform_->users.Create(alice, model::CenterTenantId(), in).status().code(),
            StatusCode::kNotFound);
}

TEST_F(ServiceTest, EveryChangeIsAuditedWithBeforeAndAfter) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  model::TenantPatch p;
  p.industry = "制造业";
  ASSERT_TRUE(platform_->tenants.Update(admin_, a.id, p).ok());
  auto page = platform_->audit.List(admin_, {.action = "tenant.update"});
  ASSERT_EQ(page->items.size(), 1u);
  const auto& e = page->items[0];
  EXPECT_EQ(e.actor_name, "admin");
  EXPECT_EQ(e.source_ip, "192.0.2.99");
  EXPECT_EQ(e.object_id, a.id.str());
  EXPECT_EQ(e.before->at("industry").as_string(), "");
  EXPECT_EQ(e.after->at("industry").as_string(), "制造业");
}

TEST(Passwords, HashVerifyAndPolicy) {
  AuthSettings cheap;
  cheap.argon2_opslimit = 1;
  cheap.argon2_memlimit_bytes = 8 * 1024;
  auto h = HashPassword("a long password", cheap);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "a long password"));
  EXPECT_FALSE(VerifyPassword(*h, "a long passwore"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_TRUE(NeedsRehash(*h, AuthSettings{}));
  EXPECT_FALSE(NeedsRehash(*h, cheap));
  EXPECT_EQ(CheckPasswordPolicy("aaaaaaaaaaaa", "bob").message(), "password: must not repeat one character");
  EXPECT_EQ(CheckPasswordPolicy("alice12345678", "alice12345678").message(),
            "password: must differ from the username");
  EXPECT_TRUE(CheckPasswordPolicy(GeneratePassword(), "bob").ok());
}

}  // namespace
}  // namespace sw::service
