// SPDX-License-Identifier: Apache-2.0
#include "service/user_service.h"

#include "core/crypto.h"
#include "core/ids.h"
#include "service/audit_log.h"
#include "service/passwords.h"
#include "service/permissions.h"

namespace sw::service {
namespace {

Status CheckRoleFitsTenant(model::Role role, const model::Tenant& t) {
  const bool center_tenant = t.kind == model::TenantKind::kCenter;
  if (model::IsCenterRole(role) != center_tenant) {
    return InvalidArgument(center_tenant
                               ? "role: center accounts must be center_admin or center_analyst"
                               : "role: enterprise accounts must be tenant_admin or tenant_member",
                           "role");
  }
  return {};
}

// True if removing `u` from the enabled center admins would leave none.
Result<bool> IsLastCenterAdmin(store::Transaction& tx, const model::User& u) {
  if (u.role != model::Role::kCenterAdmin || u.disabled) return false;
  SW_ASSIGN_OR_RETURN(int64_t n, tx.users().CountEnabled(u.tenant_id, model::Role::kCenterAdmin));
  return n <= 1;
}

}  // namespace

Result<model::Page<model::User>> UserService::List(const Principal& who,
                                                   const model::TenantId& tenant,
                                                   const model::PageRequest& page) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  SW_RETURN_IF_ERROR(tx->tenants().Get(scope, tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kUserRead));
  return tx->users().List(scope, {.tenant = tenant, .page = page});
}

Result<model::User> UserService::Create(const Principal& who, const model::TenantId& tenant,
                                        const model::UserCreate& in, bool must_change_password) {
  SW_RETURN_IF_ERROR(CheckPasswordPolicy(in.password, in.username));
  {
    // Check visibility and permission before the expensive hash.
    SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
    SW_ASSIGN_OR_RETURN(model::Tenant t, tx->tenants().Get(ScopeIssuer::For(who), tenant));
    SW_RETURN_IF_ERROR(Require(who, Permission::kUserWrite));
    SW_RETURN_IF_ERROR(CheckRoleFitsTenant(in.role, t));
  }
  SW_ASSIGN_OR_RETURN(std::string hash, HashPassword(in.password, ctx_.auth));
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::User> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::Tenant t, tx.tenants().Get(scope, tenant));
    model::User u;
    u.id = model::UserId(NewUlid(now));
    u.tenant_id = tenant;
    u.tenant_name = t.name;
    u.username = in.username;
    u.display_name = in.display_name.empty() ? in.username : in.display_name;
    u.role = in.role;
    u.must_change_password = must_change_password;
    u.created_at = now;
    u.password_hash = hash;
    SW_RETURN_IF_ERROR(tx.users().Insert(scope, u));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "user.create", .tenant = tenant, .object_type = "user",
                               .object_id = u.id.str(), .after = model::ToJson(u)}));
    return u;
  });
}

Result<model::User> UserService::Update(const Principal& who, const model::UserId& id,
                                        const model::UserPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::User> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::User u, tx.users().Get(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kUserWrite));
    SW_ASSIGN_OR_RETURN(model::Tenant t, tx.tenants().Get(scope, u.tenant_id));
    const json::object before = model::ToJson(u);
    const bool self = who.id == u.id.str();
    if (patch.role && *patch.role != u.role) {
      if (self) return FailedPrecondition("you cannot change your own role");
      SW_RETURN_IF_ERROR(CheckRoleFitsTenant(*patch.role, t));
      SW_ASSIGN_OR_RETURN(bool last, IsLastCenterAdmin(tx, u));
      if (last) return FailedPrecondition("the last center admin cannot be demoted");
    }
    if (patch.disabled && *patch.disabled && !u.disabled) {
      if (self) return FailedPrecondition("you cannot disable your own account");
      SW_ASSIGN_OR_RETURN(bool last, IsLastCenterAdmin(tx, u));
      if (last) return FailedPrecondition("the last center admin cannot be disabled");
    }
    if (patch.display_name) u.display_name = *patch.display_name;
    if (patch.role) u.role = *patch.role;
    if (patch.disabled) u.disabled = *patch.disabled;
    SW_RETURN_IF_ERROR(tx.users().Update(scope, u));
    if (u.disabled) SW_RETURN_IF_ERROR(tx.credentials().DeleteSessionsOfUser(u.id, ""));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "user.update", .tenant = u.tenant_id, .object_type = "user",
                               .object_id = u.id.str(), .before = before, .after = model::ToJson(u)}));
    return u;
  });
}

Status UserService::Delete(const Principal& who, const model::UserId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::User u, tx.users().Get(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kUserWrite));
    if (who.id == u.id.str()) return FailedPrecondition("you cannot delete your own account");
    SW_ASSIGN_OR_RETURN(bool last, IsLastCenterAdmin(tx, u));
    if (last) return FailedPrecondition("the last center admin cannot be deleted");
    SW_RETURN_IF_ERROR(tx.users().Delete(scope, id));
    return Record(tx, who, now,
                  {.action = "user.delete", .tenant = u.tenant_id, .object_type = "user",
                   .object_id = u.id.str(), .before = model::ToJson(u)});
  });
}

Result<model::Page<model::ApiToken>> UserService::ListTokens(const Principal& who,
                                                             const model::TenantId& tenant,
                                                             const model::PageRequest& page) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  SW_RETURN_IF_ERROR(tx->tenants().Get(scope, tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kTokenRead));
  return tx->credentials().ListTokens(scope, tenant, page);
}

Result<CreatedToken> UserService::CreateToken(const Principal& who, const model::TenantId& tenant,
                                              const model::TokenCreate& in) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<CreatedToken> {
    const auto scope = ScopeIssuer::For(who);
    SW_RETURN_IF_ERROR(tx.tenants().Get(scope, tenant).status());
    SW_RETURN_IF_ERROR(Require(who, Permission::kTokenWrite));
    CreatedToken out;
    out.secret = "sw_" + RandomToken(32);
    model::ApiToken& t = out.token;
    t.id = model::TokenId(NewUlid(now));
    t.tenant_id = tenant;
    t.name = in.name;
    t.kind = in.kind;
    t.scopes = model::ScopesForTokenKind(in.kind);
    if (!in.partner_id.empty()) t.scopes.push_back("partner:" + in.partner_id);
    t.prefix = out.secret.substr(0, 10);
    t.secret_hash = Sha256Hex(out.secret);
    t.created_by = who.name;
    t.created_at = now;
    t.expires_at = in.expires_at;
    SW_RETURN_IF_ERROR(tx.credentials().InsertToken(scope, t));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "token.create", .tenant = tenant, .object_type = "token",
                               .object_id = t.id.str(), .after = model::ToJson(t)}));
    return out;
  });
}

Status UserService::RevokeToken(const Principal& who, const model::TokenId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ApiToken t, tx.credentials().GetToken(scope, id));
    SW_RETURN_IF_ERROR(Require(who, Permission::kTokenWrite));
    SW_RETURN_IF_ERROR(tx.credentials().RevokeToken(scope, id, now));
    return Record(tx, who, now,
                  {.action = "token.revoke", .tenant = t.tenant_id, .object_type = "token",
                   .object_id = t.id.str(), .before = model::ToJson(t)});
  });
}

}  // namespace sw::service
