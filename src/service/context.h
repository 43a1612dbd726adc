// SPDX-License-Identifier: Apache-2.0
//
// ServiceContext: what every use case needs: the store, the clock, and the
// authentication settings. Built once in cmd/ and borrowed by the services;
// it must outlive them. Immutable after construction, so thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/time.h"
#include "store/store.h"

namespace sw::service {

struct AuthSettings {
  std::chrono::minutes session_ttl{12 * 60};
  int max_failed_logins = 5;  // consecutive failures before a lockout
  std::chrono::minutes lockout{15};
  int login_attempts_per_minute = 20;  // per source address
  // argon2id cost; libsodium's "interactive" level by default.
  uint64_t argon2_opslimit = 2;
  size_t argon2_memlimit_bytes = size_t{64} << 20;
};

struct ScanSettings {
  std::string probes_file = "/usr/share/nmap/nmap-service-probes";
  std::string services_file = "/usr/share/nmap/nmap-services";
  std::chrono::minutes utc_offset{8 * 60};  // cron and windows: China Standard Time
  int workers = 1;                          // runs at once in this process
  std::chrono::seconds lease{30};           // a run whose worker is silent this long failed
  std::chrono::milliseconds poll{1000};     // how often workers look for work
};

struct IntelSettings {
  // MISP warning lists (lists/*/list.json); empty: none. Values on them are
  // flagged on import and never become alerts.
  std::string warninglists_dir;
};

struct ServiceContext {
  store::Store& store;
  const Clock& clock;
  AuthSettings auth;
  ScanSettings scan;
  IntelSettings intel;
};

// Runs `f(tx)` in a write transaction and commits when it succeeds. `f`
// returns a Status or a Result<T>.
template <typename F>
auto InWriteTransaction(store::Store& store, F&& f) -> decltype(f(std::declval<store::Transaction&>())) {
  auto tx = store.Begin(store::Store::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  auto result = f(**tx);
  if (!result.ok()) return result;
  Status c = (*tx)->Commit();
  if (!c.ok()) return c;
  return result;
}

}  // namespace sw::service
