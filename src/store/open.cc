// SPDX-License-Identifier: Apache-2.0
#include "store/open.h"

#include "store/backends/sqlite/sqlite_store.h"

namespace sw::store {
namespace {

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& location, const OpenOptions& options) {
  backends::sqlite::SqliteOptions o;
  o.path = location;
  o.create = options.create;
  o.synchronous = options.synchronous;
  return backends::sqlite::OpenSqliteStore(o);
}

}  // namespace

const std::vector<BackendDescriptor>& Backends() {
  static const std::vector<BackendDescriptor> kBackends = {
      {"sqlite", "embedded SQLite database file (WAL), the single-machine default",
       {.concurrent_writers = false}, &OpenSqlite},
  };
  return kBackends;
}

Result<std::unique_ptr<Store>> OpenStore(const OpenOptions& options) {
  const size_t colon = options.url.find(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgument("store.url: expected SCHEME:LOCATION, e.g. sqlite:var/shouwang.db",
                           "store.url");
  }
  const std::string scheme = options.url.substr(0, colon);
  for (const auto& b : Backends()) {
    if (b.scheme == scheme) return b.open(options.url.substr(colon + 1), options);
  }
  return InvalidArgument("store.url: unknown storage backend \"" + scheme + "\"", "store.url");
}

}  // namespace sw::store
