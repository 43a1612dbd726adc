// SPDX-License-Identifier: Apache-2.0
//
// AuditEvent: one record of who did what to which object, when, from where,
// and with what outcome; with small before/after JSON snapshots for changes.
// Written in the same transaction as the change it records, never updated or
// deleted through the API. Plain value.
#pragma once

#include <optional>
#include <string>

#include "core/json.h"
#include "core/time.h"
#include "model/enum_names.h"
#include "model/tenant.h"

namespace sw::model {

enum class AuditOutcome { kSuccess, kDenied, kFailed };
inline constexpr EnumTable<AuditOutcome, 3> kAuditOutcomeNames{{{AuditOutcome::kSuccess, "success"},
                                                                {AuditOutcome::kDenied, "denied"},
                                                                {AuditOutcome::kFailed, "failed"}}};

struct AuditEvent {
  int64_t id = 0;  // assigned by storage, increasing
  Timestamp at;
  TenantId tenant_id;  // the tenant the object belongs to
  std::string actor_id;
  std::string actor_name;
  std::string action;  // "tenant.create"
  std::string object_type;
  std::string object_id;
  std::string source_ip;
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::optional<json::value> before;
  std::optional<json::value> after;
};

json::object ToJson(const AuditEvent& e);

}  // namespace sw::model
