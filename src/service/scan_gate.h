// SPDX-License-Identifier: Apache-2.0
//
// ScanGate answers the one question every scanning component must ask before
// it sends a packet: may this target be scanned for this tenant now? Yes only
// while an approved, unexpired authorization covers an asset of the tenant
// that includes the target (model::AssetCovers). Scanners call MayScan at
// schedule time and again at run time; a refusal is audited. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "model/tenant.h"
#include "service/context.h"
#include "service/principal.h"

namespace sw::service {

struct ScanDecision {
  bool allowed = false;
  std::string reason;            // why (in English, for logs and the API)
  std::string authorization_id;  // the authorization in force, when allowed
  std::string asset_id;
};

class ScanGate {
 public:
  explicit ScanGate(ServiceContext& ctx) : ctx_(ctx) {}

  // InvalidArgument when `target` is not an address, host name or URL.
  Result<ScanDecision> MayScan(const model::TenantId& tenant, std::string_view target);

  // MayScan for a scanning component acting as `who`; a refusal is written to
  // the audit log (action scan.refused).
  Result<ScanDecision> CheckAndAudit(const Principal& who, const model::TenantId& tenant,
                                     std::string_view target);

  // The API view: `who` must see the tenant.
  Result<ScanDecision> Explain(const Principal& who, const model::TenantId& tenant,
                               std::string_view target);

 private:
  ServiceContext& ctx_;
};

}  // namespace sw::service
