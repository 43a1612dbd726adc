// SPDX-License-Identifier: Apache-2.0
#include "service/passwords.h"

#include <sodium.h>

#include <algorithm>

#include "core/crypto.h"

namespace sw::service {

Result<std::string> HashPassword(std::string_view password, const AuthSettings& s) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), s.argon2_opslimit,
                            s.argon2_memlimit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  std::copy(hash.begin(), hash.end(), buf);
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, const AuthSettings& s) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  char buf[crypto_pwhash_STRBYTES] = {};
  std::copy(hash.begin(), hash.end(), buf);
  return crypto_pwhash_str_needs_rehash(buf, s.argon2_opslimit, s.argon2_memlimit_bytes) != 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field) {
  const std::string f(field);
  if (password.size() < 10) return InvalidArgument(f + ": at least 10 characters", f);
  if (password.size() > 1024) return InvalidArgument(f + ": at most 1024 characters", f);
  if (password == username) return InvalidArgument(f + ": must differ from the username", f);
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return InvalidArgument(f + ": must not repeat one character", f);
  }
  return {};
}

std::string GeneratePassword() {
  // 15 random bytes = 20 base64url characters, 120 bits of entropy.
  return RandomToken(15);
}

}  // namespace sw::service
