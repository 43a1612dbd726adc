// SPDX-License-Identifier: Apache-2.0
//
// AuthService: logging in and out, recognizing a session cookie or an API
// token on each request, and changing one's password. Login is rate limited
// per source address and locks an account for a while after repeated
// failures; every attempt is audited. Session and token secrets are random,
// only their SHA-256 is stored. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "model/user.h"
#include "service/context.h"
#include "service/principal.h"
#include "service/rate_limiter.h"

namespace sw::service {

struct LoginResult {
  std::string session_secret;  // the cookie value, shown to the client once
  std::string csrf_token;
  model::User user;
  Timestamp expires_at;
};

struct SessionInfo {
  Principal principal;
  model::User user;
  std::string csrf_token;  // empty for token-authenticated requests
};

class AuthService {
 public:
  explicit AuthService(ServiceContext& ctx);

  // Unauthenticated on wrong credentials (one message for unknown user and
  // wrong password); ResourceExhausted while rate-limited or locked out.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& source_ip);
  Status Logout(const std::string& session_secret, const Principal& who);

  // Unauthenticated when the secret is unknown, expired, or its user is
  // disabled.
  Result<SessionInfo> AuthenticateSession(const std::string& session_secret,
                                          const std::string& source_ip);
  Result<Principal> AuthenticateToken(const std::string& bearer, const std::string& source_ip);

  // Checks the current password; ends the user's other sessions.
  Status ChangePassword(const Principal& who, const std::string& current,
                        const std::string& next, const std::string& keep_session_secret);

 private:
  ServiceContext& ctx_;
  RateLimiter per_address_;
  std::string dummy_hash_;  // verified against when the user does not exist
};

}  // namespace sw::service
