// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <string>

#include "core/json.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

namespace json = boost::json;

// model::CanRead in SQL, for rows of alias `t`. Parameters ?1 (the reader is
// the center: 1/0), ?2 (the reader's organization, '' when anonymous) and ?3
// (a JSON array of the owners whose AMBER the reader gets) come first in
// every statement that uses it.
std::string Visible(const std::string& t) {
  return "(?1 = 1 OR " + t + ".tlp = 'clear' OR (?2 <> '' AND (" + t + ".tlp = 'green' OR " + t +
         ".owner = ?2 OR (" + t + ".tlp = 'amber' AND " + t + ".owner IN (SELECT value FROM json_each(?3))) OR (" +
         t + ".tlp = 'red' AND EXISTS (SELECT 1 FROM json_each(" + t + ".recipients) WHERE value = ?2)))))";
}

std::string StringsToJson(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return ToJson(a);
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  std::vector<std::string> out;
  auto v = ParseJson(text);
  if (!v.ok() || !v->is_array()) return out;
  for (const auto& e : v->get_array()) {
    if (e.is_string()) out.emplace_back(e.get_string());
  }
  return out;
}

void BindReader(Stmt& s, const model::IntelReader& r) {
  s.Bind(r.center).Bind(r.org).Bind(StringsToJson(r.amber_owners));
}

model::Tlp TlpOf(const std::string& name) { return model::ParseIn(model::kTlpNames, name).value_or(model::Tlp::kRed); }

#define SW_OBJECT_COLUMNS \
  "o.seq, o.id, o.type, o.version, o.owner, o.tlp, o.recipients, o.added_at, o.json, o.collection_id"

model::IntelObject ReadObject(const Stmt& s) {
  model::IntelObject o;
  o.seq = s.Int(0);
  o.id = s.Text(1);
  o.type = s.Text(2);
  o.version = s.Text(3);
  o.owner = s.Text(4);
  o.tlp = TlpOf(s.Text(5));
  o.recipients = StringsFromJson(s.Text(6));
  o.added_at = s.Time(7);
  o.json = s.Text(8);
  o.collection = s.Text(9);
  return o;
}

#define SW_INDICATOR_COLUMNS                                                                                 \
  "i.type, i.value, i.source_key, i.owner, i.tlp, i.recipients, i.name, i.confidence, i.source, i.valid_from, " \
  "i.valid_until, i.labels, i.techniques, i.stix_id, i.first_seen, i.last_seen, i.rowid, i.warnings"

model::IndicatorRecord ReadIndicator(const Stmt& s) {
  model::IndicatorRecord r;
  r.indicator.type = model::ParseIn(model::kIndicatorTypeNames, s.Text(0)).value_or(model::IndicatorType::kIpv4);
  r.indicator.value = s.Text(1);
  r.source_key = s.Text(2);
  r.owner = s.Text(3);
  r.indicator.tlp = TlpOf(s.Text(4));
  r.recipients = StringsFromJson(s.Text(5));
  r.indicator.name = s.Text(6);
  r.indicator.confidence = static_cast<int>(s.Int(7));
  r.indicator.source = s.Text(8);
  r.indicator.valid_from = s.OptTime(9);
  r.indicator.valid_until = s.OptTime(10);
  r.indicator.labels = StringsFromJson(s.Text(11));
  r.indicator.attack_techniques = StringsFromJson(s.Text(12));
  r.indicator.stix_id = s.Text(13);
  r.first_seen = s.Time(14);
  r.last_seen = s.Time(15);
  r.seq = s.Int(16);
  r.warnings = StringsFromJson(s.Text(17));
  return r;
}

std::string IndicatorCursor(const model::IndicatorRecord& r) { return std::to_string(r.seq); }

}  // namespace

