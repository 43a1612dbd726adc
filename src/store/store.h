// SPDX-License-Identifier: Apache-2.0
//
// Store: the platform's persistent state behind backend-neutral interfaces.
// Work happens in a Transaction (a unit of work): begin one, call its
// repositories, Commit(); a transaction destroyed without Commit() rolls
// back. A write transaction's changes and the audit event recording them are
// therefore atomic. Reads of tenant-owned data take a TenantScope and never
// return rows outside it (an object outside the scope is NotFound, exactly as
// if it did not exist).
//
// Thread-safety: Store is thread-safe; a Transaction belongs to one thread at
// a time. Backends: see store/open.h.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "model/alert.h"
#include "model/asset.h"
#include "model/audit.h"
#include "model/authorization.h"
#include "model/finding.h"
#include "model/intel.h"
#include "model/observation.h"
#include "model/page.h"
#include "model/scan.h"
#include "model/tenant.h"
#include "model/user.h"
#include "store/tenant_scope.h"

namespace sw::store {

using model::Page;
using model::PageRequest;

struct TenantQuery {
  std::string q;  // substring of name or credit code
  PageRequest page;
};

class TenantRepository {
 public:
  virtual ~TenantRepository() = default;
  // Newest first.
  virtual Result<Page<model::Tenant>> List(const TenantScope& scope, const TenantQuery& query) = 0;
  virtual Result<model::Tenant> Get(const TenantScope& scope, const model::TenantId& id) = 0;
  // AlreadyExists naming the field when the name or credit code is taken.
  // REQUIRES: scope.is_all() (only the center creates tenants).
  virtual Status Insert(const TenantScope& scope, const model::Tenant& t) = 0;
  virtual Status Update(const TenantScope& scope, const model::Tenant& t) = 0;
  // Deletes the tenant and everything it owns except its audit trail.
  virtual Status Delete(const TenantScope& scope, const model::TenantId& id) = 0;
};

struct UserQuery {
  std::optional<model::TenantId> tenant;
  PageRequest page;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<Page<model::User>> List(const TenantScope& scope, const UserQuery& query) = 0;
  virtual Result<model::User> Get(const TenantScope& scope, const model::UserId& id) = 0;
  // Authentication looks a user up before any scope is known.
  virtual Result<model::User> FindByUsername(const std::string& username) = 0;
  virtual Status Insert(const TenantScope& scope, const model::User& u) = 0;
  // Writes every field, including the authentication state.
  virtual Status Update(const TenantScope& scope, const model::User& u) = 0;
  virtual Status Delete(const TenantScope& scope, const model::UserId& id) = 0;
  // Number of enabled users with `role` in `tenant`, to protect the last admin.
  virtual Result<int64_t> CountEnabled(const model::TenantId& tenant, model::Role role) = 0;
};

// Sessions and tokens are found by the hash of a secret presented by a
// client, before the client's tenant is known; these calls are unscoped and
// used only by authentication.
class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;
  virtual Status InsertSession(const model::Session& s) = 0;
  virtual Result<model::Session> FindSession(const std::string& id_hash) = 0;
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  // Ends every session of `user` but the one with `except_id_hash` (may be empty).
  virtual Status DeleteSessionsOfUser(const model::UserId& user, const std::string& except_id_hash) = 0;
  virtual Status DeleteExpiredSessions(Timestamp now) = 0;

  virtual Status InsertToken(const TenantScope& scope, const model::ApiToken& t) = 0;
  virtual Result<model::ApiToken> FindToken(const std::string& secret_hash) = 0;
  virtual Result<model::ApiToken> GetToken(const TenantScope& scope, const model::TokenId& id) = 0;
  virtual Result<Page<model::ApiToken>> ListTokens(const TenantScope& scope,
                                                   const model::TenantId& tenant,
                                                   const PageRequest& page) = 0;
  virtual Status RevokeToken(const TenantScope& scope, const model::TokenId& id, Timestamp at) = 0;
  virtual Status TouchToken(const model::TokenId& id, Timestamp at) = 0;
};

struct AssetQuery {
  model::TenantId tenant;
  std::string q;
  PageRequest page;
};

