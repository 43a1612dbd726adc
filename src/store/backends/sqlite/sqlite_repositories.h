// SPDX-License-Identifier: Apache-2.0
//
// The SQLite implementations of the repository interfaces. Each borrows the
// transaction's Connection, which must outlive it. Not thread-safe (one
// transaction, one thread). Private to the backend.
#pragma once

#include <type_traits>

#include "store/backends/sqlite/sqlite_db.h"
#include "store/store.h"

namespace sw::store::backends::sqlite {

// "" for the all-tenants scope, else the tenant id: SQL tests `?N = ''`.
inline std::string ScopeParam(const TenantScope& scope) {
  return scope.is_all() ? std::string() : scope.tenant().str();
}

// A LIKE pattern matching `q` as a substring, with % _ \ escaped; "" stays "".
std::string LikePattern(const std::string& q);

// Clamps a page request's limit to [1, kMaxPageLimit].
int PageLimit(const PageRequest& p);

// Reads one page from `s`, a query that asked for limit + 1 rows: up to
// `limit` items made by `read(s)` (which returns T or Result<T>), and, when
// the extra row exists, the next cursor as `cursor_of(last item)`.
template <typename T, typename Read, typename CursorOf>
Result<Page<T>> ReadPage(Stmt& s, int limit, Read&& read, CursorOf&& cursor_of) {
  Page<T> page;
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = cursor_of(page.items.back());
      break;
    }
    if constexpr (std::is_same_v<std::invoke_result_t<Read, Stmt&>, T>) {
      page.items.push_back(read(s));
    } else {
      SW_ASSIGN_OR_RETURN(T item, read(s));
      page.items.push_back(std::move(item));
    }
  }
  return page;
}

// The cursor of the usual pages: the last item's id.
inline constexpr auto kIdCursor = [](const auto& item) { return item.id.str(); };

class SqliteTenants final : public TenantRepository {
 public:
  explicit SqliteTenants(Connection& c) : c_(c) {}
  Result<Page<model::Tenant>> List(const TenantScope& scope, const TenantQuery& query) override;
  Result<model::Tenant> Get(const TenantScope& scope, const model::TenantId& id) override;
  Status Insert(const TenantScope& scope, const model::Tenant& t) override;
  Status Update(const TenantScope& scope, const model::Tenant& t) override;
  Status Delete(const TenantScope& scope, const model::TenantId& id) override;

 private:
  Connection& c_;
};

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(Connection& c) : c_(c) {}
  Result<Page<model::User>> List(const TenantScope& scope, const UserQuery& query) override;
  Result<model::User> Get(const TenantScope& scope, const model::UserId& id) override;
  Result<model::User> FindByUsername(const std::string& username) override;
  Status Insert(const TenantScope& scope, const model::User& u) override;
  Status Update(const TenantScope& scope, const model::User& u) override;
  Status Delete(const TenantScope& scope, const model::UserId& id) override;
  Result<int64_t> CountEnabled(const model::TenantId& tenant, model::Role role) override;

 private:
  Connection& c_;
};

class SqliteCredentials final : public CredentialRepository {
 public:
  explicit SqliteCredentials(Connection& c) : c_(c) {}
  Status InsertSession(const model::Session& s) override;
  Result<model::Session> FindSession(const std::string& id_hash) override;
  Status DeleteSession(const std::string& id_hash) override;
  Status DeleteSessionsOfUser(const model::UserId& user, const std::string& except_id_hash) override;
  Status DeleteExpiredSessions(Timestamp now) override;
  Status InsertToken(const TenantScope& scope, const model::ApiToken& t) override;
  Result<model::ApiToken> FindToken(const std::string& secret_hash) override;
  Result<model::ApiToken> GetToken(const TenantScope& scope, const model::TokenId& id) override;
  Result<Page<model::ApiToken>> ListTokens(const TenantScope& scope, const model::TenantId& tenant,
                                           const PageRequest& page) override;
  Status RevokeToken(const TenantScope& scope, const model::TokenId& id, Timestamp at) override;
  Status TouchToken(const model::TokenId& id, Timestamp at) override;

 private:
  Connection& c_;
};

class SqliteAssets final : public AssetRepository {
 public:
  explicit SqliteAssets(Connection& c) : c_(c) {}
  Result<Page<model::Asset>> List(const TenantScope& scope, const AssetQuery& query,
                                  Timestamp now) override;
  Result<model::Asset> Get(const TenantScope& scope, const model::AssetId& id,
                           Timestamp now) override;
  Status Insert(const TenantScope& scope, const model::Asset& a) override;
  Status Update(const TenantScope& scope, const model::Asset& a) override;
  Status Delete(const TenantScope& scope, const model::AssetId& id) override;
  Result<std::vector<model::Asset>> ListAuthorized(const TenantScope& scope,
                                                   const model::TenantId& tenant,
                                                   Timestamp now) override;
  Result<std::vector<model::Asset>> ListAddressAssets(const TenantScope& scope, Timestamp now) override;

 private:
  Connection& c_;
};

class SqliteAuthorizations final : public AuthorizationRepository {
 public:
  explicit SqliteAuthorizations(Connection& c) : c_(c) {}
  Result<Page<model::ScanAuthorization>> List(const TenantScope& scope,
                                              const AuthorizationQuery& query) override;
  Result<model::ScanAuthorization> Get(const TenantScope& scope,
                                       const model::AuthorizationId& id) override;
  Status Insert(const TenantScope& scope, const model::ScanAuthorization& a) override;
  Status Update(const TenantScope& scope, const model::ScanAuthorization& a) override;
  Result<std::vector<model::ScanAuthorization>> InForce(const TenantScope& scope,
                                                        const model::AssetId& asset,
                                                        Timestamp now) override;

