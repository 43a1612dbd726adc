// SPDX-License-Identifier: Apache-2.0
//
// Writing and reading the audit log. Record() appends an event inside the
// caller's transaction, so the change and its record commit together.
// RecordDenied() writes an event of its own for refused mutations (the
// refused change never had a transaction). AuditService lists events within
// the caller's scope. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/json.h"
#include "model/audit.h"
#include "model/page.h"
#include "service/context.h"
#include "service/principal.h"
#include "store/store.h"

namespace sw::service {

struct AuditEntry {
  std::string action;
  model::TenantId tenant;
  std::string object_type;
  std::string object_id;
  std::optional<json::value> before;
  std::optional<json::value> after;
  model::AuditOutcome outcome = model::AuditOutcome::kSuccess;
};

Status Record(store::Transaction& tx, const Principal& who, Timestamp at, AuditEntry entry);
// Best effort: a failure to record is logged, not returned.
void RecordDenied(ServiceContext& ctx, const Principal& who, AuditEntry entry);

class AuditService {
 public:
  explicit AuditService(ServiceContext& ctx) : ctx_(ctx) {}
  Result<model::Page<model::AuditEvent>> List(const Principal& who, store::AuditQuery query);

 private:
  ServiceContext& ctx_;
};

}  // namespace sw::service
