// SPDX-License-Identifier: Apache-2.0
//
// TenantScope: the set of tenants a storage call may read or change: one
// tenant, or all tenants (center roles). Every repository method on
// tenant-owned data takes one. Only service/ can mint a scope (after it has
// authorized the caller), because the constructor needs a Key that only
// sw::service::ScopeIssuer can make; store tests use store/testing/scopes.h,
// which tools/check_layering.py forbids outside *_test.cc files. Plain value.
#pragma once

#include <optional>

#include "model/tenant.h"

namespace sw::service {
class ScopeIssuer;
}  // namespace sw::service

namespace sw::store {

namespace testing {
class TestScopes;
}  // namespace testing

class TenantScope {
 public:
  class Key {
    friend class sw::service::ScopeIssuer;
    friend class sw::store::testing::TestScopes;
    Key() = default;
  };

  static TenantScope All(Key) { return TenantScope(std::nullopt); }
  static TenantScope One(model::TenantId tenant, Key) { return TenantScope(std::move(tenant)); }

  bool is_all() const { return !tenant_.has_value(); }
  // REQUIRES: !is_all().
  const model::TenantId& tenant() const { return *tenant_; }
  bool Includes(const model::TenantId& t) const { return is_all() || *tenant_ == t; }

 private:
  explicit TenantScope(std::optional<model::TenantId> t) : tenant_(std::move(t)) {}
  std::optional<model::TenantId> tenant_;
};

}  // namespace sw::store
