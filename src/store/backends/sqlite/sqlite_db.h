// SPDX-License-Identifier: Apache-2.0
//
// A thin RAII layer over the SQLite C API for the SQLite backend: Connection
// owns one database handle and its prepared-statement cache; Stmt borrows a
// cached statement, binds parameters in order, steps, reads columns, and
// resets it on destruction. SQLite errors become Status values (a UNIQUE
// violation is AlreadyExists, a busy database Unavailable, a damaged file
// DataLoss). Not thread-safe: a Connection is used by one thread at a time
// (the store's pool hands it out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace sw::store::backends::sqlite {

class Connection {
 public:
  // Opens (creating if `create`) the file and sets the pragmas every
  // connection needs: WAL, foreign keys, busy timeout, synchronous level.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create,
                                                  const std::string& synchronous);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results.
  Status Exec(const char* sql);
  // Runs one statement without results through the statement cache; `sql`
  // must be a string literal. For the BEGIN/COMMIT/ROLLBACK of every request.
  Status ExecCached(const char* sql);
  // The cached prepared statement for `sql`.
  Result<sqlite3_stmt*> Prepare(const char* sql);
  sqlite3* handle() { return db_; }
  Status Error(int rc, std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<const char*, sqlite3_stmt*> cache_;  // keyed by the literal's address
};

class Stmt {
 public:
  // `sql` must be a string literal (the cache keys on its address).
  Stmt(Connection& c, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binds the next positional parameter.
  Stmt& Bind(std::string_view v);
  Stmt& Bind(const char* v) { return Bind(std::string_view(v)); }
  Stmt& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Stmt& Bind(int64_t v);
  Stmt& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Stmt& Bind(bool v) { return Bind(static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& Bind(Timestamp t) { return Bind(ToUnixMillis(t)); }
  Stmt& Bind(const std::optional<Timestamp>& t);
  Stmt& Bind(const std::optional<std::string>& v);
  Stmt& BindNull();

  // True when a row is available; false when done.
  Result<bool> Step();
  // Steps to completion; returns the number of rows changed.
  Result<int64_t> Run();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  bool IsNull(int col) const;
  Timestamp Time(int col) const { return FromUnixMillis(Int(col)); }
  std::optional<Timestamp> OptTime(int col) const;

 private:
  Connection& c_;
  sqlite3_stmt* s_ = nullptr;
  Status prepare_status_;
  Status bind_status_;
  int next_ = 1;
};

}  // namespace sw::store::backends::sqlite
