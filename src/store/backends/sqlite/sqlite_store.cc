// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_store.h"

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <vector>

#include "store/backends/sqlite/sqlite_db.h"
#include "store/backends/sqlite/sqlite_migrations.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {
namespace {

class SqliteStore;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> c,
                    std::unique_lock<std::mutex> writer_lock)
      : store_(store),
        c_(std::move(c)),
        writer_lock_(std::move(writer_lock)),
        tenants_(*c_),
        users_(*c_),
        credentials_(*c_),
        assets_(*c_),
        authorizations_(*c_),
        audit_(*c_),
        scans_(*c_),
        alerts_(*c_),
        intel_(*c_) {}
  ~SqliteTransaction() override;

  TenantRepository& tenants() override { return tenants_; }
  UserRepository& users() override { return users_; }
  CredentialRepository& credentials() override { return credentials_; }
  AssetRepository& assets() override { return assets_; }
  AuthorizationRepository& authorizations() override { return authorizations_; }
  AuditRepository& audit() override { return audit_; }
  ScanRepository& scans() override { return scans_; }
  AlertRepository& alerts() override { return alerts_; }
  IntelRepository& intel() override { return intel_; }

  Status Commit() override {
    if (done_) return FailedPrecondition("transaction already finished");
    done_ = true;
    Status s = c_->ExecCached("COMMIT");
    if (!s.ok()) (void)c_->ExecCached("ROLLBACK");
    return s;
  }

 private:
  SqliteStore& store_;
  std::unique_ptr<Connection> c_;
  std::unique_lock<std::mutex> writer_lock_;  // held for write transactions
  bool done_ = false;
  SqliteTenants tenants_;
  SqliteUsers users_;
  SqliteCredentials credentials_;
  SqliteAssets assets_;
  SqliteAuthorizations authorizations_;
  SqliteAudit audit_;
  SqliteScans scans_;
  SqliteAlerts alerts_;
  SqliteIntel intel_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(SqliteOptions options, int version) : options_(std::move(options)), version_(version) {}

  Result<std::unique_ptr<Transaction>> Begin(Mode mode) override {
    std::unique_lock<std::mutex> writer;
    if (mode == Mode::kWrite) writer = std::unique_lock<std::mutex>(writer_mu_);
    SW_ASSIGN_OR_RETURN(auto c, Acquire());
    Status s = mode == Mode::kWrite ? c->ExecCached("BEGIN IMMEDIATE") : c->ExecCached("BEGIN");
    if (!s.ok()) {
      Release(std::move(c));
      return s;
    }
    return std::unique_ptr<Transaction>(
        std::make_unique<SqliteTransaction>(*this, std::move(c), std::move(writer)));
  }

  StoreCapabilities capabilities() const override { return {.concurrent_writers = false}; }
  int schema_version() const override { return version_; }

  void Release(std::unique_ptr<Connection> c) {
    std::lock_guard<std::mutex> l(pool_mu_);
    if (static_cast<int>(idle_.size()) < options_.pool_size) idle_.push_back(std::move(c));
  }

  void AddIdle(std::unique_ptr<Connection> c) { idle_.push_back(std::move(c)); }

 private:
  Result<std::unique_ptr<Connection>> Acquire() {
    {
      std::lock_guard<std::mutex> l(pool_mu_);
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return c;
      }
    }
    // Pool exhausted: open another connection; Release() trims back to size.
    return Connection::Open(options_.path, false, options_.synchronous);
  }

  const SqliteOptions options_;
  const int version_;
  std::mutex writer_mu_;  // serializes write transactions of this process
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by pool_mu_
};

SqliteTransaction::~SqliteTransaction() {
  if (!done_) (void)c_->ExecCached("ROLLBACK");
  store_.Release(std::move(c_));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  std::error_code ec;
  if (!options.create && !std::filesystem::exists(options.path, ec)) {
    return NotFound(options.path + ": no such database");
  }
  auto first = Connection::Open(options.path, options.create, options.synchronous);
  if (!first.ok()) {
    const Status& s = first.status();
    if (s.code() == StatusCode::kDataLoss) {
      return DataLoss(options.path + ": not a Shouwang database, or the file is damaged (" +
                      s.message() + "); restore it from a backup or move it away to start afresh");
    }
    return s;
  }
  auto version = ApplyMigrations(**first, options.path);
  if (!version.ok()) {
    if (version.status().code() == StatusCode::kDataLoss) {
      return DataLoss(options.path + ": the database file is damaged (" + version.status().message() +
                      "); restore it from a backup");
    }
    return version.status();
  }
  // Cheap sanity check that the file is ours: the tables of migration 1 exist.
  {
    Stmt s(**first, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tenants'");
    auto row = s.Step();
    if (!row.ok() || !*row || s.Int(0) != 1) {
      return DataLoss(options.path + ": database has a schema version but no Shouwang tables");
    }
  }
  auto store = std::make_unique<SqliteStore>(options, *version);
  store->AddIdle(std::move(*first));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sw::store::backends::sqlite
