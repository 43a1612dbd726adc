// SPDX-License-Identifier: Apache-2.0
//
// The probe-file parser on arbitrary text: never crashes; every rule it keeps
// compiled, and matching the text itself against them stays bounded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scan/service_probes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto db = sw::scan::ServiceProbes::Parse(text, "fuzz");
  if (!db.ok()) return 0;
  size_t rules = 0;
  for (const auto& p : db->probes()) {
    for (const auto& r : p.rules) {
      if (!r.regex) __builtin_trap();
      if (++rules > 64) return 0;
      (void)sw::scan::MatchResponse(r, text);
    }
  }
  return 0;
}
