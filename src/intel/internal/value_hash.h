// SPDX-License-Identifier: Apache-2.0
//
// The 64-bit hash of the intel matcher's keys (a type tag plus the value's
// bytes). Written here rather than taken from a library so that the engine
// adds no dependency; it follows the multiply-fold idea of wyhash/mum-hash:
// a 64x64->128-bit product folded back to 64 bits mixes every input bit into
// both halves, so the matcher may take the slot from the high bits and the
// fingerprint from the low bits. Not a cryptographic hash: a feed crafted to
// collide slows lookups down, it cannot make them wrong (keys are verified).
// Pure, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sw::intel::internal {

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);  // memcpy, not a cast: keys sit at any alignment
  return v;
}

inline uint64_t Load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The two halves of a*b xor-ed together.
inline uint64_t Fold(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline constexpr uint64_t kK0 = 0x9E3779B97F4A7C15ull;
inline constexpr uint64_t kK1 = 0xC2B2AE3D27D4EB4Full;
inline constexpr uint64_t kK2 = 0x165667B19E3779F9ull;
inline constexpr uint64_t kK3 = 0xD6E8FEB86659FD93ull;

inline uint64_t HashBytes(uint64_t tag, const uint8_t* p, size_t n) {
  // Tag and length go in first, so "md5:x" and "ja3:x", or a value and its
  // zero-padded prefix, start from different states.
  uint64_t h = Fold(tag ^ kK0, static_cast<uint64_t>(n) ^ kK1);
  while (n > 16) {
    h = Fold(Load64(p) ^ kK2, Load64(p + 8) ^ kK3 ^ h);
    p += 16;
    n -= 16;
  }
  uint64_t a = 0, b = 0;
  if (n >= 8) {  // 8..16 bytes: two words that may overlap
    a = Load64(p);
    b = Load64(p + n - 8);
  } else if (n >= 4) {
    a = Load32(p);
    b = Load32(p + n - 4);
  } else if (n > 0) {
    a = (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
  }
  h = Fold(a ^ kK2 ^ h, b ^ kK3);
  return Fold(h ^ kK1, kK0);  // final avalanche
}

// An IPv4 address (or any 32-bit key) alone.
inline uint64_t Hash32(uint32_t v) { return Fold((uint64_t{v} << 32 | v) ^ kK2, kK3); }

}  // namespace sw::intel::internal
