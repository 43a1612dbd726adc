// SPDX-License-Identifier: Apache-2.0
#include "service/bootstrap.h"

#include "service/audit_log.h"
#include "service/passwords.h"
#include "service/permissions.h"
#include "service/user_service.h"

namespace sw::service {

Result<BootstrapResult> Bootstrap(ServiceContext& ctx, bool create_admin) {
  const Principal system = Principal::System();
  const Timestamp now = ctx.clock.Now();
  SW_RETURN_IF_ERROR(InWriteTransaction(ctx.store, [&](store::Transaction& tx) -> Status {
    auto existing = tx.tenants().Get(ScopeIssuer::System(), model::CenterTenantId());
    if (existing.ok()) return {};
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    model::Tenant center;
    center.id = model::CenterTenantId();
    center.kind = model::TenantKind::kCenter;
    center.name = "中小企业网络安全服务中心";
    center.service_level = model::ServiceLevel::kPremium;
    center.created_at = center.updated_at = now;
    SW_RETURN_IF_ERROR(tx.tenants().Insert(ScopeIssuer::System(), center));
    return Record(tx, system, now,
                  {.action = "tenant.create", .tenant = center.id, .object_type = "tenant",
                   .object_id = center.id.str(), .after = model::ToJson(center)});
  }));

  // The shared TAXII collection every import goes to: every organization
  // reads it (TLP still decides what each gets); the center, enterprises and
  // partners add to it.
  SW_RETURN_IF_ERROR(InWriteTransaction(ctx.store, [&](store::Transaction& tx) -> Status {
    auto existing = tx.intel().GetCollection(std::string(model::kSharedCollectionId));
    if (existing.ok()) return {};
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    return tx.intel().InsertCollection({std::string(model::kSharedCollectionId), "守望共享情报 Shouwang shared intelligence",
                                        "Indicators and STIX objects shared through the center; TLP applies.",
                                        {"*"}, {"center", "enterprise:*", "partner:*"}, now});
  }));

  BootstrapResult out;
  if (!create_admin) return out;
  {
    SW_ASSIGN_OR_RETURN(auto tx, ctx.store.Begin(store::Store::Mode::kRead));
    SW_ASSIGN_OR_RETURN(int64_t admins,
                        tx->users().CountEnabled(model::CenterTenantId(), model::Role::kCenterAdmin));
    if (admins > 0) return out;
    // An "admin" that exists but is disabled: leave it to the operator.
    if (tx->users().FindByUsername("admin").ok()) return out;
  }
  UserService users(ctx);
  model::UserCreate in{"admin", "管理员", model::Role::kCenterAdmin, GeneratePassword()};
  SW_RETURN_IF_ERROR(users.Create(system, model::CenterTenantId(), in, /*must_change_password=*/true)
                         .status());
  out.created_admin = true;
  out.admin_username = in.username;
  out.admin_password = in.password;
  return out;
}

}  // namespace sw::service
