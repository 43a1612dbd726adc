// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

#define SW_TOKEN_COLUMNS                                                                  \
  "id, tenant_id, name, kind, scopes, prefix, secret_hash, created_by, created_at, "      \
  "expires_at, revoked_at, last_used_at FROM api_tokens "

model::ApiToken ReadToken(const Stmt& s) {
  model::ApiToken t;
  t.id = model::TokenId(s.Text(0));
  t.tenant_id = model::TenantId(s.Text(1));
  t.name = s.Text(2);
  t.kind = model::ParseIn(model::kTokenKindNames, s.Text(3)).value_or(model::TokenKind::kReadOnly);
  auto scopes = ParseJson(s.Text(4));
  if (scopes.ok() && scopes->is_array()) {
    for (const auto& v : scopes->get_array()) {
      if (v.is_string()) t.scopes.emplace_back(v.get_string());
    }
  }
  t.prefix = s.Text(5);
  t.secret_hash = s.Text(6);
  t.created_by = s.Text(7);
  t.created_at = s.Time(8);
  t.expires_at = s.OptTime(9);
  t.revoked_at = s.OptTime(10);
  t.last_used_at = s.OptTime(11);
  return t;
}

}  // namespace

Status SqliteCredentials::InsertSession(const model::Session& x) {
  Stmt s(c_,
         "INSERT INTO sessions (id_hash, user_id, csrf_token, source_ip, created_at, expires_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.Bind(x.id_hash).Bind(x.user_id.str()).Bind(x.csrf_token).Bind(x.source_ip).Bind(x.created_at).Bind(
      x.expires_at);
  return s.Run().status();
}

Result<model::Session> SqliteCredentials::FindSession(const std::string& id_hash) {
  Stmt s(c_,
         "SELECT id_hash, user_id, csrf_token, source_ip, created_at, expires_at FROM sessions "
         "WHERE id_hash = ?1");
  s.Bind(id_hash);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("session not found");
  return model::Session{s.Text(0), model::UserId(s.Text(1)), s.Text(2), s.Text(3), s.Time(4), s.Time(5)};
}

Status SqliteCredentials::DeleteSession(const std::string& id_hash) {
  Stmt s(c_, "DELETE FROM sessions WHERE id_hash = ?1");
  s.Bind(id_hash);
  return s.Run().status();
}

Status SqliteCredentials::DeleteSessionsOfUser(const model::UserId& user,
                                               const std::string& except_id_hash) {
  Stmt s(c_, "DELETE FROM sessions WHERE user_id = ?1 AND id_hash <> ?2");
  s.Bind(user.str()).Bind(except_id_hash);
  return s.Run().status();
}

Status SqliteCredentials::DeleteExpiredSessions(Timestamp now) {
  Stmt s(c_, "DELETE FROM sessions WHERE expires_at <= ?1");
  s.Bind(now);
  return s.Run().status();
}

Status SqliteCredentials::InsertToken(const TenantScope& scope, const model::ApiToken& t) {
  if (!scope.Includes(t.tenant_id)) return NotFound("tenant " + t.tenant_id.str() + " not found");
  json::array scopes;
  for (const auto& sc : t.scopes) scopes.emplace_back(json::string(sc));
  Stmt s(c_,
         "INSERT INTO api_tokens (id, tenant_id, name, kind, scopes, prefix, secret_hash, "
         "created_by, created_at, expires_at, revoked_at, last_used_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.Bind(t.id.str())
      .Bind(t.tenant_id.str())
      .Bind(t.name)
      .Bind(model::NameIn(model::kTokenKindNames, t.kind))
      .Bind(ToJson(scopes))
      .Bind(t.prefix)
      .Bind(t.secret_hash)
      .Bind(t.created_by)
      .Bind(t.created_at)
      .Bind(t.expires_at)
      .Bind(t.revoked_at)
      .Bind(t.last_used_at);
  return s.Run().status();
}

Result<model::ApiToken> SqliteCredentials::FindToken(const std::string& secret_hash) {
  Stmt s(c_, "SELECT " SW_TOKEN_COLUMNS "WHERE secret_hash = ?1");
  s.Bind(secret_hash);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("token not found");
  return ReadToken(s);
}

Result<model::ApiToken> SqliteCredentials::GetToken(const TenantScope& scope,
                                                    const model::TokenId& id) {
  Stmt s(c_, "SELECT " SW_TOKEN_COLUMNS "WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("token " + id.str() + " not found");
  return ReadToken(s);
}

Result<Page<model::ApiToken>> SqliteCredentials::ListTokens(const TenantScope& scope,
                                                            const model::TenantId& tenant,
                                                            const PageRequest& page) {
  const int limit = PageLimit(page);
  Stmt s(c_, "SELECT " SW_TOKEN_COLUMNS
             "WHERE tenant_id = ?1 AND (?2 = '' OR tenant_id = ?2) AND (?3 = '' OR id < ?3) "
             "ORDER BY id DESC LIMIT ?4");
  s.Bind(tenant.str()).Bind(ScopeParam(scope)).Bind(page.cursor).Bind(limit + 1);
  Page<model::ApiToken> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (static_cast<int>(out.items.size()) == limit) {
      out.next_cursor = out.items.back().id.str();
      break;
    }
    out.items.push_back(ReadToken(s));
  }
  return out;
}

Status SqliteCredentials::RevokeToken(const TenantScope& scope, const model::TokenId& id,
                                      Timestamp at) {
  Stmt s(c_,
         "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?1) "
         "WHERE id = ?2 AND (?3 = '' OR tenant_id = ?3)");
  s.Bind(at).Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(int64_t n, s.Run());
  if (n == 0) return NotFound("token " + id.str() + " not found");
  return {};
}

Status SqliteCredentials::TouchToken(const model::TokenId& id, Timestamp at) {
  Stmt s(c_, "UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2");
  s.Bind(at).Bind(id.str());
  return s.Run().status();
}

}  // namespace sw::store::backends::sqlite
