// SPDX-License-Identifier: Apache-2.0
#include "service/platform_scan_scope.h"

namespace sw::service {

Status PlatformScanScope::Admit(const scan::TargetHost& host) const {
  // A host given by name is authorized by a domain asset of that name or by
  // an asset covering the address it resolved to.
  if (!host.hostname.empty()) {
    auto by_name = gate_.MayScan(tenant_, host.hostname);
    if (by_name.ok() && by_name->allowed) return {};
  }
  SW_ASSIGN_OR_RETURN(ScanDecision d, gate_.CheckAndAudit(actor_, tenant_, host.address.to_string()));
  if (d.allowed) return {};
  return PermissionDenied(host.address.to_string() + ": " + d.reason);
}

}  // namespace sw::service
