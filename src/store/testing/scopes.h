// SPDX-License-Identifier: Apache-2.0
//
// Scopes for storage tests only. Production code gets scopes from
// sw::service::ScopeIssuer; tools/check_layering.py rejects this header in
// any file that is not a test.
#pragma once

#include "store/tenant_scope.h"

namespace sw::store::testing {

class TestScopes {
 public:
  static TenantScope All() { return TenantScope::All({}); }
  static TenantScope One(model::TenantId t) { return TenantScope::One(std::move(t), {}); }
};

}  // namespace sw::store::testing
