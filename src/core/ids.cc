// SPDX-License-Identifier: Apache-2.0
#include "core/ids.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include <openssl/evp.h>

#include "core/crypto.h"

namespace sw {

std::string NewUlid(Timestamp now) {
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const uint64_t ms = static_cast<uint64_t>(ToUnixMillis(now)) & ((uint64_t{1} << 48) - 1);
  std::array<uint8_t, 10> rnd{};
  RandomBytes(rnd);
  std::string out(26, '0');
  // 10 characters of time (50 bits, top 2 zero), 16 characters of randomness.
  for (int i = 9; i >= 0; --i) out[static_cast<size_t>(9 - i)] = kCrockford[(ms >> (i * 5)) & 31];
  uint32_t acc = 0;
  int bits = 0;
  size_t pos = 10;
  for (uint8_t b : rnd) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out[pos++] = kCrockford[(acc >> bits) & 31];
    }
  }
  return out;
}

bool IsPlausibleId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {

std::string UuidText(const std::array<uint8_t, 16>& b) {
  const std::string hex = HexEncode(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string NewUuid4() {
  std::array<uint8_t, 16> b{};
  RandomBytes(b);
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  return UuidText(b);
}

std::string Uuid5(std::string_view namespace_uuid, std::string_view name) {
  std::string input;
  input.reserve(16 + name.size());
  for (size_t i = 0; i + 1 < namespace_uuid.size(); ++i) {
    if (namespace_uuid[i] == '-') continue;
    input.push_back(static_cast<char>(HexDigit(namespace_uuid[i]) << 4 | HexDigit(namespace_uuid[i + 1])));
    ++i;
  }
  input.append(name);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), md, &len, EVP_sha1(), nullptr);
  std::array<uint8_t, 16> b{};
  std::copy_n(md, 16, b.begin());
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x50);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  return UuidText(b);
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : HexDigit(text[i]) < 0) return false;
  }
  return true;
}

}  // namespace sw