Result<bool> SqliteIntel::PutObject(model::IntelObject& o) {
  Stmt s(c_,
         "INSERT INTO intel_objects (id, type, version, owner, tlp, recipients, added_at, json, collection_id) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id, version) DO NOTHING RETURNING seq");
  s.Bind(o.id)
      .Bind(o.type)
      .Bind(o.version)
      .Bind(o.owner)
      .Bind(model::NameIn(model::kTlpNames, o.tlp))
      .Bind(StringsToJson(o.recipients))
      .Bind(o.added_at)
      .Bind(o.json)
      .Bind(o.collection);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return false;
  o.seq = s.Int(0);
  return true;
}

Result<std::vector<model::IntelObject>> SqliteIntel::ListObjects(const IntelObjectQuery& q) {
  // Versions: a row is kept when it is asked for by "all", by "last" (no
  // newer visible version in its collection), by "first" (no older one) or
  // by its own version.
  static const std::string kListObjects =
      "SELECT " SW_OBJECT_COLUMNS " FROM intel_objects o WHERE " + Visible("o") +
      " AND o.seq > ?4 AND (?5 = '[]' OR o.id IN (SELECT value FROM json_each(?5))) "
      "AND (?6 = '[]' OR o.type IN (SELECT value FROM json_each(?6))) AND (?7 = '' OR o.collection_id = ?7) "
      "AND (?8 = 0 OR o.added_at > ?9) AND (?10 = 1 "
      "OR (?11 = 1 AND NOT EXISTS (SELECT 1 FROM intel_objects n WHERE n.id = o.id AND n.collection_id = "
      "o.collection_id AND n.version > o.version AND " +
      Visible("n") +
      ")) OR (?12 = 1 AND NOT EXISTS (SELECT 1 FROM intel_objects n WHERE n.id = o.id AND n.collection_id = "
      "o.collection_id AND n.version < o.version AND " +
      Visible("n") + ")) OR o.version IN (SELECT value FROM json_each(?13))) ORDER BY o.seq LIMIT ?14";
  bool all = false, last = q.versions.empty(), first = false;
  std::vector<std::string> specific;
  for (const auto& v : q.versions) {
    if (v == "all") {
      all = true;
    } else if (v == "last") {
      last = true;
    } else if (v == "first") {
      first = true;
    } else {
      specific.push_back(v);
    }
  }
  Stmt s(c_, kListObjects.c_str());
  BindReader(s, q.reader);
  s.Bind(q.after_seq)
      .Bind(StringsToJson(q.ids))
      .Bind(StringsToJson(q.types))
      .Bind(q.collection)
      .Bind(q.added_after.has_value())
      .Bind(q.added_after.value_or(Timestamp{}))
      .Bind(all)
      .Bind(last)
      .Bind(first)
      .Bind(StringsToJson(specific))
      .Bind(q.limit + 1);
  std::vector<model::IntelObject> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadObject(s));
  }
  return out;
}

Result<bool> SqliteIntel::HasObject(const std::string& id) {
  Stmt s(c_, "SELECT 1 FROM intel_objects WHERE id = ?1 LIMIT 1");
  s.Bind(id);
  return s.Step();
}

Result<bool> SqliteIntel::PutIndicator(const model::IndicatorRecord& r) {
  const std::string type(model::NameIn(model::kIndicatorTypeNames, r.indicator.type));
  Stmt seen(c_, "SELECT 1 FROM intel_indicators WHERE type = ?1 AND value = ?2 LIMIT 1");
  seen.Bind(type).Bind(r.indicator.value);
  SW_ASSIGN_OR_RETURN(bool existed, seen.Step());
  const auto& i = r.indicator;
  Stmt s(c_,
         "INSERT INTO intel_indicators (type, value, source_key, owner, tlp, recipients, name, confidence, source, "
         "valid_from, valid_until, labels, techniques, stix_id, first_seen, last_seen, warnings) VALUES (?1, ?2, ?3, ?4, "
         "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT (type, value, source_key) DO UPDATE SET "
         "owner = excluded.owner, tlp = excluded.tlp, recipients = excluded.recipients, name = excluded.name, "
         "confidence = excluded.confidence, source = excluded.source, valid_from = excluded.valid_from, "
         "valid_until = excluded.valid_until, labels = excluded.labels, techniques = excluded.techniques, "
         "stix_id = excluded.stix_id, last_seen = excluded.last_seen, warnings = excluded.warnings");
  s.Bind(type)
      .Bind(i.value)
      .Bind(r.source_key)
      .Bind(r.owner)
      .Bind(model::NameIn(model::kTlpNames, i.tlp))
      .Bind(StringsToJson(r.recipients))
      .Bind(i.name)
      .Bind(i.confidence)
      .Bind(i.source)
      .Bind(i.valid_from)
      .Bind(i.valid_until)
      .Bind(StringsToJson(i.labels))
      .Bind(StringsToJson(i.attack_techniques))
      .Bind(i.stix_id)
      .Bind(r.first_seen)
      .Bind(r.last_seen)
      .Bind(StringsToJson(r.warnings));
  SW_RETURN_IF_ERROR(s.Run().status());
  return !existed;
}

