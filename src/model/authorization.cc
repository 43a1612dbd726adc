// SPDX-License-Identifier: Apache-2.0
#include "model/authorization.h"

#include "model/codec_util.h"

namespace sw::model {

AuthorizationStatus EffectiveStatus(const ScanAuthorization& a, Timestamp now) {
  if (a.status == AuthorizationStatus::kApproved && now >= a.valid_until) {
    return AuthorizationStatus::kExpired;
  }
  return a.status;
}

bool IsInForce(const ScanAuthorization& a, Timestamp now) {
  return a.status == AuthorizationStatus::kApproved && a.valid_from <= now && now < a.valid_until;
}

Result<AuthorizationRequest> AuthorizationRequestFromJson(const json::value& v, Timestamp now) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  AuthorizationRequest req;
  SW_RETURN_IF_ERROR(ReadOptTime(r, "valid_from", req.valid_from));
  SW_RETURN_IF_ERROR(ReadTime(r, "valid_until", req.valid_until, kRequired));
  SW_RETURN_IF_ERROR(r.String("note", req.note, kOptional, 2000));
  SW_RETURN_IF_ERROR(r.Finish());
  req.note = TrimSpaces(req.note);
  const Timestamp from = req.valid_from.value_or(now);
  if (req.valid_until <= from) {
    return InvalidArgument("valid_until: must be after valid_from", "valid_until");
  }
  if (req.valid_until <= now) return InvalidArgument("valid_until: must be in the future", "valid_until");
  if (req.valid_until - from > kMaxAuthorizationPeriod) {
    return InvalidArgument("valid_until: an authorization may cover at most 366 days",
                           "valid_until");
  }
  return req;
}

json::object ToJson(const ScanAuthorization& a, Timestamp now) {
  json::object o;
  o.reserve(16);
  o["id"] = a.id.str();
  o["tenant_id"] = a.tenant_id.str();
  o["tenant_name"] = a.tenant_name;
  o["asset_id"] = a.asset_id.str();
  o["asset_value"] = a.asset_value;
  o["status"] = NameIn(kAuthorizationStatusNames, EffectiveStatus(a, now));
  o["note"] = a.note;
  o["requested_by"] = a.requested_by;
  o["requested_at"] = TimeToJson(a.requested_at);
  o["approved_by"] = StringOrNull(a.approved_by);
  o["approved_at"] = TimeToJson(a.approved_at);
  o["evidence_note"] = a.evidence_note;
  o["valid_from"] = TimeToJson(a.valid_from);
  o["valid_until"] = TimeToJson(a.valid_until);
  o["revoked_by"] = StringOrNull(a.revoked_by);
  o["revoked_at"] = TimeToJson(a.revoked_at);
  o["reason"] = a.reason;
  return o;
}

}  // namespace sw::model
