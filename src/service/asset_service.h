// SPDX-License-Identifier: Apache-2.0
//
// AssetService: an enterprise's assets and their scan authorizations. An
// enterprise (or the center on its behalf) registers assets and requests an
// authorization for a period; only a center admin approves or rejects it,
// with an evidence note; the enterprise or the center may revoke it at any
// time. Every change is audited. Thread-safe.
#pragma once

#include "model/asset.h"
#include "model/authorization.h"
#include "model/page.h"
#include "service/context.h"
#include "service/principal.h"
#include "store/store.h"

namespace sw::service {

class AssetService {
 public:
  explicit AssetService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<model::Page<model::Asset>> List(const Principal& who, const store::AssetQuery& q);
  Result<model::Asset> Get(const Principal& who, const model::AssetId& id);
  Result<model::Asset> Create(const Principal& who, const model::TenantId& tenant,
                              const model::AssetPatch& patch);
  Result<model::Asset> Update(const Principal& who, const model::AssetId& id,
                              const model::AssetPatch& patch);
  Status Delete(const Principal& who, const model::AssetId& id);

  Result<model::Page<model::ScanAuthorization>> ListAuthorizations(
      const Principal& who, const store::AuthorizationQuery& q);
  Result<model::ScanAuthorization> GetAuthorization(const Principal& who,
                                                    const model::AuthorizationId& id);
  Result<model::ScanAuthorization> RequestAuthorization(const Principal& who,
                                                        const model::AssetId& asset,
                                                        const model::AuthorizationRequest& req);
  // FailedPrecondition unless pending. `evidence_note` is required.
  Result<model::ScanAuthorization> Approve(const Principal& who, const model::AuthorizationId& id,
                                           const std::string& evidence_note);
  Result<model::ScanAuthorization> Reject(const Principal& who, const model::AuthorizationId& id,
                                          const std::string& reason);
  // FailedPrecondition unless pending or approved.
  Result<model::ScanAuthorization> Revoke(const Principal& who, const model::AuthorizationId& id,
                                          const std::string& reason);

 private:
  Result<model::ScanAuthorization> Decide(const Principal& who, const model::AuthorizationId& id,
                                          const std::string& action, const std::string& text);
  ServiceContext& ctx_;
};

}  // namespace sw::service
