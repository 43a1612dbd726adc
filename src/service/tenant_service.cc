// SPDX-License-Identifier: Apache-2.0
#include "service/tenant_service.h"

#include "core/ids.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {

Result<model::Page<model::Tenant>> TenantService::List(const Principal& who,
                                                       const store::TenantQuery& q) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kTenantRead));
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  return tx->tenants().List(ScopeIssuer::For(who), q);
}

Result<model::Tenant> TenantService::Get(const Principal& who, const model::TenantId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(model::Tenant t, tx->tenants().Get(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kTenantRead));
  return t;
}

Result<model::Tenant> TenantService::Create(const Principal& who, const model::TenantPatch& patch) {
  if (!Allows(who, Permission::kTenantCreate)) {
    RecordDenied(ctx_, who, {.action = "tenant.create", .tenant = who.tenant_id, .object_type = "tenant"});
    return Require(who, Permission::kTenantCreate);
  }
  const Timestamp now = ctx_.clock.Now();
  model::Tenant t;
  t.id = model::TenantId(NewUlid(now));
  t.kind = model::TenantKind::kEnterprise;
  t.created_at = t.updated_at = now;
  SW_RETURN_IF_ERROR(model::ApplyTenantPatch(patch, /*creating=*/true, t));
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::Tenant> {
    SW_RETURN_IF_ERROR(tx.tenants().Insert(ScopeIssuer::For(who), t));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "tenant.create", .tenant = t.id, .object_type = "tenant",
                               .object_id = t.id.str(), .after = model::ToJson(t)}));
    return t;
  });
}

Result<model::Tenant> TenantService::Update(const Principal& who, const model::TenantId& id,
                                            const model::TenantPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  const bool profile_only = !patch.name && !patch.credit_code && !patch.service_level;
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::Tenant> {
    SW_ASSIGN_OR_RETURN(model::Tenant t, tx.tenants().Get(ScopeIssuer::For(who), id));
    const bool allowed = Allows(who, Permission::kTenantUpdate) ||
                         (profile_only && Allows(who, Permission::kTenantUpdateProfile));
    if (!allowed) {
      return Require(who, profile_only ? Permission::kTenantUpdateProfile : Permission::kTenantUpdate);
    }
    if (t.kind == model::TenantKind::kCenter && patch.credit_code && !patch.credit_code->empty()) {
      // The center may record its own code too; nothing special to check.
    }
    const json::object before = model::ToJson(t);
    SW_RETURN_IF_ERROR(model::ApplyTenantPatch(patch, /*creating=*/false, t));
    t.updated_at = now;
    SW_RETURN_IF_ERROR(tx.tenants().Update(ScopeIssuer::For(who), t));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "tenant.update", .tenant = t.id, .object_type = "tenant",
                               .object_id = t.id.str(), .before = before, .after = model::ToJson(t)}));
    return t;
  });
}

Status TenantService::Delete(const Principal& who, const model::TenantId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(model::Tenant t, tx.tenants().Get(ScopeIssuer::For(who), id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kTenantDelete));
    if (t.kind == model::TenantKind::kCenter) {
      return FailedPrecondition("the service center's own tenant cannot be deleted");
    }
    SW_RETURN_IF_ERROR(tx.tenants().Delete(ScopeIssuer::For(who), id));
    return Record(tx, who, now,
                  {.action = "tenant.delete", .tenant = t.id, .object_type = "tenant",
                   .object_id = t.id.str(), .before = model::ToJson(t)});
  });
}

}  // namespace sw::service
