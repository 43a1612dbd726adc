// SPDX-License-Identifier: Apache-2.0
#include <charconv>

#include "core/json.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {

Status SqliteAudit::Append(model::AuditEvent& e) {
  Stmt s(c_,
         "INSERT INTO audit_events (at, tenant_id, actor_id, actor_name, action, object_type, "
         "object_id, source_ip, outcome, before, after) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.Bind(e.at)
      .Bind(e.tenant_id.str())
      .Bind(e.actor_id)
      .Bind(e.actor_name)
      .Bind(e.action)
      .Bind(e.object_type)
      .Bind(e.object_id)
      .Bind(e.source_ip)
      .Bind(model::NameIn(model::kAuditOutcomeNames, e.outcome))
      .Bind(e.before ? std::optional<std::string>(ToJson(*e.before)) : std::nullopt)
      .Bind(e.after ? std::optional<std::string>(ToJson(*e.after)) : std::nullopt);
  SW_RETURN_IF_ERROR(s.Run().status());
  e.id = sqlite3_last_insert_rowid(c_.handle());
  return {};
}

Result<Page<model::AuditEvent>> SqliteAudit::List(const TenantScope& scope, const AuditQuery& q) {
  const int limit = PageLimit(q.page);
  int64_t cursor = 0;
  if (!q.page.cursor.empty()) {
    auto [end, ec] =
        std::from_chars(q.page.cursor.data(), q.page.cursor.data() + q.page.cursor.size(), cursor);
    if (ec != std::errc() || end != q.page.cursor.data() + q.page.cursor.size() || cursor <= 0) {
      return InvalidArgument("cursor: not a cursor of this list", "cursor");
    }
  }
  // An action ending in '.' is a prefix ("tenant." matches tenant.create, ...).
  std::string action_like;
  if (!q.action.empty() && q.action.back() == '.') action_like = LikePattern(q.action).substr(1);
  Stmt s(c_,
         "SELECT id, at, tenant_id, actor_id, actor_name, action, object_type, object_id, "
         "source_ip, outcome, before, after FROM audit_events "
         "WHERE (?1 = '' OR tenant_id = ?1) AND (?2 = '' OR tenant_id = ?2) "
         "AND (?3 = '' OR actor_name = ?3) "
         "AND (?4 = '' OR action = ?4 OR (?5 <> '' AND action LIKE ?5 ESCAPE '\\')) "
         "AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7) "
         "AND (?8 = 0 OR id < ?8) ORDER BY id DESC LIMIT ?9");
  s.Bind(ScopeParam(scope))
      .Bind(q.tenant ? q.tenant->str() : std::string())
      .Bind(q.actor)
      .Bind(q.action)
      .Bind(action_like)
      .Bind(q.since)
      .Bind(q.until)
      .Bind(cursor)
      .Bind(limit + 1);
  Page<model::AuditEvent> page;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = std::to_string(page.items.back().id);
      break;
    }
    model::AuditEvent e;
    e.id = s.Int(0);
    e.at = s.Time(1);
    e.tenant_id = model::TenantId(s.Text(2));
    e.actor_id = s.Text(3);
    e.actor_name = s.Text(4);
    e.action = s.Text(5);
    e.object_type = s.Text(6);
    e.object_id = s.Text(7);
    e.source_ip = s.Text(8);
    e.outcome = model::ParseIn(model::kAuditOutcomeNames, s.Text(9)).value_or(model::AuditOutcome::kFailed);
    if (!s.IsNull(10)) {
      auto v = ParseJson(s.Text(10));
      if (v.ok()) e.before = std::move(*v);
    }
    if (!s.IsNull(11)) {
      auto v = ParseJson(s.Text(11));
      if (v.ok()) e.after = std::move(*v);
    }
    page.items.push_back(std::move(e));
  }
  return page;
}

}  // namespace sw::store::backends::sqlite