Result<Page<model::IndicatorRecord>> SqliteIntel::ListIndicators(const IndicatorQuery& q) {
  const int limit = PageLimit(q.page);
  int64_t before = 0;  // rowid of the last record of the previous page
  if (!q.page.cursor.empty()) {
    auto [p, ec] = std::from_chars(q.page.cursor.data(), q.page.cursor.data() + q.page.cursor.size(), before);
    if (ec != std::errc() || p != q.page.cursor.data() + q.page.cursor.size() || before <= 0) {
      return InvalidArgument("cursor: not a cursor this list gave out", "cursor");
    }
  }
  static const std::string kListIndicators = "SELECT " SW_INDICATOR_COLUMNS " FROM intel_indicators i WHERE " +
                                             Visible("i") +
                                             " AND (?4 = '' OR i.type = ?4) AND (?5 = '' OR i.value LIKE ?6 ESCAPE "
                                             "'\\' OR i.name LIKE ?6 ESCAPE '\\') AND (?7 = 0 OR i.rowid < ?7) "
                                             "ORDER BY i.rowid DESC LIMIT ?8";
  Stmt s(c_, kListIndicators.c_str());
  BindReader(s, q.reader);
  s.Bind(q.type ? std::string(model::NameIn(model::kIndicatorTypeNames, *q.type)) : std::string())
      .Bind(q.q)
      .Bind(LikePattern(q.q))
      .Bind(before)
      .Bind(limit + 1);
  return ReadPage<model::IndicatorRecord>(s, limit, ReadIndicator, IndicatorCursor);
}

Result<std::vector<model::IndicatorRecord>> SqliteIntel::FindIndicators(const model::IntelReader& reader,
                                                                     model::IndicatorType type,
                                                                     const std::vector<std::string>& values) {
  static const std::string kFindIndicators = "SELECT " SW_INDICATOR_COLUMNS " FROM intel_indicators i WHERE " + Visible("i") +
                 " AND i.type = ?4 AND i.value IN (SELECT value FROM json_each(?5)) ORDER BY i.value, i.source_key";
  Stmt s(c_, kFindIndicators.c_str());
  BindReader(s, reader);
  s.Bind(model::NameIn(model::kIndicatorTypeNames, type)).Bind(StringsToJson(values));
  std::vector<model::IndicatorRecord> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadIndicator(s));
  }
  return out;
}

Status SqliteIntel::ForEachIndicator(const model::IntelReader& reader,
                                     const std::function<void(model::IndicatorRecord&&)>& f) {
  static const std::string kAllIndicators = "SELECT " SW_INDICATOR_COLUMNS " FROM intel_indicators i WHERE " + Visible("i") +
                 " ORDER BY i.type, i.value, i.source_key";
  Stmt s(c_, kAllIndicators.c_str());
  BindReader(s, reader);
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return {};
    f(ReadIndicator(s));
  }
}

