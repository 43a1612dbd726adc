// SPDX-License-Identifier: Apache-2.0
//
// Opening a store by URL. Backends register a descriptor (scheme, summary,
// capabilities, factory) in the list in open.cc; callers never name a
// backend. "sqlite:var/shouwang.db" is the embedded default. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace sw::store {

struct OpenOptions {
  std::string url;                  // "sqlite:PATH"
  bool create = true;               // create an empty database when missing
  std::string synchronous = "FULL";  // SQLite durability level (FULL or NORMAL)
};

struct BackendDescriptor {
  std::string scheme;
  std::string summary;
  StoreCapabilities capabilities;
  Result<std::unique_ptr<Store>> (*open)(const std::string& location, const OpenOptions& options);
};

const std::vector<BackendDescriptor>& Backends();

// Opens and migrates the store at `options.url`. Errors name the file and say
// what to do (a newer schema, a damaged file).
Result<std::unique_ptr<Store>> OpenStore(const OpenOptions& options);

}  // namespace sw::store
