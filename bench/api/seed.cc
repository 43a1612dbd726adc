// SPDX-License-Identifier: Apache-2.0
//
// Seeds a data folder for the API benchmark: N enterprises with valid credit
// codes, M assets spread evenly over them, and a center admin whose password
// needs no change. Writes straight through the store in large transactions
// (the API would take minutes for 100,000 assets), then uses the services for
// the admin account so that it is created exactly as in production.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "core/crypto.h"
#include "core/ids.h"
#include "model/tenant.h"
#include "service/bootstrap.h"
#include "service/permissions.h"
#include "service/platform.h"
#include "store/open.h"

namespace {

// A valid 18-character code for enterprise number `i`.
std::string CreditCode(int i) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "91350100%09d", i % 1000000000);
  return std::string(first17) + sw::model::CreditCodeCheckCharacter(first17);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Seed a Shouwang data folder for benchmarks"};
  std::string data;
  int tenants = 1000, assets = 100000;
  std::string password = "benchmark password";
  app.add_option("--data", data, "data folder")->required();
  app.add_option("--tenants", tenants, "enterprises");
  app.add_option("--assets", assets, "assets in all");
  app.add_option("--password", password, "password of the center admin \"admin\"");
  CLI11_PARSE(app, argc, argv);
  sw::InitCrypto();

  auto store = sw::store::OpenStore({.url = "sqlite:" + data + "/shouwang.db", .synchronous = "NORMAL"});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 2;
  }
  sw::service::ServiceContext ctx{**store, sw::SystemClock::Instance(), {}};
  if (auto b = sw::service::Bootstrap(ctx, false); !b.ok()) return 2;
  sw::service::Platform platform(ctx);
  sw::model::UserCreate admin{"admin", "管理员", sw::model::Role::kCenterAdmin, password};
  if (auto u = platform.users.Create(sw::service::Principal::System(), sw::model::CenterTenantId(), admin, false);
      !u.ok()) {
    std::fprintf(stderr, "%s\n", u.status().ToString().c_str());
    return 2;
  }

  const auto all = sw::service::ScopeIssuer::System();
  auto now = sw::SystemClock::Instance().Now();
  std::vector<sw::model::TenantId> ids;
  int asset_no = 0;
  for (int i = 0; i < tenants; ++i) {
    auto tx = (*store)->Begin(sw::store::Store::Mode::kWrite);
    sw::model::Tenant t;
    now += std::chrono::milliseconds(1);
    t.id = sw::model::TenantId(sw::NewUlid(now));
    t.name = "基准测试企业 " + std::to_string(i);
    t.credit_code = CreditCode(i);
    t.industry = "制造业";
    t.created_at = t.updated_at = now;
    if (auto s = (*tx)->tenants().Insert(all, t); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 2;
    }
    const int per = assets / tenants + (i < assets % tenants ? 1 : 0);
    for (int k = 0; k < per; ++k, ++asset_no) {
      sw::model::Asset a;
      now += std::chrono::milliseconds(1);
      a.id = sw::model::AssetId(sw::NewUlid(now));
      a.tenant_id = t.id;
      a.kind = sw::model::AssetKind::kIpv4;
      a.value = "10." + std::to_string((asset_no >> 16) & 255) + "." + std::to_string((asset_no >> 8) & 255) +
                "." + std::to_string(asset_no & 255);
      a.tags = {"bench"};
      a.created_at = a.updated_at = now;
      if (auto s = (*tx)->assets().Insert(all, a); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 2;
      }
    }
    if (auto s = (*tx)->Commit(); !s.ok()) return 2;
  }
  std::printf("seeded %d enterprises and %d assets\n", tenants, asset_no);
  return 0;
}
