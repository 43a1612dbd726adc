// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

#define SW_AUTHZ_SELECT                                                                        \
  "SELECT z.id, z.tenant_id, z.asset_id, a.value, z.status, z.note, z.requested_by, "          \
  "z.requested_at, z.approved_by, z.approved_at, z.evidence_note, z.valid_from, z.valid_until, " \
  "z.revoked_by, z.revoked_at, z.reason, t.name FROM scan_authorizations z "                     \
  "JOIN assets a ON a.id = z.asset_id JOIN tenants t ON t.id = z.tenant_id "

model::ScanAuthorization ReadAuthorization(const Stmt& s) {
  model::ScanAuthorization z;
  z.id = model::AuthorizationId(s.Text(0));
  z.tenant_id = model::TenantId(s.Text(1));
  z.asset_id = model::AssetId(s.Text(2));
  z.asset_value = s.Text(3);
  z.status = model::ParseIn(model::kAuthorizationStatusNames, s.Text(4))
                 .value_or(model::AuthorizationStatus::kRevoked);
  z.note = s.Text(5);
  z.requested_by = s.Text(6);
  z.requested_at = s.Time(7);
  z.approved_by = s.Text(8);
  z.approved_at = s.OptTime(9);
  z.evidence_note = s.Text(10);
  z.valid_from = s.Time(11);
  z.valid_until = s.Time(12);
  z.revoked_by = s.Text(13);
  z.revoked_at = s.OptTime(14);
  z.reason = s.Text(15);
  z.tenant_name = s.Text(16);
  return z;
}

}  // namespace

Result<Page<model::ScanAuthorization>> SqliteAuthorizations::List(const TenantScope& scope,
                                                                  const AuthorizationQuery& q) {
  const int limit = PageLimit(q.page);
  Stmt s(c_, SW_AUTHZ_SELECT
         "WHERE (?1 = '' OR z.tenant_id = ?1) AND (?2 = '' OR z.tenant_id = ?2) "
         "AND (?3 = '' OR z.asset_id = ?3) AND (?4 = '' OR z.status = ?4) "
         "AND (?5 = '' OR z.id < ?5) ORDER BY z.id DESC LIMIT ?6");
  s.Bind(ScopeParam(scope))
      .Bind(q.tenant ? q.tenant->str() : std::string())
      .Bind(q.asset ? q.asset->str() : std::string())
      .Bind(q.status ? std::string(model::NameIn(model::kAuthorizationStatusNames, *q.status))
                     : std::string())
      .Bind(q.page.cursor)
      .Bind(limit + 1);
  return ReadPage<model::ScanAuthorization>(s, limit, ReadAuthorization, kIdCursor);
}

Result<model::ScanAuthorization> SqliteAuthorizations::Get(const TenantScope& scope,
                                                           const model::AuthorizationId& id) {
  Stmt s(c_, SW_AUTHZ_SELECT "WHERE z.id = ?1 AND (?2 = '' OR z.tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("authorization " + id.str() + " not found");
  return ReadAuthorization(s);
}

Status SqliteAuthorizations::Insert(const TenantScope& scope, const model::ScanAuthorization& z) {
  if (!scope.Includes(z.tenant_id)) return NotFound("tenant " + z.tenant_id.str() + " not found");
  if (z.status == model::AuthorizationStatus::kExpired) {
    return InvalidArgument("status: expired is derived, never stored");
  }
  Stmt s(c_,
         "INSERT INTO scan_authorizations (id, tenant_id, asset_id, status, note, requested_by, "
         "requested_at, approved_by, approved_at, evidence_note, valid_from, valid_until, "
         "revoked_by, revoked_at, reason) "
         "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15 "
         "WHERE EXISTS (SELECT 1 FROM assets WHERE id = ?3 AND tenant_id = ?2)");
  s.Bind(z.id.str())
      .Bind(z.tenant_id.str())
      .Bind(z.asset_id.str())
      .Bind(model::NameIn(model::kAuthorizationStatusNames, z.status))
      .Bind(z.note)
      .Bind(z.requested_by)
      .Bind(z.requested_at)
      .Bind(z.approved_by)
      .Bind(z.approved_at)
      .Bind(z.evidence_note)
      .Bind(z.valid_from)
      .Bind(z.valid_until)
      .Bind(z.revoked_by)
      .Bind(z.revoked_at)
      .Bind(z.reason);
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("asset " + z.asset_id.str() + " not found");
  return {};
}

Status SqliteAuthorizations::Update(const TenantScope& scope, const model::ScanAuthorization& z) {
  if (z.status == model::AuthorizationStatus::kExpired) {
    return InvalidArgument("status: expired is derived, never stored");
  }
  Stmt s(c_,
         "UPDATE scan_authorizations SET status = ?1, approved_by = ?2, approved_at = ?3, "
         "evidence_note = ?4, revoked_by = ?5, revoked_at = ?6, reason = ?7 "
         "WHERE id = ?8 AND (?9 = '' OR tenant_id = ?9)");
  s.Bind(model::NameIn(model::kAuthorizationStatusNames, z.status))
      .Bind(z.approved_by)
      .Bind(z.approved_at)
      .Bind(z.evidence_note)
      .Bind(z.revoked_by)
      .Bind(z.revoked_at)
      .Bind(z.reason)
      .Bind(z.id.str())
      .Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("authorization " + z.id.str() + " not found");
  return {};
}

Result<std::vector<model::ScanAuthorization>> SqliteAuthorizations::InForce(
    const TenantScope& scope, const model::AssetId& asset, Timestamp now) {
  Stmt s(c_, SW_AUTHZ_SELECT
         "WHERE z.asset_id = ?1 AND (?2 = '' OR z.tenant_id = ?2) AND z.status = 'approved' "
         "AND z.valid_from <= ?3 AND z.valid_until > ?3 ORDER BY z.id DESC");
  s.Bind(asset.str()).Bind(ScopeParam(scope)).Bind(now);
  std::vector<model::ScanAuthorization> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadAuthorization(s));
  }
  return out;
}

}  // namespace sw::store::backends::sqlite
