// SPDX-License-Identifier: Apache-2.0
//
// Password hashing with argon2id (libsodium's crypto_pwhash_str: salt and
// parameters are encoded in the hash string), and the password policy.
// Thread-safe. Hashing is deliberately slow and memory-hard: never call it
// while holding a database write lock.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "service/context.h"

namespace sw::service {

Result<std::string> HashPassword(std::string_view password, const AuthSettings& s);
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when `hash` was made with other parameters than `s` (upgrade at login).
bool NeedsRehash(std::string_view hash, const AuthSettings& s);

// 10..1024 bytes, not the username, not all one character.
Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field = "password");

// A random password that satisfies the policy (first start, resets).
std::string GeneratePassword();

}  // namespace sw::service
