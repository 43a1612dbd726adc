// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

#define SW_USER_COLUMNS                                                                     \
  "u.id, u.tenant_id, t.name, u.username, u.display_name, u.role, u.disabled, "             \
  "u.must_change_password, u.created_at, u.last_login_at, u.password_hash, u.failed_logins, " \
  "u.locked_until FROM users u JOIN tenants t ON t.id = u.tenant_id "

model::User ReadUser(const Stmt& s) {
  model::User u;
  u.id = model::UserId(s.Text(0));
  u.tenant_id = model::TenantId(s.Text(1));
  u.tenant_name = s.Text(2);
  u.username = s.Text(3);
  u.display_name = s.Text(4);
  u.role = model::ParseIn(model::kRoleNames, s.Text(5)).value_or(model::Role::kTenantMember);
  u.disabled = s.Int(6) != 0;
  u.must_change_password = s.Int(7) != 0;
  u.created_at = s.Time(8);
  u.last_login_at = s.OptTime(9);
  u.password_hash = s.Text(10);
  u.failed_logins = static_cast<int>(s.Int(11));
  u.locked_until = s.OptTime(12);
  return u;
}

Status MapUnique(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("username: this username is taken", "username");
  }
  return s;
}

}  // namespace

Result<Page<model::User>> SqliteUsers::List(const TenantScope& scope, const UserQuery& query) {
  const int limit = PageLimit(query.page);
  Stmt s(c_, "SELECT " SW_USER_COLUMNS
             "WHERE (?1 = '' OR u.tenant_id = ?1) AND (?2 = '' OR u.tenant_id = ?2) "
             "AND (?3 = '' OR u.id < ?3) ORDER BY u.id DESC LIMIT ?4");
  s.Bind(ScopeParam(scope))
      .Bind(query.tenant ? query.tenant->str() : std::string())
      .Bind(query.page.cursor)
      .Bind(limit + 1);
  return ReadPage<model::User>(s, limit, ReadUser, kIdCursor);
}

Result<model::User> SqliteUsers::Get(const TenantScope& scope, const model::UserId& id) {
  Stmt s(c_, "SELECT " SW_USER_COLUMNS "WHERE u.id = ?1 AND (?2 = '' OR u.tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("user " + id.str() + " not found");
  return ReadUser(s);
}

Result<model::User> SqliteUsers::FindByUsername(const std::string& username) {
  Stmt s(c_, "SELECT " SW_USER_COLUMNS "WHERE u.username = ?1");
  s.Bind(username);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("user not found");
  return ReadUser(s);
}

Status SqliteUsers::Insert(const TenantScope& scope, const model::User& u) {
  if (!scope.Includes(u.tenant_id)) return NotFound("tenant " + u.tenant_id.str() + " not found");
  Stmt s(c_,
         "INSERT INTO users (id, tenant_id, username, display_name, role, disabled, "
         "must_change_password, password_hash, failed_logins, locked_until, created_at, "
         "last_login_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.Bind(u.id.str())
      .Bind(u.tenant_id.str())
      .Bind(u.username)
      .Bind(u.display_name)
      .Bind(model::NameIn(model::kRoleNames, u.role))
      .Bind(u.disabled)
      .Bind(u.must_change_password)
      .Bind(u.password_hash)
      .Bind(u.failed_logins)
      .Bind(u.locked_until)
      .Bind(u.created_at)
      .Bind(u.last_login_at);
  auto r = s.Run();
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kFailedPrecondition) {
      return NotFound("tenant " + u.tenant_id.str() + " not found");
    }
    return MapUnique(r.status());
  }
  return {};
}

Status SqliteUsers::Update(const TenantScope& scope, const model::User& u) {
  Stmt s(c_,
         "UPDATE users SET display_name = ?1, role = ?2, disabled = ?3, must_change_password = ?4, "
         "password_hash = ?5, failed_logins = ?6, locked_until = ?7, last_login_at = ?8 "
         "WHERE id = ?9 AND (?10 = '' OR tenant_id = ?10)");
  s.Bind(u.display_name)
      .Bind(model::NameIn(model::kRoleNames, u.role))
      .Bind(u.disabled)
      .Bind(u.must_change_password)
      .Bind(u.password_hash)
      .Bind(u.failed_logins)
      .Bind(u.locked_until)
      .Bind(u.last_login_at)
      .Bind(u.id.str())
      .Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("user " + u.id.str() + " not found");
  return {};
}

Status SqliteUsers::Delete(const TenantScope& scope, const model::UserId& id) {
  Stmt s(c_, "DELETE FROM users WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("user " + id.str() + " not found");
  return {};
}

Result<int64_t> SqliteUsers::CountEnabled(const model::TenantId& tenant, model::Role role) {
  Stmt s(c_, "SELECT count(*) FROM users WHERE tenant_id = ?1 AND role = ?2 AND disabled = 0");
  s.Bind(tenant.str()).Bind(model::NameIn(model::kRoleNames, role));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

}  // namespace sw::store::backends::sqlite
