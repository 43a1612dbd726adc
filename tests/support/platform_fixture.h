// SPDX-License-Identifier: Apache-2.0
//
// PlatformFixture: a real SQLite store in a temp folder, a fake clock, cheap
// argon2 parameters, the bootstrapped center, and helpers to create
// enterprises and users and to act as them. For service and api tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "service/bootstrap.h"
#include "service/platform.h"
#include "store/open.h"
#include "support/temp_dir.h"

namespace sw::testing {

class PlatformFixture : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "correct horse battery";

  void SetUp() override {
    auto s = store::OpenStore({.url = "sqlite:" + dir_.file("db"), .synchronous = "NORMAL"});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    service::AuthSettings auth;
    auth.argon2_opslimit = 1;
    auth.argon2_memlimit_bytes = 8 * 1024;
    ctx_ = std::make_unique<service::ServiceContext>(service::ServiceContext{*store_, clock_, auth});
    platform_ = std::make_unique<service::Platform>(*ctx_);
    auto boot = service::Bootstrap(*ctx_, /*create_admin=*/false);
    ASSERT_TRUE(boot.ok()) << boot.status().ToString();
    admin_ = MakeUser(model::CenterTenantId(), "admin", model::Role::kCenterAdmin);
  }

  // A new enterprise created by the center admin.
  model::Tenant MakeTenant(const std::string& name, const std::string& credit_code) {
    model::TenantPatch p;
    p.name = name;
    p.credit_code = credit_code;
    auto t = platform_->tenants.Create(admin_, p);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return *t;
  }

  // A user with password kPassword, as the principal acting for them.
  service::Principal MakeUser(const model::TenantId& tenant, const std::string& username,
                              model::Role role) {
    model::UserCreate in{username, username, role, kPassword};
    auto u = platform_->users.Create(service::Principal::System(), tenant, in, false);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    service::Principal p;
    p.id = u->id.str();
    p.name = u->username;
    p.tenant_id = tenant;
    p.role = role;
    p.source_ip = "192.0.2.99";
    return p;
  }

  model::Asset MakeAsset(const service::Principal& who, const model::TenantId& tenant,
                         const std::string& value) {
    model::AssetPatch p;
    p.value = value;
    auto a = platform_->assets.Create(who, tenant, p);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return *a;
  }

  model::AuthorizationRequest Days(int days) {
    return {std::nullopt, clock_.Now() + std::chrono::days(days), "年度授权"};
  }

  TempDir dir_;
  FakeClock clock_{FromUnixMillis(1795305600000)};  // 2026-11-22T00:00:00Z
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::ServiceContext> ctx_;
  std::unique_ptr<service::Platform> platform_;
  service::Principal admin_;
};

}  // namespace sw::testing
