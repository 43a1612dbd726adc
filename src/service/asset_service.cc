// SPDX-License-Identifier: Apache-2.0
#include "service/asset_service.h"

#include "core/ids.h"
#include "model/codec_util.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {

Result<model::Page<model::Asset>> AssetService::List(const Principal& who,
                                                     const store::AssetQuery& q) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  // The tenant must be visible: another tenant's list is NotFound, not empty.
  SW_RETURN_IF_ERROR(tx->tenants().Get(scope, q.tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kAssetRead));
  return tx->assets().List(scope, q, ctx_.clock.Now());
}

Result<model::Asset> AssetService::Get(const Principal& who, const model::AssetId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(model::Asset a, tx->assets().Get(ScopeIssuer::For(who), id, ctx_.clock.Now()));
  SW_RETURN_IF_ERROR(Require(who, Permission::kAssetRead));
  return a;
}

Result<model::Asset> AssetService::Create(const Principal& who, const model::TenantId& tenant,
                                          const model::AssetPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  model::Asset a;
  a.id = model::AssetId(NewUlid(now));
  a.tenant_id = tenant;
  a.created_at = a.updated_at = now;
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::Asset> {
    const auto scope = ScopeIssuer::For(who);
    SW_RETURN_IF_ERROR(tx.tenants().Get(scope, tenant).status());
    SW_RETURN_IF_ERROR(Require(who, Permission::kAssetWrite));
    SW_RETURN_IF_ERROR(model::ApplyAssetPatch(patch, /*creating=*/true, a));
    SW_RETURN_IF_ERROR(tx.assets().Insert(scope, a));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "asset.create", .tenant = tenant, .object_type = "asset",
                               .object_id = a.id.str(), .after = model::ToJson(a)}));
    return a;
  });
}

Result<model::Asset> AssetService::Update(const Principal& who, const model::AssetId& id,
                                          const model::AssetPatch& patch) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::Asset> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::Asset a, tx.assets().Get(scope, id, now));
    SW_RETURN_IF_ERROR(Require(who, Permission::kAssetWrite));
    const json::object before = model::ToJson(a);
    const std::string old_value = a.value;
    SW_RETURN_IF_ERROR(model::ApplyAssetPatch(patch, /*creating=*/false, a));
    if (a.value != old_value && a.authorization.status == "approved") {
      // An authorization names what was approved; a new value needs a new one.
      return FailedPrecondition(
          "value: this asset has an approved scan authorization; revoke it before changing the value");
    }
    a.updated_at = now;
    SW_RETURN_IF_ERROR(tx.assets().Update(scope, a));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "asset.update", .tenant = a.tenant_id, .object_type = "asset",
                               .object_id = a.id.str(), .before = before, .after = model::ToJson(a)}));
    return a;
  });
}

Status AssetService::Delete(const Principal& who, const model::AssetId& id) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::Asset a, tx.assets().Get(scope, id, now));
    SW_RETURN_IF_ERROR(Require(who, Permission::kAssetWrite));
    SW_RETURN_IF_ERROR(tx.assets().Delete(scope, id));
    return Record(tx, who, now,
                  {.action = "asset.delete", .tenant = a.tenant_id, .object_type = "asset",
                   .object_id = a.id.str(), .before = model::ToJson(a)});
  });
}

Result<model::Page<model::ScanAuthorization>> AssetService::ListAuthorizations(
    const Principal& who, const store::AuthorizationQuery& q) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  if (q.asset) SW_RETURN_IF_ERROR(tx->assets().Get(scope, *q.asset, ctx_.clock.Now()).status());
  if (q.tenant) SW_RETURN_IF_ERROR(tx->tenants().Get(scope, *q.tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kAssetRead));
  return tx->authorizations().List(scope, q);
}

Result<model::ScanAuthorization> AssetService::GetAuthorization(const Principal& who,
                                                                const model::AuthorizationId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(model::ScanAuthorization z, tx->authorizations().Get(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kAssetRead));
  return z;
}

