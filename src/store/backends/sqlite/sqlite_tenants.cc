// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

std::string ContactsToText(const std::vector<model::Contact>& contacts) {
  json::array a;
  for (const auto& c : contacts) {
    a.push_back(json::object{{"name", c.name}, {"phone", c.phone}, {"email", c.email}});
  }
  return ToJson(a);
}

std::vector<model::Contact> ContactsFromText(const std::string& text) {
  std::vector<model::Contact> out;
  auto v = ParseJson(text);
  if (!v.ok() || !v->is_array()) return out;
  for (const auto& item : v->get_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.get_object();
    auto field = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->value().is_string() ? std::string(it->value().get_string())
                                                      : std::string();
    };
    out.push_back({field("name"), field("phone"), field("email")});
  }
  return out;
}

model::Tenant ReadTenant(const Stmt& s) {
  model::Tenant t;
  t.id = model::TenantId(s.Text(0));
  t.kind = model::ParseIn(model::kTenantKindNames, s.Text(1)).value_or(model::TenantKind::kEnterprise);
  t.name = s.Text(2);
  t.credit_code = s.Text(3);
  t.industry = s.Text(4);
  t.district = s.Text(5);
  t.contacts = ContactsFromText(s.Text(6));
  t.service_level =
      model::ParseIn(model::kServiceLevelNames, s.Text(7)).value_or(model::ServiceLevel::kBasic);
  t.created_at = s.Time(8);
  t.updated_at = s.Time(9);
  t.asset_count = s.Int(10);
  return t;
}

Status MapUnique(const Status& s) {
  if (s.code() != StatusCode::kAlreadyExists) return s;
  if (s.message().find("tenants.credit_code") != std::string::npos) {
    return AlreadyExists("credit_code: an enterprise with this credit code already exists",
                         "credit_code");
  }
  if (s.message().find("tenants.name") != std::string::npos) {
    return AlreadyExists("name: an enterprise with this name already exists", "name");
  }
  return AlreadyExists("id: tenant already exists", "id");
}

}  // namespace

Result<Page<model::Tenant>> SqliteTenants::List(const TenantScope& scope, const TenantQuery& query) {
  static constexpr const char* kSql =
      "SELECT t.id, t.kind, t.name, t.credit_code, t.industry, t.district, t.contacts, "
      "t.service_level, t.created_at, t.updated_at, "
      "(SELECT count(*) FROM assets a WHERE a.tenant_id = t.id) FROM tenants t "
      "WHERE (?1 = '' OR t.id = ?1) AND (?2 = '' OR t.id < ?2) "
      "AND (?3 = '' OR t.name LIKE ?3 ESCAPE '\\' OR t.credit_code LIKE ?3 ESCAPE '\\') "
      "ORDER BY t.id DESC LIMIT ?4";
  const int limit = PageLimit(query.page);
  Stmt s(c_, kSql);
  s.Bind(ScopeParam(scope)).Bind(query.page.cursor).Bind(LikePattern(query.q)).Bind(limit + 1);
  return ReadPage<model::Tenant>(s, limit, ReadTenant, kIdCursor);
}

Result<model::Tenant> SqliteTenants::Get(const TenantScope& scope, const model::TenantId& id) {
  static constexpr const char* kSql =
      "SELECT t.id, t.kind, t.name, t.credit_code, t.industry, t.district, t.contacts, "
      "t.service_level, t.created_at, t.updated_at, "
      "(SELECT count(*) FROM assets a WHERE a.tenant_id = t.id) FROM tenants t "
      "WHERE t.id = ?1 AND (?2 = '' OR t.id = ?2)";
  Stmt s(c_, kSql);
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("tenant " + id.str() + " not found");
  return ReadTenant(s);
}

Status SqliteTenants::Insert(const TenantScope& scope, const model::Tenant& t) {
  if (!scope.is_all()) return PermissionDenied("only the center creates tenants");
  Stmt s(c_,
         "INSERT INTO tenants (id, kind, name, credit_code, industry, district, contacts, "
         "service_level, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  s.Bind(t.id.str())
      .Bind(model::NameIn(model::kTenantKindNames, t.kind))
      .Bind(t.name)
      .Bind(t.credit_code)
      .Bind(t.industry)
      .Bind(t.district)
      .Bind(ContactsToText(t.contacts))
      .Bind(model::NameIn(model::kServiceLevelNames, t.service_level))
      .Bind(t.created_at)
      .Bind(t.updated_at);
  auto r = s.Run();
  if (!r.ok()) return MapUnique(r.status());
  return {};
}

Status SqliteTenants::Update(const TenantScope& scope, const model::Tenant& t) {
  Stmt s(c_,
         "UPDATE tenants SET name = ?1, credit_code = ?2, industry = ?3, district = ?4, "
         "contacts = ?5, service_level = ?6, updated_at = ?7 WHERE id = ?8 AND (?9 = '' OR id = ?9)");
  s.Bind(t.name)
      .Bind(t.credit_code)
      .Bind(t.industry)
      .Bind(t.district)
      .Bind(ContactsToText(t.contacts))
      .Bind(model::NameIn(model::kServiceLevelNames, t.service_level))
      .Bind(t.updated_at)
      .Bind(t.id.str())
      .Bind(ScopeParam(scope));
  auto r = s.Run();
  if (!r.ok()) return MapUnique(r.status());
  if (*r == 0) return NotFound("tenant " + t.id.str() + " not found");
  return {};
}

Status SqliteTenants::Delete(const TenantScope& scope, const model::TenantId& id) {
  Stmt s(c_, "DELETE FROM tenants WHERE id = ?1 AND (?2 = '' OR id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("tenant " + id.str() + " not found");
  return {};
}

}  // namespace sw::store::backends::sqlite
