// SPDX-License-Identifier: Apache-2.0
//
// RFC 3339 parsing from arbitrary text; whatever parses must format and parse
// back to the same instant.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = sw::ParseRfc3339(text);
  if (t.ok()) {
    auto back = sw::ParseRfc3339(sw::FormatRfc3339(*t));
    if (!back.ok() || *back != *t) __builtin_trap();
  }
  return 0;
}
