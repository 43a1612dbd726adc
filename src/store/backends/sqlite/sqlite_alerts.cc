// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

#define SW_ALERT_SELECT                                                                            \
  "SELECT id, tenant_id, sensor_token_id, sensor_name, event_id, at, received_at, gid, signature_id, " \
  "rev, signature, category, severity, src_ip, src_port, dest_ip, dest_port, proto, app_proto, event FROM alerts "

Result<model::NetworkAlert> ReadAlert(const Stmt& s) {
  model::NetworkAlert a;
  a.id = model::AlertId(s.Text(0));
  a.tenant_id = model::TenantId(s.Text(1));
  a.sensor_token_id = s.Text(2);
  a.sensor_name = s.Text(3);
  a.event_id = s.Text(4);
  a.timestamp = s.Time(5);
  a.received_at = s.Time(6);
  a.gid = static_cast<uint32_t>(s.Int(7));
  a.signature_id = static_cast<uint32_t>(s.Int(8));
  a.rev = static_cast<uint32_t>(s.Int(9));
  a.signature = s.Text(10);
  a.category = s.Text(11);
  a.severity = s.Int(12);
  a.src_ip = s.Text(13);
  a.src_port = s.Int(14);
  a.dest_ip = s.Text(15);
  a.dest_port = s.Int(16);
  a.proto = s.Text(17);
  a.app_proto = s.Text(18);
  auto v = ParseJson(s.Text(19), {.max_bytes = size_t{16} << 20, .max_depth = 64});
  if (!v.ok() || !v->is_object()) return DataLoss("stored alert " + a.id.str() + ": event is not a JSON object");
  a.event = std::move(v->as_object());
  return a;
}

}  // namespace

Status SqliteAlerts::Insert(const TenantScope& scope, const model::NetworkAlert& a) {
  if (!scope.Includes(a.tenant_id)) return NotFound("tenant " + a.tenant_id.str() + " not found");
  Stmt s(c_,
         "INSERT INTO alerts (id, tenant_id, sensor_token_id, sensor_name, event_id, at, received_at, gid, "
         "signature_id, rev, signature, category, severity, src_ip, src_port, dest_ip, dest_port, proto, "
         "app_proto, event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
         "?18, ?19, ?20)");
  s.Bind(a.id.str())
      .Bind(a.tenant_id.str())
      .Bind(a.sensor_token_id)
      .Bind(a.sensor_name)
      .Bind(a.event_id)
      .Bind(a.timestamp)
      .Bind(a.received_at)
      .Bind(static_cast<int64_t>(a.gid))
      .Bind(static_cast<int64_t>(a.signature_id))
      .Bind(static_cast<int64_t>(a.rev))
      .Bind(a.signature)
      .Bind(a.category)
      .Bind(a.severity)
      .Bind(a.src_ip)
      .Bind(a.src_port)
      .Bind(a.dest_ip)
      .Bind(a.dest_port)
      .Bind(a.proto)
      .Bind(a.app_proto)
      .Bind(ToJson(a.event));
  return s.Run().status();
}

Result<Page<model::NetworkAlert>> SqliteAlerts::List(const TenantScope& scope, const AlertQuery& q) {
  const int limit = PageLimit(q.page);
  Stmt s(c_, SW_ALERT_SELECT
         "WHERE (?1 = '' OR tenant_id = ?1) AND (?2 = '' OR tenant_id = ?2) AND (?3 = 0 OR severity <= ?3) "
         "AND (?4 = '' OR signature LIKE ?5 ESCAPE '\\' OR src_ip = ?4 OR dest_ip = ?4) "
         "AND (?6 = '' OR id < ?6) ORDER BY id DESC LIMIT ?7");
  s.Bind(ScopeParam(scope))
      .Bind(q.tenant ? q.tenant->str() : std::string())
      .Bind(q.max_severity.value_or(0))
      .Bind(q.q)
      .Bind(LikePattern(q.q))
      .Bind(q.page.cursor)
      .Bind(limit + 1);
  return ReadPage<model::NetworkAlert>(s, limit, ReadAlert, kIdCursor);
}

Result<model::NetworkAlert> SqliteAlerts::Get(const TenantScope& scope, const model::AlertId& id) {
  Stmt s(c_, SW_ALERT_SELECT "WHERE id = ?1 AND (?2 = '' OR tenant_id = ?2)");
  s.Bind(id.str()).Bind(ScopeParam(scope));
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("alert " + id.str() + " not found");
  return ReadAlert(s);
}

}  // namespace sw::store::backends::sqlite
