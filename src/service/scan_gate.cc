// SPDX-License-Identifier: Apache-2.0
#include "service/scan_gate.h"

#include "model/asset.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {

Result<ScanDecision> ScanGate::MayScan(const model::TenantId& tenant, std::string_view target) {
  SW_ASSIGN_OR_RETURN(model::ScanTarget t, model::ParseScanTarget(target));
  const Timestamp now = ctx_.clock.Now();
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto assets,
                      tx->assets().ListAuthorized(ScopeIssuer::ForTenant(tenant), tenant, now));
  for (const auto& a : assets) {
    if (model::AssetCovers(a, t)) {
      return ScanDecision{true, "covered by asset " + a.value + " (authorization valid until " +
                                    FormatRfc3339(*a.authorization.valid_until) + ")",
                          a.authorization.id, a.id.str()};
    }
  }
  return ScanDecision{false, "no approved, unexpired scan authorization covers this target", "", ""};
}

Result<ScanDecision> ScanGate::CheckAndAudit(const Principal& who, const model::TenantId& tenant,
                                             std::string_view target) {
  SW_ASSIGN_OR_RETURN(ScanDecision d, MayScan(tenant, target));
  if (!d.allowed) {
    RecordDenied(ctx_, who,
                 {.action = "scan.refused", .tenant = tenant, .object_type = "target",
                  .object_id = std::string(target.substr(0, 200)),
                  .after = json::object{{"reason", d.reason}}});
  }
  return d;
}

Result<ScanDecision> ScanGate::Explain(const Principal& who, const model::TenantId& tenant,
                                       std::string_view target) {
  {
    SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
    SW_RETURN_IF_ERROR(tx->tenants().Get(ScopeIssuer::For(who), tenant).status());
  }
  SW_RETURN_IF_ERROR(Require(who, Permission::kAssetRead));
  return MayScan(tenant, target);
}

}  // namespace sw::service
