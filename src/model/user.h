// SPDX-License-Identifier: Apache-2.0
//
// User accounts, roles, login sessions and machine API tokens. A user belongs
// to exactly one tenant; center roles work across tenants, tenant roles only
// inside their own. Secrets (password hashes, session and token hashes) live
// in the *Secret/auth fields and are never serialized by ToJson. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/json.h"
#include "core/time.h"
#include "model/enum_names.h"
#include "model/tenant.h"

namespace sw::model {

using UserId = StrongId<struct UserIdTag>;
using TokenId = StrongId<struct TokenIdTag>;

enum class Role { kCenterAdmin, kCenterAnalyst, kTenantAdmin, kTenantMember };
inline constexpr EnumTable<Role, 4> kRoleNames{{{Role::kCenterAdmin, "center_admin"},
                                                {Role::kCenterAnalyst, "center_analyst"},
                                                {Role::kTenantAdmin, "tenant_admin"},
                                                {Role::kTenantMember, "tenant_member"}}};

inline bool IsCenterRole(Role r) { return r == Role::kCenterAdmin || r == Role::kCenterAnalyst; }

struct User {
  UserId id;
  TenantId tenant_id;
  std::string tenant_name;  // derived
  std::string username;
  std::string display_name;
  Role role = Role::kTenantMember;
  bool disabled = false;
  bool must_change_password = false;
  Timestamp created_at;
  std::optional<Timestamp> last_login_at;
  // Authentication state, never serialized.
  std::string password_hash;  // argon2id, libsodium's encoded form
  int failed_logins = 0;
  std::optional<Timestamp> locked_until;
};

// Usernames: 3..64 of [a-z0-9._-@], starting with a letter or digit; lower-cased.
Status ValidateUsername(std::string_view username);

json::object ToJson(const User& u);

struct UserCreate {
  std::string username;
  std::string display_name;
  Role role = Role::kTenantMember;
  std::string password;
};
Result<UserCreate> UserCreateFromJson(const json::value& v);

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> disabled;
};
Result<UserPatch> UserPatchFromJson(const json::value& v);

// A browser login session. The cookie carries a random secret; only its
// SHA-256 is stored.
struct Session {
  std::string id_hash;
  UserId user_id;
  std::string csrf_token;
  std::string source_ip;
  Timestamp created_at;
  Timestamp expires_at;
};

enum class TokenKind { kSensor, kAgent, kWorker, kReadOnly, kIntelExchange };
inline constexpr EnumTable<TokenKind, 5> kTokenKindNames{{{TokenKind::kSensor, "sensor"},
                                                          {TokenKind::kAgent, "agent"},
                                                          {TokenKind::kWorker, "worker"},
                                                          {TokenKind::kReadOnly, "read_only"},
                                                          {TokenKind::kIntelExchange, "intel_exchange"}}};

// The scopes each kind of token carries; fixed per kind so a leaked sensor
// token can never administer anything.
std::vector<std::string> ScopesForTokenKind(TokenKind kind);

struct ApiToken {
  TokenId id;
  TenantId tenant_id;
  std::string name;
  TokenKind kind = TokenKind::kReadOnly;
  std::vector<std::string> scopes;
  std::string prefix;  // first characters of the secret, to recognize it
  std::string secret_hash;
  std::string created_by;
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> revoked_at;
  std::optional<Timestamp> last_used_at;
};

struct TokenCreate {
  std::string name;
  TokenKind kind = TokenKind::kReadOnly;
  std::optional<Timestamp> expires_at;
  // Set only by the platform (never read from a request): an intel_exchange
  // token that acts for this partner organization.
  std::string partner_id;
};
Result<TokenCreate> TokenCreateFromJson(const json::value& v, Timestamp now);

json::object ToJson(const ApiToken& t);

}  // namespace sw::model