 private:
  Connection& c_;
};

class SqliteAudit final : public AuditRepository {
 public:
  explicit SqliteAudit(Connection& c) : c_(c) {}
  Status Append(model::AuditEvent& e) override;
  Result<Page<model::AuditEvent>> List(const TenantScope& scope, const AuditQuery& query) override;

 private:
  Connection& c_;
};

class SqliteScans final : public ScanRepository {
 public:
  explicit SqliteScans(Connection& c) : c_(c) {}
  Result<Page<model::ScanPolicy>> ListPolicies(const PageRequest& page) override;
  Result<model::ScanPolicy> GetPolicy(const model::ScanPolicyId& id) override;
  Status InsertPolicy(const model::ScanPolicy& p) override;
  Status UpdatePolicy(const model::ScanPolicy& p) override;
  Status DeletePolicy(const model::ScanPolicyId& id) override;
  Result<Page<model::ScanSchedule>> ListSchedules(const TenantScope& scope, const model::TenantId& tenant,
                                                  const PageRequest& page) override;
  Result<model::ScanSchedule> GetSchedule(const TenantScope& scope, const model::ScanScheduleId& id) override;
  Status InsertSchedule(const TenantScope& scope, const model::ScanSchedule& s) override;
  Status UpdateSchedule(const TenantScope& scope, const model::ScanSchedule& s) override;
  Status DeleteSchedule(const TenantScope& scope, const model::ScanScheduleId& id) override;
  Result<std::vector<model::ScanSchedule>> DueSchedules(Timestamp now, int limit) override;
  Result<Page<model::ScanRun>> ListRuns(const TenantScope& scope, const ScanRunQuery& q) override;
  Result<model::ScanRun> GetRun(const TenantScope& scope, const model::ScanRunId& id) override;
  Status InsertRun(const TenantScope& scope, const model::ScanRun& r) override;
  Status UpdateRun(const TenantScope& scope, const model::ScanRun& r) override;
  Result<std::optional<model::ScanRun>> LeaseNextRun(const std::string& worker, Timestamp now,
                                                     Timestamp lease_until) override;
  Result<std::vector<model::ScanRun>> ExpiredRuns(Timestamp now) override;
  Result<std::optional<model::ScanRun>> PreviousSucceededRun(const TenantScope& scope,
                                                             const model::ScanScheduleId& schedule,
                                                             const model::ScanRunId& before) override;
  Result<std::optional<model::ScanRunId>> ActiveRun(const TenantScope& scope,
                                                    const model::ScanScheduleId& schedule) override;
  Status InsertResults(const TenantScope& scope, const model::ScanRunId& run,
                       const std::vector<model::Observation>& open,
                       const std::vector<model::Finding>& findings,
                       const std::vector<model::ScanChange>& changes) override;
  Result<std::vector<model::Observation>> ListObservations(const TenantScope& scope,
                                                           const model::ScanRunId& run) override;
  Result<std::vector<model::Finding>> ListFindings(const TenantScope& scope,
                                                   const model::ScanRunId& run) override;
  Result<std::vector<model::ScanChange>> ListChanges(const TenantScope& scope,
                                                     const model::ScanRunId& run) override;

 private:
  Status LoadScheduleDetails(model::ScanSchedule& s);
  Connection& c_;
};

class SqliteAlerts final : public AlertRepository {
 public:
  explicit SqliteAlerts(Connection& c) : c_(c) {}
  Status Insert(const TenantScope& scope, const model::NetworkAlert& a) override;
  Result<Page<model::NetworkAlert>> List(const TenantScope& scope, const AlertQuery& q) override;
  Result<model::NetworkAlert> Get(const TenantScope& scope, const model::AlertId& id) override;

 private:
  Connection& c_;
};

class SqliteIntel final : public IntelRepository {
 public:
  explicit SqliteIntel(Connection& c) : c_(c) {}
  Result<bool> PutObject(model::IntelObject& o) override;
  Result<std::vector<model::IntelObject>> ListObjects(const IntelObjectQuery& q) override;
  Result<bool> HasObject(const std::string& id) override;
  Result<bool> PutIndicator(const model::IndicatorRecord& r) override;
  Result<Page<model::IndicatorRecord>> ListIndicators(const IndicatorQuery& q) override;
  Result<std::vector<model::IndicatorRecord>> FindIndicators(const model::IntelReader& reader,
                                                             model::IndicatorType type,
                                                             const std::vector<std::string>& values) override;
  Status ForEachIndicator(const model::IntelReader& reader,
                          const std::function<void(model::IndicatorRecord&&)>& f) override;
  Status InsertCollection(const model::IntelCollection& c) override;
  Result<std::vector<model::IntelCollection>> ListCollections() override;
  Result<model::IntelCollection> GetCollection(const std::string& id) override;
  Status PutStatus(const IntelStatusRecord& s) override;
  Result<IntelStatusRecord> GetStatus(const std::string& id) override;
  Status InsertRemote(const model::TaxiiRemote& r) override;
  Status UpdateRemote(const model::TaxiiRemote& r) override;
  Result<std::vector<model::TaxiiRemote>> ListRemotes() override;
  Result<model::TaxiiRemote> GetRemote(const std::string& id) override;
  Result<std::vector<model::TaxiiRemote>> DueRemotes(Timestamp now) override;
  Status InsertPartner(const model::Partner& p) override;
  Result<std::vector<model::Partner>> ListPartners() override;
  Result<model::Partner> GetPartner(const model::PartnerId& id) override;
  Result<std::vector<model::PartnerId>> PartnersServing(const model::TenantId& tenant) override;

 private:
  Connection& c_;
};

}  // namespace sw::store::backends::sqlite