Status SqliteIntel::InsertCollection(const model::IntelCollection& c) {
  Stmt s(c_,
         "INSERT INTO intel_collections (id, title, description, readers, writers, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.Bind(c.id).Bind(c.title).Bind(c.description).Bind(StringsToJson(c.readers)).Bind(StringsToJson(c.writers))
      .Bind(c.created_at);
  return s.Run().status();
}

namespace {
model::IntelCollection ReadCollection(const Stmt& s) {
  return {s.Text(0), s.Text(1), s.Text(2), StringsFromJson(s.Text(3)), StringsFromJson(s.Text(4)), s.Time(5)};
}
}  // namespace

Result<std::vector<model::IntelCollection>> SqliteIntel::ListCollections() {
  Stmt s(c_, "SELECT id, title, description, readers, writers, created_at FROM intel_collections ORDER BY created_at, id");
  std::vector<model::IntelCollection> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadCollection(s));
  }
}

Result<model::IntelCollection> SqliteIntel::GetCollection(const std::string& id) {
  Stmt s(c_, "SELECT id, title, description, readers, writers, created_at FROM intel_collections WHERE id = ?1");
  s.Bind(id);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("collection " + id + " not found");
  return ReadCollection(s);
}

Status SqliteIntel::PutStatus(const IntelStatusRecord& r) {
  Stmt s(c_,
         "INSERT INTO intel_statuses (id, owner, created_at, json) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (id) DO UPDATE SET json = excluded.json");
  s.Bind(r.id).Bind(r.owner).Bind(r.created_at).Bind(r.json);
  return s.Run().status();
}

Result<IntelStatusRecord> SqliteIntel::GetStatus(const std::string& id) {
  Stmt s(c_, "SELECT id, owner, created_at, json FROM intel_statuses WHERE id = ?1");
  s.Bind(id);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("status " + id + " not found");
  return IntelStatusRecord{s.Text(0), s.Text(1), s.Time(2), s.Text(3)};
}

namespace {

#define SW_REMOTE_COLUMNS                                                                                    \
  "id, name, api_root, collection_id, authorization, ca_file, owner, default_tlp, interval_seconds, added_after, " \
  "failures, last_poll_at, last_status, next_poll_at, created_at"

model::TaxiiRemote ReadRemote(const Stmt& s) {
  model::TaxiiRemote r;
  r.id = s.Text(0);
  r.name = s.Text(1);
  r.api_root = s.Text(2);
  r.collection_id = s.Text(3);
  r.authorization = s.Text(4);
  r.ca_file = s.Text(5);
  r.owner = s.Text(6);
  r.default_tlp = TlpOf(s.Text(7));
  r.interval_seconds = static_cast<int>(s.Int(8));
  r.added_after = s.Text(9);
  r.failures = static_cast<int>(s.Int(10));
  r.last_poll_at = s.OptTime(11);
  r.last_status = s.Text(12);
  r.next_poll_at = s.Time(13);
  r.created_at = s.Time(14);
  return r;
}

void BindRemote(Stmt& s, const model::TaxiiRemote& r) {
  s.Bind(r.id)
      .Bind(r.name)
      .Bind(r.api_root)
      .Bind(r.collection_id)
      .Bind(r.authorization)
      .Bind(r.ca_file)
      .Bind(r.owner)
      .Bind(model::NameIn(model::kTlpNames, r.default_tlp))
      .Bind(r.interval_seconds)
      .Bind(r.added_after)
      .Bind(r.failures)
      .Bind(r.last_poll_at)
      .Bind(r.last_status)
      .Bind(r.next_poll_at)
      .Bind(r.created_at);
}

Result<std::vector<model::TaxiiRemote>> ReadRemotes(Stmt& s) {
  std::vector<model::TaxiiRemote> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadRemote(s));
  }
}

}  // namespace

