// SPDX-License-Identifier: Apache-2.0
//
// Principal: who is asking, as established by authentication: a logged-in
// user (with a role) or an API token (with fixed scopes), plus the source
// address for the audit log. Plain value, built per request.
#pragma once

#include <string>
#include <vector>

#include "model/tenant.h"
#include "model/user.h"

namespace sw::service {

struct Principal {
  enum class Kind { kUser, kToken, kSystem };
  Kind kind = Kind::kUser;
  std::string id;    // user id, token id, or "system"
  std::string name;  // username, "token:NAME", or "system"
  model::TenantId tenant_id;
  // Tokens act with the read-only role of their tenant's side (center_analyst
  // or tenant_member), narrowed further by their scopes.
  model::Role role = model::Role::kTenantMember;
  std::vector<std::string> scopes;  // tokens only
  std::string source_ip;
  // A user who must pick a new password may do nothing else until then.
  bool must_change_password = false;

  bool is_center() const { return model::IsCenterRole(role); }
  bool HasScope(std::string_view scope) const;

  // The principal used by command-line administration and first-start
  // bootstrap: a center admin acting from the local machine.
  static Principal System();
};

}  // namespace sw::service
