// SPDX-License-Identifier: Apache-2.0
#include "service/permissions.h"

#include <algorithm>
#include <array>

namespace sw::service {
namespace {

struct Row {
  Permission permission;
  std::string_view name;
  std::string_view description;
  // center_admin, center_analyst, tenant_admin, tenant_member
  std::array<bool, 4> roles;
};

constexpr std::array<Row, 24> kTable = {{
    {Permission::kTenantRead, "tenant.read", "see enterprises", {true, true, true, true}},
    {Permission::kTenantCreate, "tenant.create", "onboard an enterprise", {true, false, false, false}},
    {Permission::kTenantUpdate, "tenant.update", "edit any field of an enterprise", {true, false, false, false}},
    {Permission::kTenantUpdateProfile, "tenant.update_profile", "edit contacts, industry, district", {true, false, true, false}},
    {Permission::kTenantDelete, "tenant.delete", "delete an enterprise and its data", {true, false, false, false}},
    {Permission::kAssetRead, "asset.read", "see assets and their authorization", {true, true, true, true}},
    {Permission::kAssetWrite, "asset.write", "add, edit, delete assets", {true, false, true, false}},
    {Permission::kAuthorizationRequest, "authorization.request", "ask for a scan authorization", {true, false, true, false}},
    {Permission::kAuthorizationDecide, "authorization.decide", "approve or reject a scan authorization", {true, false, false, false}},
    {Permission::kAuthorizationRevoke, "authorization.revoke", "revoke a scan authorization", {true, false, true, false}},
    {Permission::kUserRead, "user.read", "see user accounts", {true, true, true, false}},
    {Permission::kUserWrite, "user.write", "add, edit, disable, delete users", {true, false, true, false}},
    {Permission::kTokenRead, "token.read", "see API tokens", {true, true, true, false}},
    {Permission::kTokenWrite, "token.write", "create and revoke API tokens", {true, false, true, false}},
    {Permission::kAuditRead, "audit.read", "read the audit log", {true, true, true, false}},
    {Permission::kScanRead, "scan.read", "see scan policies, schedules, runs and results", {true, true, true, true}},
    {Permission::kScanPolicyWrite, "scan.policy_write", "create, edit, delete scan policies (for every enterprise)", {true, false, false, false}},
    {Permission::kScanScheduleWrite, "scan.schedule_write", "create, edit, delete scan schedules", {true, false, true, false}},
    {Permission::kScanRun, "scan.run", "start a scan now, cancel a running scan", {true, true, true, false}},
    {Permission::kAlertRead, "alert.read", "see alerts from network sensors", {true, true, true, true}},
    {Permission::kAlertIngest, "alert.ingest", "report sensor events (sensor tokens only)", {true, true, true, true}},
    {Permission::kIntelRead, "intel.read", "see threat intelligence (as TLP allows the own organization)", {true, true, true, true}},
    {Permission::kIntelImport, "intel.import", "import threat intelligence owned by the own organization", {true, true, true, false}},
    {Permission::kIntelPartnerWrite, "intel.partner_write", "add partner organizations and the enterprises they serve", {true, false, false, false}},
}};

const Row& RowOf(Permission p) {
  for (const auto& r : kTable) {
    if (r.permission == p) return r;
  }
  return kTable[0];  // unreachable: every Permission has a row (tested)
}

bool IsReadOnly(Permission p) {
  switch (p) {
    case Permission::kTenantRead:
    case Permission::kAssetRead:
    case Permission::kUserRead:
    case Permission::kTokenRead:
    case Permission::kAuditRead:
    case Permission::kScanRead:
    case Permission::kAlertRead:
    case Permission::kIntelRead:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view PermissionName(Permission p) { return RowOf(p).name; }

bool Principal::HasScope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

Principal Principal::System() {
  Principal p;
  p.kind = Kind::kSystem;
  p.id = "system";
  p.name = "system";
  p.tenant_id = model::CenterTenantId();
  p.role = model::Role::kCenterAdmin;
  p.source_ip = "local";
  return p;
}

bool Allows(const Principal& who, Permission p) {
  // Reporting events is what sensor tokens are for, and nothing else may.
  if (p == Permission::kAlertIngest) return who.kind == Principal::Kind::kToken && who.HasScope("ingest:events");
  if (who.kind == Principal::Kind::kToken) {
    // Intelligence exchange tokens read and add intelligence, and nothing else.
    if (p == Permission::kIntelRead && who.HasScope("intel:read")) return true;
    if (p == Permission::kIntelImport) return who.HasScope("intel:write");
    // Machine tokens never administer; reading needs the "read" scope.
    if (!IsReadOnly(p) || !who.HasScope("read")) return false;
  }
  return RowOf(p).roles[static_cast<size_t>(who.role)];
}

Status Require(const Principal& who, Permission p) {
  if (Allows(who, p)) return {};
  return PermissionDenied(std::string("your role may not ") + std::string(RowOf(p).description) +
                          " (" + std::string(PermissionName(p)) + ")");
}

std::string PermissionTableMarkdown() {
  std::string out =
      "| permission | what it allows | center_admin | center_analyst | tenant_admin | tenant_member |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& r : kTable) {
    out += "| `" + std::string(r.name) + "` | " + std::string(r.description) + " |";
    for (size_t i = 0; i < 4; ++i) {
      const bool center_role = i < 2;
      out += r.roles[i] ? (center_role ? " all enterprises |" : " own enterprise |") : " — |";
    }
    out += "\n";
  }
  return out;
}

store::TenantScope ScopeIssuer::For(const Principal& who) {
  if (who.is_center()) return store::TenantScope::All({});
  return store::TenantScope::One(who.tenant_id, {});
}

store::TenantScope ScopeIssuer::System() { return store::TenantScope::All({}); }

store::TenantScope ScopeIssuer::ForTenant(const model::TenantId& tenant) {
  return store::TenantScope::One(tenant, {});
}

}  // namespace sw::service