class AssetRepository {
 public:
  virtual ~AssetRepository() = default;
  // Newest first, each with its authorization summary as of `now`.
  virtual Result<Page<model::Asset>> List(const TenantScope& scope, const AssetQuery& query,
                                          Timestamp now) = 0;
  virtual Result<model::Asset> Get(const TenantScope& scope, const model::AssetId& id,
                                   Timestamp now) = 0;
  // AlreadyExists (field "value") when the tenant already has this value.
  virtual Status Insert(const TenantScope& scope, const model::Asset& a) = 0;
  virtual Status Update(const TenantScope& scope, const model::Asset& a) = 0;
  virtual Status Delete(const TenantScope& scope, const model::AssetId& id) = 0;
  // Assets of `tenant` that have an authorization in force at `now`.
  virtual Result<std::vector<model::Asset>> ListAuthorized(const TenantScope& scope,
                                                           const model::TenantId& tenant,
                                                           Timestamp now) = 0;
  // The address assets (ipv4, ipv6, cidr) of every tenant in `scope`: the
  // map from networks to enterprises for sensors the center runs.
  virtual Result<std::vector<model::Asset>> ListAddressAssets(const TenantScope& scope, Timestamp now) = 0;
};

struct AuthorizationQuery {
  std::optional<model::TenantId> tenant;
  std::optional<model::AssetId> asset;
  std::optional<model::AuthorizationStatus> status;  // stored status
  PageRequest page;
};

class AuthorizationRepository {
 public:
  virtual ~AuthorizationRepository() = default;
  virtual Result<Page<model::ScanAuthorization>> List(const TenantScope& scope,
                                                      const AuthorizationQuery& query) = 0;
  virtual Result<model::ScanAuthorization> Get(const TenantScope& scope,
                                               const model::AuthorizationId& id) = 0;
  virtual Status Insert(const TenantScope& scope, const model::ScanAuthorization& a) = 0;
  virtual Status Update(const TenantScope& scope, const model::ScanAuthorization& a) = 0;
  // Authorizations of `asset` in force at `now` (usually zero or one).
  virtual Result<std::vector<model::ScanAuthorization>> InForce(const TenantScope& scope,
                                                                const model::AssetId& asset,
                                                                Timestamp now) = 0;
};

struct AuditQuery {
  std::optional<model::TenantId> tenant;
  std::string actor;   // actor name, exact
  std::string action;  // exact, or a prefix ending in '.' ("tenant.")
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  PageRequest page;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Assigns e.id.
  virtual Status Append(model::AuditEvent& e) = 0;
  // Newest first.
  virtual Result<Page<model::AuditEvent>> List(const TenantScope& scope, const AuditQuery& query) = 0;
};

struct ScanRunQuery {
  std::optional<model::TenantId> tenant;
  std::optional<model::ScanScheduleId> schedule;
  PageRequest page;
};

// Scan policies (center-wide, no tenant), schedules, runs and their results.
class ScanRepository {
 public:
  virtual ~ScanRepository() = default;
  // By name.
  virtual Result<Page<model::ScanPolicy>> ListPolicies(const PageRequest& page) = 0;
  virtual Result<model::ScanPolicy> GetPolicy(const model::ScanPolicyId& id) = 0;
  // AlreadyExists (field "name") when the name is taken.
  virtual Status InsertPolicy(const model::ScanPolicy& p) = 0;
  virtual Status UpdatePolicy(const model::ScanPolicy& p) = 0;
  // FailedPrecondition while a schedule uses it.
  virtual Status DeletePolicy(const model::ScanPolicyId& id) = 0;

  // Newest first; each with its policy name, asset values and last run.
  virtual Result<Page<model::ScanSchedule>> ListSchedules(const TenantScope& scope,
                                                          const model::TenantId& tenant,
                                                          const PageRequest& page) = 0;
  virtual Result<model::ScanSchedule> GetSchedule(const TenantScope& scope,
                                                  const model::ScanScheduleId& id) = 0;
  // NotFound when an asset is not the tenant's; AlreadyExists (field "name").
  virtual Status InsertSchedule(const TenantScope& scope, const model::ScanSchedule& s) = 0;
  virtual Status UpdateSchedule(const TenantScope& scope, const model::ScanSchedule& s) = 0;
  virtual Status DeleteSchedule(const TenantScope& scope, const model::ScanScheduleId& id) = 0;
  // Enabled schedules of every tenant whose next_run_at <= now, oldest due first.
  virtual Result<std::vector<model::ScanSchedule>> DueSchedules(Timestamp now, int limit) = 0;

