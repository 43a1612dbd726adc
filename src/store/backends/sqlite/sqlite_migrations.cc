// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_migrations.h"

#include <array>

namespace sw::store::backends::sqlite {
namespace {

// Times are INTEGER milliseconds since the Unix epoch (UTC). Audit events have
// no foreign key to tenants: a deleted tenant's audit trail stays.
constexpr std::array<const char*, 6> kMigrations = {
    R"sql(
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('center', 'enterprise')),
  name TEXT NOT NULL UNIQUE,
  credit_code TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  contacts TEXT NOT NULL DEFAULT '[]',
  service_level TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX tenants_credit_code ON tenants (credit_code) WHERE credit_code <> '';

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  last_login_at INTEGER
) STRICT;
CREATE INDEX users_tenant ON users (tenant_id, id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  source_ip TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  scopes TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
) STRICT;
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, id);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  criticality TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (tenant_id, value)
) STRICT;
CREATE INDEX assets_tenant ON assets (tenant_id, id);

CREATE TABLE scan_authorizations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
  note TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at INTEGER,
  evidence_note TEXT NOT NULL DEFAULT '',
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  revoked_by TEXT NOT NULL DEFAULT '',
  revoked_at INTEGER,
  reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX scan_authorizations_asset ON scan_authorizations (asset_id, id);
CREATE INDEX scan_authorizations_status ON scan_authorizations (status, id);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  actor_id TEXT NOT NULL DEFAULT '',
  actor_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  source_ip TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id);
CREATE INDEX audit_events_action ON audit_events (action, id);
)sql",
    // 2: scanning. Policies are the center's and kept as JSON (their fields
    // grow with the engines); a run keeps a copy of its policy. Runs outlive
    // their schedule (history), so schedule_id has no foreign key.
    R"sql(
CREATE TABLE scan_policies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE scan_schedules (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  policy_id TEXT NOT NULL REFERENCES scan_policies (id),
  cron TEXT NOT NULL DEFAULT '',
  run_window TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  next_run_at INTEGER,
  created_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (tenant_id, name)
) STRICT;
CREATE INDEX scan_schedules_tenant ON scan_schedules (tenant_id, id);
CREATE INDEX scan_schedules_due ON scan_schedules (next_run_at) WHERE enabled = 1;
CREATE INDEX scan_schedules_policy ON scan_schedules (policy_id);

CREATE TABLE scan_schedule_assets (
  schedule_id TEXT NOT NULL REFERENCES scan_schedules (id) ON DELETE CASCADE,
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, asset_id)
) STRICT;
CREATE INDEX scan_schedule_assets_asset ON scan_schedule_assets (asset_id);

CREATE TABLE scan_runs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  schedule_id TEXT NOT NULL,
  schedule_name TEXT NOT NULL,
  triggered_by TEXT NOT NULL,
  requested_by TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  phase TEXT NOT NULL DEFAULT 'queued',
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  percent INTEGER NOT NULL DEFAULT 0,
  targets TEXT NOT NULL DEFAULT '[]',
  policy TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}',
  previous_run_id TEXT,
  error TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  worker TEXT NOT NULL DEFAULT '',
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
) STRICT;
CREATE INDEX scan_runs_tenant ON scan_runs (tenant_id, id);
CREATE INDEX scan_runs_schedule ON scan_runs (schedule_id, id);
CREATE INDEX scan_runs_status ON scan_runs (status, id);

CREATE TABLE scan_observations (
  run_id TEXT NOT NULL REFERENCES scan_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT;
CREATE TABLE scan_findings (
  run_id TEXT NOT NULL REFERENCES scan_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT;
CREATE TABLE scan_changes (
  run_id TEXT NOT NULL REFERENCES scan_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT;
)sql",
    // 3: alerts from sensors. (sensor token, event id) is unique: a batch
    // re-sent after a lost answer is stored once.
    R"sql(
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  sensor_token_id TEXT NOT NULL,
  sensor_name TEXT NOT NULL DEFAULT '',
  event_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  gid INTEGER NOT NULL,
  signature_id INTEGER NOT NULL,
  rev INTEGER NOT NULL,
  signature TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  severity INTEGER NOT NULL,
  src_ip TEXT NOT NULL DEFAULT '',
  src_port INTEGER NOT NULL DEFAULT 0,
  dest_ip TEXT NOT NULL DEFAULT '',
  dest_port INTEGER NOT NULL DEFAULT 0,
  proto TEXT NOT NULL DEFAULT '',
  app_proto TEXT NOT NULL DEFAULT '',
  event TEXT NOT NULL,
  UNIQUE (sensor_token_id, event_id)
) STRICT;
CREATE INDEX alerts_tenant ON alerts (tenant_id, id);
)sql",
    // 4: threat intelligence. STIX objects are kept as received, one row per
    // version; indicator records are one per (value, source). Owners and
    // recipients are organization keys (model/intel.h); recipients is a JSON
    // array so that TLP reads can test it with json_each.
    R"sql(