Status SqliteIntel::InsertRemote(const model::TaxiiRemote& r) {
  Stmt s(c_, "INSERT INTO intel_taxii_remotes (" SW_REMOTE_COLUMNS
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  BindRemote(s, r);
  Status st = s.Run().status();
  if (st.code() == StatusCode::kAlreadyExists) return AlreadyExists("name: a remote named '" + r.name + "' exists", "name");
  return st;
}

Status SqliteIntel::UpdateRemote(const model::TaxiiRemote& r) {
  Stmt s(c_,
         "UPDATE intel_taxii_remotes SET name = ?2, api_root = ?3, collection_id = ?4, authorization = ?5, "
         "ca_file = ?6, owner = ?7, default_tlp = ?8, interval_seconds = ?9, added_after = ?10, failures = ?11, "
         "last_poll_at = ?12, last_status = ?13, next_poll_at = ?14, created_at = ?15 WHERE id = ?1");
  BindRemote(s, r);
  SW_ASSIGN_OR_RETURN(int64_t changed, s.Run());
  if (changed == 0) return NotFound("remote " + r.id + " not found");
  return {};
}

Result<std::vector<model::TaxiiRemote>> SqliteIntel::ListRemotes() {
  Stmt s(c_, "SELECT " SW_REMOTE_COLUMNS " FROM intel_taxii_remotes ORDER BY name");
  return ReadRemotes(s);
}

Result<model::TaxiiRemote> SqliteIntel::GetRemote(const std::string& id) {
  Stmt s(c_, "SELECT " SW_REMOTE_COLUMNS " FROM intel_taxii_remotes WHERE id = ?1 OR name = ?1");
  s.Bind(id);
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("remote " + id.substr(0, 100) + " not found");
  return ReadRemote(s);
}

Result<std::vector<model::TaxiiRemote>> SqliteIntel::DueRemotes(Timestamp now) {
  Stmt s(c_, "SELECT " SW_REMOTE_COLUMNS " FROM intel_taxii_remotes WHERE next_poll_at <= ?1 ORDER BY next_poll_at");
  s.Bind(now);
  return ReadRemotes(s);
}

Status SqliteIntel::InsertPartner(const model::Partner& p) {
  Stmt s(c_, "INSERT INTO intel_partners (id, name, created_at) VALUES (?1, ?2, ?3)");
  s.Bind(p.id.str()).Bind(p.name).Bind(p.created_at);
  Status st = s.Run().status();
  if (st.code() == StatusCode::kAlreadyExists) return AlreadyExists("name: a partner named '" + p.name + "' exists");
  SW_RETURN_IF_ERROR(st);
  for (const auto& t : p.clients) {
    Stmt c(c_, "INSERT INTO intel_partner_clients (partner_id, tenant_id) VALUES (?1, ?2)");
    c.Bind(p.id.str()).Bind(t.str());
    SW_RETURN_IF_ERROR(c.Run().status().WithContext("clients: " + t.str()));
  }
  return {};
}

Result<std::vector<model::Partner>> SqliteIntel::ListPartners() {
  Stmt s(c_, "SELECT id FROM intel_partners ORDER BY name");
  std::vector<model::Partner> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    SW_ASSIGN_OR_RETURN(model::Partner p, GetPartner(model::PartnerId(s.Text(0))));
    out.push_back(std::move(p));
  }
}

Result<model::Partner> SqliteIntel::GetPartner(const model::PartnerId& id) {
  Stmt s(c_, "SELECT id, name, created_at FROM intel_partners WHERE id = ?1");
  s.Bind(id.str());
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("partner " + id.str() + " not found");
  model::Partner p{model::PartnerId(s.Text(0)), s.Text(1), {}, s.Time(2)};
  Stmt c(c_, "SELECT tenant_id FROM intel_partner_clients WHERE partner_id = ?1 ORDER BY tenant_id");
  c.Bind(id.str());
  while (true) {
    SW_ASSIGN_OR_RETURN(bool more, c.Step());
    if (!more) return p;
    p.clients.emplace_back(c.Text(0));
  }
}

Result<std::vector<model::PartnerId>> SqliteIntel::PartnersServing(const model::TenantId& tenant) {
  Stmt s(c_, "SELECT partner_id FROM intel_partner_clients WHERE tenant_id = ?1 ORDER BY partner_id");
  s.Bind(tenant.str());
  std::vector<model::PartnerId> out;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.emplace_back(s.Text(0));
  }
}

}  // namespace sw::store::backends::sqlite
