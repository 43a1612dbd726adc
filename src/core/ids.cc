// SPDX-License-Identifier: Apache-2.0
#include "core/ids.h"

#include <array>
#include <cstdint>

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

}  // namespace sw
