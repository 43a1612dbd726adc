// SPDX-License-Identifier: Apache-2.0
#include "store/backends/sqlite/sqlite_db.h"

#include <string>

namespace sw::store::backends::sqlite {

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create,
                                                     const std::string& synchronous) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string m = path + ": cannot open database: " +
                    (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Unavailable(std::move(m));
  }
  std::unique_ptr<Connection> c(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  // journal_mode is the first statement that reads the file, so a file that is
  // not a database (or is damaged) is detected here.
  SW_RETURN_IF_ERROR(c->Exec("PRAGMA journal_mode=WAL"));
  SW_RETURN_IF_ERROR(c->Exec("PRAGMA foreign_keys=ON"));
  const std::string sync = "PRAGMA synchronous=" + synchronous;
  SW_RETURN_IF_ERROR(c->Exec(sync.c_str()));
  return c;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Error(int rc, std::string_view what) const {
  std::string m(what);
  m += ": ";
  m += sqlite3_errmsg(db_);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: {
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return AlreadyExists(sqlite3_errmsg(db_));
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return FailedPrecondition(std::move(m));
      return InvalidArgument(std::move(m));
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(std::move(m));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(std::move(m));
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Unavailable(std::move(m));
    default:
      return Internal(std::move(m));
  }
}

Status Connection::Exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Error(rc, "sqlite");
  return {};
}

Status Connection::ExecCached(const char* sql) {
  SW_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepare(sql));
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(rc, "sqlite");
  return {};
}

Result<sqlite3_stmt*> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "prepare");
  cache_.emplace(sql, s);
  return s;
}

Stmt::Stmt(Connection& c, const char* sql) : c_(c) {
  auto r = c.Prepare(sql);
  if (r.ok()) {
    s_ = *r;
  } else {
    prepare_status_ = r.status();
  }
}

Stmt::~Stmt() {
  if (s_ != nullptr) {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
}

Stmt& Stmt::Bind(std::string_view v) {
  if (s_ != nullptr && bind_status_.ok()) {
    const int rc = sqlite3_bind_text(s_, next_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) bind_status_ = c_.Error(rc, "bind");
  }
  ++next_;
  return *this;
}

Stmt& Stmt::Bind(int64_t v) {
  if (s_ != nullptr && bind_status_.ok()) {
    const int rc = sqlite3_bind_int64(s_, next_, v);
    if (rc != SQLITE_OK) bind_status_ = c_.Error(rc, "bind");
  }
  ++next_;
  return *this;
}

Stmt& Stmt::BindNull() {
  if (s_ != nullptr && bind_status_.ok()) sqlite3_bind_null(s_, next_);
  ++next_;
  return *this;
}

Stmt& Stmt::Bind(const std::optional<Timestamp>& t) { return t ? Bind(*t) : BindNull(); }
Stmt& Stmt::Bind(const std::optional<std::string>& v) { return v ? Bind(*v) : BindNull(); }

Result<bool> Stmt::Step() {
  if (!prepare_status_.ok()) return prepare_status_;
  if (!bind_status_.ok()) return bind_status_;
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return c_.Error(rc, "step");
}

Result<int64_t> Stmt::Run() {
  while (true) {
    SW_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  return static_cast<int64_t>(sqlite3_changes(c_.handle()));
}

std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(s_, col))};
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

std::optional<Timestamp> Stmt::OptTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

}  // namespace sw::store::backends::sqlite