  // Newest first.
  virtual Result<Page<model::ScanRun>> ListRuns(const TenantScope& scope, const ScanRunQuery& q) = 0;
  virtual Result<model::ScanRun> GetRun(const TenantScope& scope, const model::ScanRunId& id) = 0;
  virtual Status InsertRun(const TenantScope& scope, const model::ScanRun& r) = 0;
  // Writes everything that changes while a run lives (status, progress,
  // summary, error, cancel flag, lease, times, previous run).
  virtual Status UpdateRun(const TenantScope& scope, const model::ScanRun& r) = 0;
  // Claims the oldest queued run of any tenant for `worker` until
  // `lease_until` (status running); nullopt when none is queued.
  virtual Result<std::optional<model::ScanRun>> LeaseNextRun(const std::string& worker, Timestamp now,
                                                             Timestamp lease_until) = 0;
  // Running runs whose lease ended before `now`: their worker is gone.
  virtual Result<std::vector<model::ScanRun>> ExpiredRuns(Timestamp now) = 0;
  // The newest succeeded run of `schedule` older than `before`.
  virtual Result<std::optional<model::ScanRun>> PreviousSucceededRun(const TenantScope& scope,
                                                                     const model::ScanScheduleId& schedule,
                                                                     const model::ScanRunId& before) = 0;
  // A queued or running run of `schedule`, if any.
  virtual Result<std::optional<model::ScanRunId>> ActiveRun(const TenantScope& scope,
                                                            const model::ScanScheduleId& schedule) = 0;

  // Stores a finished run's results (once per run).
  virtual Status InsertResults(const TenantScope& scope, const model::ScanRunId& run,
                               const std::vector<model::Observation>& open,
                               const std::vector<model::Finding>& findings,
                               const std::vector<model::ScanChange>& changes) = 0;
  // In stored order (the order given to InsertResults).
  virtual Result<std::vector<model::Observation>> ListObservations(const TenantScope& scope,
                                                                   const model::ScanRunId& run) = 0;
  virtual Result<std::vector<model::Finding>> ListFindings(const TenantScope& scope,
                                                           const model::ScanRunId& run) = 0;
  virtual Result<std::vector<model::ScanChange>> ListChanges(const TenantScope& scope,
                                                             const model::ScanRunId& run) = 0;
};

struct AlertQuery {
  std::optional<model::TenantId> tenant;
  std::optional<int64_t> max_severity;  // 1 = only the most severe
  std::string q;                        // substring of the signature, or an exact IP address
  PageRequest page;
};

// Alerts reported by sensors.
class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  // AlreadyExists when the sensor already reported this event id.
  virtual Status Insert(const TenantScope& scope, const model::NetworkAlert& a) = 0;
  // Newest first (by arrival).
  virtual Result<Page<model::NetworkAlert>> List(const TenantScope& scope, const AlertQuery& q) = 0;
  virtual Result<model::NetworkAlert> Get(const TenantScope& scope, const model::AlertId& id) = 0;
};

struct IntelObjectQuery {
  model::IntelReader reader;
  std::string collection;  // "" for every collection
  int64_t after_seq = 0;   // only objects stored after this one (paging)
  std::optional<Timestamp> added_after;  // only objects stored later (TAXII added_after)
  std::vector<std::string> ids, types;
  // TAXII match[version]: "last", "first", "all" or versions (timestamps);
  // any of them. Empty means "last".
  std::vector<std::string> versions;
  int limit = 100;
};

// The outcome of a TAXII POST of objects, kept to answer GET .../status/{id}.
struct IntelStatusRecord {
  std::string id;
  std::string owner;  // the organization that posted; only it (and the center) may read it
  Timestamp created_at;
  std::string json;  // the TAXII status resource
};

struct IndicatorQuery {
  model::IntelReader reader;
  std::optional<model::IndicatorType> type;
  std::string q;  // substring of the value or the name
  PageRequest page;
};

