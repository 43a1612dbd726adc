// SPDX-License-Identifier: Apache-2.0
//
// Platform: every use-case service of the platform, built together over one
// ServiceContext. The api layer and commands take a Platform& and call the
// service they need. Thread-safe; the context must outlive it.
#pragma once

#include "service/alert_service.h"
#include "service/asset_service.h"
#include "service/audit_log.h"
#include "service/auth_service.h"
#include "service/context.h"
#include "service/intel_service.h"
#include "service/taxii_poller.h"
#include "service/scan_gate.h"
#include "service/scan_service.h"
#include "service/tenant_service.h"
#include "service/user_service.h"

namespace sw::service {

struct Platform {
  explicit Platform(ServiceContext& ctx)
      : context(ctx),
        auth(ctx),
        tenants(ctx),
        assets(ctx),
        users(ctx),
        audit(ctx),
        scan_gate(ctx),
        scans(ctx),
        alerts(ctx),
        intel(ctx),
        taxii(ctx, intel) {}
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  ServiceContext& context;
  AuthService auth;
  TenantService tenants;
  AssetService assets;
  UserService users;
  AuditService audit;
  ScanGate scan_gate;
  ScanService scans;
  AlertService alerts;
  IntelService intel;
  TaxiiPoller taxii;  // its thread runs only when started (serve)
};

}  // namespace sw::service
