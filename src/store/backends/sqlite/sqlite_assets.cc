// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

// The summary shows the authorization in force if there is one, else the
// newest request of any status.
#define SW_ASSET_SELECT                                                                        \
  "SELECT a.id, a.tenant_id, a.kind, a.value, a.criticality, a.tags, a.note, a.created_at, "  \
  "a.updated_at, z.id, z.status, z.valid_until FROM assets a "                                  \
  "LEFT JOIN scan_authorizations z ON z.id = (SELECT x.id FROM scan_authorizations x "          \
  "WHERE x.asset_id = a.id ORDER BY (x.status = 'approved' AND x.valid_from <= ?1 AND "         \
  "x.valid_until > ?1) DESC, x.id DESC LIMIT 1) "

std::string TagsToText(const std::vector<std::string>& tags) {
  json::array a;
  for (const auto& t : tags) a.emplace_back(json::string(t));
  return ToJson(a);
}

model::Asset ReadAsset(const Stmt& s, Timestamp now) {
  model::Asset a;
  a.id = model::AssetId(s.Text(0));
  a.tenant_id = model::TenantId(s.Text(1));
  a.kind = model::ParseIn(model::kAssetKindNames, s.Text(2)).value_or(model::AssetKind::kIpv4);
  a.value = s.Text(3);
  a.criticality =
      model::ParseIn(model::kCriticalityNames, s.Text(4)).value_or(model::Criticality::kMedium);
  auto tags = ParseJson(s.Text(5));
  if (tags.ok() && tags->is_array()) {
    for (const auto& v : tags->get_array()) {
      if (v.is_string()) a.tags.emplace_back(v.get_string());
    }
  }
  a.note = s.Text(6);
  a.created_at = s.Time(7);
  a.updated_at = s.Time(8);
  if (!s.IsNull(9)) {
    a.authorization.id = s.Text(9);
    a.authorization.status = s.Text(10);
    a.authorization.valid_until = s.Time(11);
    if (a.authorization.status == "approved" && now >= *a.authorization.valid_until) {
      a.authorization.status = "expired";
    }
  }
  return a;
}

Status MapUnique(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("value: this enterprise already has this asset", "value");
  }
  return s;
}

}  // namespace

Result<Page<model::Asset>> SqliteAssets::List(const TenantScope& scope, const AssetQuery& query,
                                              Timestamp now) {
  const int limit = PageLimit(query.page);
  Stmt s(c_, SW_ASSET_SELECT
         "WHERE a.tenant_id = ?2 AND (?3 = '' OR a.tenant_id = ?3) AND (?4 = '' OR a.id < ?4) "
         "AND (?5 = '' OR a.value LIKE ?5 ESCAPE '\\' OR a.note LIKE ?5 ESCAPE '\\') "
         "ORDER BY a.id DESC LIMIT ?6");
  s.Bind(now)
      .Bind(query.tenant.str())
      .Bind(ScopeParam(scope))
      .Bind(query.page.cursor)
      .Bind(LikePattern(query.q))
      .Bind(limit + 1);
  return ReadPage<model::Asset>(s, limit, [now](const Stmt& st) { return ReadAsset(st, now); }, kIdCursor);
}

Result<model::Asset> SqliteAssets::Get(const TenantScope& scope, const model::AssetId& id,
                                       Timestamp now) {
  Stmt s(c_, SW_ASSET_SELECT "WHERE a.id = ?2 AND (?3 = '' OR a.tenant_id = ?3)");
  s.Bind(now).Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("asset " + id.str() + " not found");
  return ReadAsset(s, now);
}

Status SqliteAssets::Insert(const TenantScope& scope, const model::Asset& a) {
  if (!scope.Includes(a.tenant_id)) return NotFound("tenant " + a.tenant_id.str() + " not found");
  Stmt s(c_,
         "INSERT INTO assets (id, tenant_id, kind, value, criticality, tags, note, created_at, "
         "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  s.Bind(a.id.str())
      .Bind(a.tenant_id.str())
      .Bind(model::NameIn(model::kAssetKindNames, a.kind))
      .Bind(a.value)
      .Bind(model::NameIn(model::kCriticalityNames, a.criticality))
      .Bind(TagsToText(a.tags))
      .Bind(a.note)
      .Bind(a.created_at)
      .Bind(a.updated_at);
  auto r = s.Run();
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kFailedPrecondition) {
      return NotFound("tenant " + a.tenant_id.str() + " not found");
    }
    return MapUnique(r.status());
  }
  return {};
}

Status SqliteAssets::Update(const TenantScope& scope, const model::Asset& a) {
  Stmt s(c_,
         "UPDATE assets SET kind = ?1, value = ?2, criticality = ?3, tags = ?4, note = ?5, "
         "updated_at = ?6 WHERE id = ?7 AND (?8 = '' OR tenant_id = ?8)");
  s.Bind(model::NameIn(model::kAssetKindNames, a.kind))
      .Bind(a.value)
      .Bind(model::NameIn(model::kCriticalityNames, a.criticality))
      .Bind(TagsToText(a.tags))
      .Bind(a.note)
      .Bind(a.updated_at)
      .Bind(a.id.str())
      .Bind(ScopeParam(scope));
  auto r = s.Run();
  if (!r.ok()) return MapUnique(r.status());
  if (*r == 0) return NotFound("asset " + a.id.str() + " not found");
  return {};
}

Status SqliteAssets::Delete(const TenantScope& scope, const model::AssetId& id) {
  Stmt s(c_, "DELETE FROM assets WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("asset " + id.str() + " not found");
  return {};
}

Result<std::vector<model::Asset>> SqliteAssets::ListAuthorized(const TenantScope& scope,
                                                               const model::TenantId& tenant,
                                                               Timestamp now) {
  Stmt s(c_, SW_ASSET_SELECT
         "WHERE a.tenant_id = ?2 AND (?3 = '' OR a.tenant_id = ?3) AND z.status = 'approved' "
         "AND z.valid_from <= ?1 AND z.valid_until > ?1 ORDER BY a.id");
  s.Bind(now).Bind(tenant.str()).Bind(ScopeParam(scope));
  std::vector<model::Asset> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadAsset(s, now));
  }
  return out;
}

Result<std::vector<model::Asset>> SqliteAssets::ListAddressAssets(const TenantScope& scope, Timestamp now) {
  Stmt s(c_, SW_ASSET_SELECT "WHERE a.kind IN ('ipv4', 'ipv6', 'cidr') AND (?2 = '' OR a.tenant_id = ?2) ORDER BY a.id");
  s.Bind(now).Bind(ScopeParam(scope));
  std::vector<model::Asset> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadAsset(s, now));
  }
  return out;
}

}  // namespace sw::store::backends::sqlite
