// SPDX-License-Identifier: Apache-2.0
//
// ScanAuthorization: an enterprise's permission for the center to scan one of
// its assets during a period. It is requested (pending), then approved by a
// center admin with an evidence note (a signed letter's number, say), or
// rejected; an approved one may be revoked, and it lapses after valid_until.
// Nothing is scanned unless an authorization is in force (IsInForce) for an
// asset that covers the target. Plain value type.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/json.h"
#include "core/time.h"
#include "model/asset.h"
#include "model/enum_names.h"
#include "model/tenant.h"

namespace sw::model {

using AuthorizationId = StrongId<struct AuthorizationIdTag>;

enum class AuthorizationStatus { kPending, kApproved, kRejected, kRevoked, kExpired };
inline constexpr EnumTable<AuthorizationStatus, 5> kAuthorizationStatusNames{
    {{AuthorizationStatus::kPending, "pending"},
     {AuthorizationStatus::kApproved, "approved"},
     {AuthorizationStatus::kRejected, "rejected"},
     {AuthorizationStatus::kRevoked, "revoked"},
     {AuthorizationStatus::kExpired, "expired"}}};

// The longest period one authorization may cover; renewals are cheap, and a
// forgotten authorization should not allow scanning for years.
inline constexpr std::chrono::days kMaxAuthorizationPeriod{366};

struct ScanAuthorization {
  AuthorizationId id;
  TenantId tenant_id;
  AssetId asset_id;
  std::string asset_value;  // derived, for display
  std::string tenant_name;  // derived, for display
  // Stored status; kExpired is never stored, it is derived (EffectiveStatus).
  AuthorizationStatus status = AuthorizationStatus::kPending;
  std::string note;  // the requester's reason
  std::string requested_by;
  Timestamp requested_at;
  std::string approved_by;
  std::optional<Timestamp> approved_at;
  std::string evidence_note;
  Timestamp valid_from;
  Timestamp valid_until;
  std::string revoked_by;  // who revoked or rejected
  std::optional<Timestamp> revoked_at;
  std::string reason;  // why revoked or rejected
};

// kExpired for an approved authorization past its end, else the stored status.
AuthorizationStatus EffectiveStatus(const ScanAuthorization& a, Timestamp now);
// Approved and now within [valid_from, valid_until).
bool IsInForce(const ScanAuthorization& a, Timestamp now);

struct AuthorizationRequest {
  std::optional<Timestamp> valid_from;
  Timestamp valid_until;
  std::string note;
};
// Decodes a request body; checks valid_until > valid_from (default now) and the
// maximum period.
Result<AuthorizationRequest> AuthorizationRequestFromJson(const json::value& v, Timestamp now);

json::object ToJson(const ScanAuthorization& a, Timestamp now);

}  // namespace sw::model