CREATE TABLE intel_partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE intel_partner_clients (
  partner_id TEXT NOT NULL REFERENCES intel_partners (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  PRIMARY KEY (partner_id, tenant_id)
) STRICT;
CREATE INDEX intel_partner_clients_tenant ON intel_partner_clients (tenant_id);
CREATE TABLE intel_objects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  version TEXT NOT NULL,
  owner TEXT NOT NULL,
  tlp TEXT NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]',
  added_at INTEGER NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (id, version)
) STRICT;
CREATE INDEX intel_objects_type ON intel_objects (type, seq);
CREATE TABLE intel_indicators (
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  source_key TEXT NOT NULL,
  owner TEXT NOT NULL,
  tlp TEXT NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]',
  name TEXT NOT NULL DEFAULT '',
  confidence INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  valid_from INTEGER,
  valid_until INTEGER,
  labels TEXT NOT NULL DEFAULT '[]',
  techniques TEXT NOT NULL DEFAULT '[]',
  stix_id TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (type, value, source_key)
) STRICT;
CREATE INDEX intel_indicators_value ON intel_indicators (value);
)sql",
    // 5: TAXII collections and POST statuses; every object belongs to a
    // collection (those stored before go to the shared one, whose row the
    // bootstrap creates); indicator records remember the warning lists that
    // hold their value.
    R"sql(
CREATE TABLE intel_collections (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  readers TEXT NOT NULL DEFAULT '[]',
  writers TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE intel_statuses (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  json TEXT NOT NULL
) STRICT;
ALTER TABLE intel_objects ADD COLUMN collection_id TEXT NOT NULL DEFAULT '';
UPDATE intel_objects SET collection_id = '4c8f6b2e-1d3a-4e57-9b0c-7a2d5e8f1c36';
CREATE INDEX intel_objects_collection ON intel_objects (collection_id, seq);
CREATE INDEX intel_objects_id ON intel_objects (id, version);
ALTER TABLE intel_indicators ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
)sql",
    // 6: remote TAXII collections the platform polls.
    R"sql(
CREATE TABLE intel_taxii_remotes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  api_root TEXT NOT NULL,
  collection_id TEXT NOT NULL,
  authorization TEXT NOT NULL DEFAULT '',
  ca_file TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL,
  default_tlp TEXT NOT NULL,
  interval_seconds INTEGER NOT NULL,
  added_after TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0,
  last_poll_at INTEGER,
  last_status TEXT NOT NULL DEFAULT '',
  next_poll_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX intel_taxii_remotes_due ON intel_taxii_remotes (next_poll_at);
)sql",
};

Result<int> UserVersion(Connection& c) {
  Stmt s(c, "PRAGMA user_version");
  SW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Internal("PRAGMA user_version returned no row");
  return static_cast<int>(s.Int(0));
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Result<int> ApplyMigrations(Connection& c, const std::string& path) {
  SW_ASSIGN_OR_RETURN(int version, UserVersion(c));
  if (version > LatestSchemaVersion()) {
    return FailedPrecondition(path + ": database schema version " + std::to_string(version) +
                              " is newer than this program supports (" +
                              std::to_string(LatestSchemaVersion()) +
                              "); upgrade shouwang or restore a matching backup");
  }
  while (version < LatestSchemaVersion()) {
    SW_RETURN_IF_ERROR(c.Exec("BEGIN EXCLUSIVE"));
    // Re-read under the lock: another process may have migrated meanwhile.
    auto current = UserVersion(c);
    if (!current.ok()) {
      (void)c.Exec("ROLLBACK");
      return current.status();
    }
    if (*current != version) {
      (void)c.Exec("ROLLBACK");
      version = *current;
      continue;
    }
    Status s = c.Exec(kMigrations[static_cast<size_t>(version)]);
    const std::string bump = "PRAGMA user_version=" + std::to_string(version + 1);
    if (s.ok()) s = c.Exec(bump.c_str());
    if (s.ok()) s = c.Exec("COMMIT");
    if (!s.ok()) {
      (void)c.Exec("ROLLBACK");
      return s.WithContext(path + ": migration " + std::to_string(version + 1));
    }
    ++version;
  }
  return version;
}

}  // namespace sw::store::backends::sqlite
