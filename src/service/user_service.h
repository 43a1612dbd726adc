// SPDX-License-Identifier: Apache-2.0
//
// UserService: user accounts of the center and of each enterprise, and the
// API tokens machines use. Center admins manage everyone; an enterprise admin
// manages the accounts and tokens of its own enterprise. Roles must fit the
// tenant (center roles only in the center). Nobody can disable, demote or
// delete themselves, and the last enabled center admin cannot be removed.
// A token's secret is returned once by CreateToken and stored only hashed.
// Thread-safe.
#pragma once

#include <string>

#include "model/page.h"
#include "model/user.h"
#include "service/context.h"
#include "service/principal.h"

namespace sw::service {

struct CreatedToken {
  model::ApiToken token;
  std::string secret;
};

class UserService {
 public:
  explicit UserService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<model::Page<model::User>> List(const Principal& who, const model::TenantId& tenant,
                                        const model::PageRequest& page);
  // `must_change_password`: the user must pick a new password at first login
  // (true when an administrator chose it).
  Result<model::User> Create(const Principal& who, const model::TenantId& tenant,
                             const model::UserCreate& in, bool must_change_password = true);
  Result<model::User> Update(const Principal& who, const model::UserId& id,
                             const model::UserPatch& patch);
  Status Delete(const Principal& who, const model::UserId& id);

  Result<model::Page<model::ApiToken>> ListTokens(const Principal& who,
                                                  const model::TenantId& tenant,
                                                  const model::PageRequest& page);
  Result<CreatedToken> CreateToken(const Principal& who, const model::TenantId& tenant,
                                   const model::TokenCreate& in);
  Status RevokeToken(const Principal& who, const model::TokenId& id);

 private:
  ServiceContext& ctx_;
};

}  // namespace sw::service