// Threat intelligence: STIX objects as received (every version), the
// indicator records derived from them, and the partner organizations. Every
// read takes the reader and returns only what TLP lets it see
// (model/intel.h); what it may not see is absent, as if it did not exist.
class IntelRepository {
 public:
  virtual ~IntelRepository() = default;
  // Stores one version; sets o.seq. False when (id, version) was already
  // stored: nothing changes then.
  virtual Result<bool> PutObject(model::IntelObject& o) = 0;
  // In storage order (seq), at most q.limit + 1 so the caller can tell
  // whether more follow.
  virtual Result<std::vector<model::IntelObject>> ListObjects(const IntelObjectQuery& q) = 0;
  // Any version of `id` is stored, visible or not (for deduplication).
  virtual Result<bool> HasObject(const std::string& id) = 0;

  // Inserts or replaces the record with the same (type, value, source_key),
  // keeping its first_seen. True when no source had this (type, value)
  // before.
  virtual Result<bool> PutIndicator(const model::IndicatorRecord& r) = 0;
  // Newest first (by when the record was first stored).
  virtual Result<Page<model::IndicatorRecord>> ListIndicators(const IndicatorQuery& q) = 0;
  // Every visible source of these exact values (normalized), by source key.
  virtual Result<std::vector<model::IndicatorRecord>> FindIndicators(const model::IntelReader& reader,
                                                                     model::IndicatorType type,
                                                                     const std::vector<std::string>& values) = 0;
  // Streams every visible record (matcher builds, exports).
  virtual Status ForEachIndicator(const model::IntelReader& reader,
                                  const std::function<void(model::IndicatorRecord&&)>& f) = 0;

  virtual Status InsertCollection(const model::IntelCollection& c) = 0;
  virtual Result<std::vector<model::IntelCollection>> ListCollections() = 0;
  virtual Result<model::IntelCollection> GetCollection(const std::string& id) = 0;
  virtual Status PutStatus(const IntelStatusRecord& s) = 0;
  virtual Result<IntelStatusRecord> GetStatus(const std::string& id) = 0;

  // AlreadyExists (field "name") when the name is taken.
  virtual Status InsertRemote(const model::TaxiiRemote& r) = 0;
  virtual Status UpdateRemote(const model::TaxiiRemote& r) = 0;
  virtual Result<std::vector<model::TaxiiRemote>> ListRemotes() = 0;
  virtual Result<model::TaxiiRemote> GetRemote(const std::string& id) = 0;
  // Remotes whose next poll is due at `now`, soonest first.
  virtual Result<std::vector<model::TaxiiRemote>> DueRemotes(Timestamp now) = 0;

  // AlreadyExists (field "name") when the name is taken.
  virtual Status InsertPartner(const model::Partner& p) = 0;
  virtual Result<std::vector<model::Partner>> ListPartners() = 0;
  virtual Result<model::Partner> GetPartner(const model::PartnerId& id) = 0;
  // The partners that count `tenant` among their clients.
  virtual Result<std::vector<model::PartnerId>> PartnersServing(const model::TenantId& tenant) = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual TenantRepository& tenants() = 0;
  virtual UserRepository& users() = 0;
  virtual CredentialRepository& credentials() = 0;
  virtual AssetRepository& assets() = 0;
  virtual AuthorizationRepository& authorizations() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ScanRepository& scans() = 0;
  virtual AlertRepository& alerts() = 0;
  virtual IntelRepository& intel() = 0;
  // Makes the changes durable. After Commit() returns OK the write survives a
  // crash of the process.
  virtual Status Commit() = 0;
};

struct StoreCapabilities {
  bool concurrent_writers = false;  // SQLite serializes writers; PostgreSQL does not
};

class Store {
 public:
  virtual ~Store() = default;
  enum class Mode { kRead, kWrite };
  // A read transaction sees one consistent snapshot. Write transactions may
  // wait for each other.
  virtual Result<std::unique_ptr<Transaction>> Begin(Mode mode) = 0;
  virtual StoreCapabilities capabilities() const = 0;
  // The schema version of the opened database.
  virtual int schema_version() const = 0;
};

}  // namespace sw::store
