// SPDX-License-Identifier: Apache-2.0
//
// The matcher's key for a value: the bytes it is stored and looked up by.
// IPv4 4 bytes (network order), IPv6 16, a network its address plus one
// byte of prefix length, md5/ja3/sha1/sha256 their 16/20/32 binary bytes,
// domains and e-mail lower case, URLs as given. Build and lookups encode
// through the same function, so they always agree. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/indicator.h"

namespace sw::intel::internal {

inline constexpr size_t kKeyBuffer = 272;  // a domain (253) fits in place

struct Key {
  model::IndicatorType type;  // may differ from the value's: IPv4-mapped IPv6 is IPv4
  std::string_view bytes;     // in `buf`, `spill` or the text itself
  uint32_t v4 = 0;            // type ipv4: the address, host order
};

// False when `text` does not parse as `type`. `buf` has kKeyBuffer bytes;
// longer lower-cased text goes to `spill`.
bool EncodeKey(model::IndicatorType type, std::string_view text, char* buf, std::string& spill, Key& out);

// Parses an IPv4 or IPv6 address; IPv4 as IPv4-mapped IPv6.
bool ParseAddress(std::string_view text, uint8_t (&out)[16]);

// The normalized text of a stored key.
std::string KeyText(model::IndicatorType type, std::string_view bytes);

}  // namespace sw::intel::internal
