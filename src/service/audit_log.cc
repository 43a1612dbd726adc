// SPDX-License-Identifier: Apache-2.0
#include "service/audit_log.h"

#include <spdlog/spdlog.h>

#include "service/permissions.h"

namespace sw::service {

Status Record(store::Transaction& tx, const Principal& who, Timestamp at, AuditEntry entry) {
  model::AuditEvent e;
  e.at = at;
  e.tenant_id = std::move(entry.tenant);
  e.actor_id = who.id;
  e.actor_name = who.name;
  e.action = std::move(entry.action);
  e.object_type = std::move(entry.object_type);
  e.object_id = std::move(entry.object_id);
  e.source_ip = who.source_ip;
  e.outcome = entry.outcome;
  e.before = std::move(entry.before);
  e.after = std::move(entry.after);
  return tx.audit().Append(e);
}

void RecordDenied(ServiceContext& ctx, const Principal& who, AuditEntry entry) {
  entry.outcome = model::AuditOutcome::kDenied;
  const std::string action = entry.action;
  Status s = InWriteTransaction(ctx.store, [&](store::Transaction& tx) {
    return Record(tx, who, ctx.clock.Now(), std::move(entry));
  });
  if (!s.ok()) spdlog::error("audit: could not record denied {}: {}", action, s.ToString());
}

Result<model::Page<model::AuditEvent>> AuditService::List(const Principal& who,
                                                          store::AuditQuery query) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  if (query.tenant) SW_RETURN_IF_ERROR(tx->tenants().Get(scope, *query.tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kAuditRead));
  return tx->audit().List(scope, query);
}

}  // namespace sw::service
