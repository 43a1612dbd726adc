// SPDX-License-Identifier: Apache-2.0
//
// ServiceContext: what every use case needs: the store, the clock, and the
// authentication settings. Built once in cmd/ and borrowed by the services;
// it must outlive them. Immutable after construction, so thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

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

struct ServiceContext {
  store::Store& store;
  const Clock& clock;
  AuthSettings auth;
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