Result<model::ScanAuthorization> AssetService::RequestAuthorization(
    const Principal& who, const model::AssetId& asset_id, const model::AuthorizationRequest& req) {
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanAuthorization> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::Asset asset, tx.assets().Get(scope, asset_id, now));
    SW_RETURN_IF_ERROR(Require(who, Permission::kAuthorizationRequest));
    store::AuthorizationQuery pending{.asset = asset_id,
                                      .status = model::AuthorizationStatus::kPending};
    pending.page.limit = 1;
    SW_ASSIGN_OR_RETURN(auto open, tx.authorizations().List(scope, pending));
    if (!open.items.empty()) {
      return FailedPrecondition("this asset already has a pending authorization request (" +
                                open.items.front().id.str() + ")");
    }
    model::ScanAuthorization z;
    z.id = model::AuthorizationId(NewUlid(now));
    z.tenant_id = asset.tenant_id;
    z.asset_id = asset.id;
    z.asset_value = asset.value;
    SW_ASSIGN_OR_RETURN(model::Tenant owner, tx.tenants().Get(scope, asset.tenant_id));
    z.tenant_name = owner.name;
    z.status = model::AuthorizationStatus::kPending;
    z.note = req.note;
    z.requested_by = who.name;
    z.requested_at = now;
    z.valid_from = req.valid_from.value_or(now);
    z.valid_until = req.valid_until;
    SW_RETURN_IF_ERROR(tx.authorizations().Insert(scope, z));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "authorization.request", .tenant = z.tenant_id,
                               .object_type = "authorization", .object_id = z.id.str(),
                               .after = model::ToJson(z, now)}));
    return z;
  });
}

Result<model::ScanAuthorization> AssetService::Approve(const Principal& who,
                                                       const model::AuthorizationId& id,
                                                       const std::string& evidence_note) {
  return Decide(who, id, "approve", evidence_note);
}

Result<model::ScanAuthorization> AssetService::Reject(const Principal& who,
                                                      const model::AuthorizationId& id,
                                                      const std::string& reason) {
  return Decide(who, id, "reject", reason);
}

Result<model::ScanAuthorization> AssetService::Revoke(const Principal& who,
                                                      const model::AuthorizationId& id,
                                                      const std::string& reason) {
  return Decide(who, id, "revoke", reason);
}

Result<model::ScanAuthorization> AssetService::Decide(const Principal& who,
                                                      const model::AuthorizationId& id,
                                                      const std::string& action,
                                                      const std::string& raw_text) {
  const Timestamp now = ctx_.clock.Now();
  const std::string text = model::TrimSpaces(raw_text);
  const std::string full_action = "authorization." + action;
  auto result = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::ScanAuthorization> {
    const auto scope = ScopeIssuer::For(who);
    SW_ASSIGN_OR_RETURN(model::ScanAuthorization z, tx.authorizations().Get(scope, id));
    SW_RETURN_IF_ERROR(Require(who, action == "revoke" ? Permission::kAuthorizationRevoke
                                                       : Permission::kAuthorizationDecide));
    const json::object before = model::ToJson(z, now);
    const auto status = model::EffectiveStatus(z, now);
    if (action == "approve") {
      if (status != model::AuthorizationStatus::kPending) {
        return FailedPrecondition("only a pending authorization can be approved");
      }
      if (text.empty()) {
        return InvalidArgument("evidence_note: required: say what proves the enterprise agreed",
                               "evidence_note");
      }
      if (z.valid_until <= now) {
        return FailedPrecondition("the requested period has already ended; ask for a new authorization");
      }
      z.status = model::AuthorizationStatus::kApproved;
      z.approved_by = who.name;
      z.approved_at = now;
      z.evidence_note = text;
    } else {
      const bool can_end = action == "reject" ? status == model::AuthorizationStatus::kPending
                                              : (status == model::AuthorizationStatus::kPending ||
                                                 status == model::AuthorizationStatus::kApproved);
      if (!can_end) {
        return FailedPrecondition(action == "reject"
                                      ? "only a pending authorization can be rejected"
                                      : "only a pending or approved authorization can be revoked");
      }
      z.status = action == "reject" ? model::AuthorizationStatus::kRejected
                                    : model::AuthorizationStatus::kRevoked;
      z.revoked_by = who.name;
      z.revoked_at = now;
      z.reason = text;
    }
    SW_RETURN_IF_ERROR(tx.authorizations().Update(scope, z));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = full_action, .tenant = z.tenant_id,
                               .object_type = "authorization", .object_id = z.id.str(),
                               .before = before, .after = model::ToJson(z, now)}));
    return z;
  });
  if (!result.ok() && result.status().code() == StatusCode::kPermissionDenied) {
    RecordDenied(ctx_, who, {.action = full_action, .tenant = who.tenant_id,
                             .object_type = "authorization", .object_id = id.str()});
  }
  return result;
}

}  // namespace sw::service
