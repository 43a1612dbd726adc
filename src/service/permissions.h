// SPDX-License-Identifier: Apache-2.0
//
// The permission table: which role may do what, and on which tenants. This is
// the single source of truth; docs/permissions.md is generated from
// PermissionTableMarkdown() (a test keeps them equal). ScopeIssuer mints the
// storage scope for a principal: all tenants for center roles, the own
// tenant otherwise. Thread-safe (constant tables).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "service/principal.h"
#include "store/tenant_scope.h"

namespace sw::service {

enum class Permission {
  kTenantRead,
  kTenantCreate,
  kTenantUpdate,        // all fields
  kTenantUpdateProfile, // contacts, industry, district of the own tenant
  kTenantDelete,
  kAssetRead,
  kAssetWrite,
  kAuthorizationRequest,
  kAuthorizationDecide,  // approve or reject
  kAuthorizationRevoke,
  kUserRead,
  kUserWrite,
  kTokenRead,
  kTokenWrite,
  kAuditRead,
  kScanRead,
  kScanPolicyWrite,   // policies are the center's, shared by every enterprise
  kScanScheduleWrite,
  kScanRun,           // scan now, cancel
  kAlertRead,
  kAlertIngest,       // sensors report events (tokens with the ingest:events scope only)
  kIntelRead,         // indicators and STIX objects, as TLP lets the reader's organization see them
  kIntelImport,       // import intelligence owned by the own organization
  kIntelPartnerWrite, // add partner organizations and the enterprises they serve
};

std::string_view PermissionName(Permission p);

// True if the principal's role grants `p` (within its scope of tenants), and,
// for a token, its scopes allow it (tokens may only read).
bool Allows(const Principal& who, Permission p);

// PermissionDenied naming the action when !Allows(who, p).
Status Require(const Principal& who, Permission p);

// The table as Markdown, for docs/permissions.md.
std::string PermissionTableMarkdown();

class ScopeIssuer {
 public:
  static store::TenantScope For(const Principal& who);
  // All tenants, for authentication and bootstrap, which run before (or
  // instead of) a principal.
  static store::TenantScope System();
  // One tenant, for platform jobs acting for it (scans, verification).
  static store::TenantScope ForTenant(const model::TenantId& tenant);
};

}  // namespace sw::service
