// SPDX-License-Identifier: Apache-2.0
//
// PlatformScanScope: the scan engine's ScanScope backed by the platform's
// scan authorizations. A host is admitted only while ScanGate says an
// approved, unexpired authorization of `tenant` covers it (by address, or by
// the host name it was given as); every refusal is audited (scan.refused).
// Thread-safe.
#pragma once

#include "model/tenant.h"
#include "scan/scope.h"
#include "service/principal.h"
#include "service/scan_gate.h"

namespace sw::service {

class PlatformScanScope final : public scan::ScanScope {
 public:
  PlatformScanScope(ScanGate& gate, Principal actor, model::TenantId tenant)
      : gate_(gate), actor_(std::move(actor)), tenant_(std::move(tenant)) {}
  Status Admit(const scan::TargetHost& host) const override;

 private:
  ScanGate& gate_;
  const Principal actor_;
  const model::TenantId tenant_;
};

}  // namespace sw::service
