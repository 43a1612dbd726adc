// SPDX-License-Identifier: Apache-2.0
//
// Small cryptographic utilities used across the platform: secure random bytes
// and tokens (libsodium), SHA-256 (OpenSSL), constant-time comparison, and the
// text encodings that carry them (hex, base64url, Crockford base32).
// All functions are thread-safe. InitCrypto() must run once at start-up before
// any other function here (cmd/ does it; tests link a main that does it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw {

// Initializes libsodium. Safe to call more than once. Aborts if the system
// cannot provide secure randomness, since nothing secure can run without it.
void InitCrypto();

void RandomBytes(std::span<uint8_t> out);
// A random token of `bytes` bytes of entropy, base64url without padding.
std::string RandomToken(size_t bytes);

// SHA-256 of `data`, lower-case hex.
std::string Sha256Hex(std::string_view data);
// MD5 as lowercase hex. Not for security: fingerprints that are defined
// with it (JA3, JA3S) and file hashes that feeds publish.
std::string Md5Hex(std::string_view data);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string HexEncode(std::span<const uint8_t> data);
std::string Base64UrlEncode(std::span<const uint8_t> data);
Result<std::vector<uint8_t>> Base64UrlDecode(std::string_view text);

}  // namespace sw
