// SPDX-License-Identifier: Apache-2.0
//
// The SQLite schema as numbered, forward-only migrations. The database's
// PRAGMA user_version is the number of the last migration applied.
// ApplyMigrations runs the missing ones, each in its own exclusive
// transaction, and refuses a database whose version is newer than this
// program knows. Not thread-safe: run once at open, before the pool is used.
#pragma once

#include "core/status.h"
#include "store/backends/sqlite/sqlite_db.h"

namespace sw::store::backends::sqlite {

// The schema version this program writes.
int LatestSchemaVersion();

// Returns the version after migrating.
Result<int> ApplyMigrations(Connection& c, const std::string& path);

}  // namespace sw::store::backends::sqlite
