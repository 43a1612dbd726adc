// SPDX-License-Identifier: Apache-2.0
//
// First-start set-up of a platform database: the center's own tenant, and, if
// no center admin exists yet, an "admin" account with a random one-time
// password that must be changed at first login. The password is returned so
// the caller can print it once; it is never logged. Idempotent.
#pragma once

#include <string>

#include "service/context.h"

namespace sw::service {

struct BootstrapResult {
  bool created_admin = false;
  std::string admin_username;
  std::string admin_password;  // only when created_admin
};

// `create_admin`: false when the operator will add the first admin by hand
// (`shouwang admin user add`).
Result<BootstrapResult> Bootstrap(ServiceContext& ctx, bool create_admin);

}  // namespace sw::service
