// SPDX-License-Identifier: Apache-2.0
//
// TenantService: onboarding and maintaining enterprises. Center admins create,
// edit and delete them; an enterprise's own admin may edit its profile
// (contacts, industry, district). Every change is audited with before/after.
// Tenant users see only their own tenant; another tenant is NotFound.
// Thread-safe.
#pragma once

#include "model/page.h"
#include "model/tenant.h"
#include "service/context.h"
#include "service/principal.h"
#include "store/store.h"

namespace sw::service {

class TenantService {
 public:
  explicit TenantService(ServiceContext& ctx) : ctx_(ctx) {}
  Result<model::Page<model::Tenant>> List(const Principal& who, const store::TenantQuery& q);
  Result<model::Tenant> Get(const Principal& who, const model::TenantId& id);
  Result<model::Tenant> Create(const Principal& who, const model::TenantPatch& patch);
  Result<model::Tenant> Update(const Principal& who, const model::TenantId& id,
                               const model::TenantPatch& patch);
  Status Delete(const Principal& who, const model::TenantId& id);

 private:
  ServiceContext& ctx_;
};

}  // namespace sw::service
