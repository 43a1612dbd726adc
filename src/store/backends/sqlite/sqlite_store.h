// SPDX-License-Identifier: Apache-2.0
//
// SqliteStore: the embedded default backend. One database file in WAL mode
// with foreign keys on, a small pool of connections (WAL lets readers run
// beside the single writer), and an in-process writer lock so write
// transactions queue instead of spinning on SQLITE_BUSY. Other processes
// (`shouwang admin` beside a running server) are handled by SQLite's busy
// timeout. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace sw::store::backends::sqlite {

struct SqliteOptions {
  std::string path;
  bool create = true;
  // FULL makes every commit durable against power loss; NORMAL only against a
  // crash of the process (WAL keeps committed pages).
  std::string synchronous = "FULL";
  int pool_size = 8;
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace sw::store::backends::sqlite
