// SPDX-License-Identifier: Apache-2.0
//
// The STIX pattern parser and mapper on arbitrary text: never crashes, stays
// within its depth limit, and a matchable mapping always has values that are
// already normalized.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intel/normalize.h"
#include "intel/stix_pattern.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = sw::intel::ParseStixPattern(text);
  if (!parsed.ok()) {
    if (parsed.status().message().empty()) __builtin_trap();
    return 0;
  }
  const sw::intel::PatternMapping m = sw::intel::MapPatternToIndicators(*parsed);
  if (m.matchable == m.values.empty()) __builtin_trap();
  if (!m.matchable && m.reason.empty()) __builtin_trap();
  for (const auto& v : m.values) {
    auto again = sw::intel::NormalizeIndicator(v.type, v.value);
    if (!again.ok() || *again != v.value) __builtin_trap();
  }
  return 0;
}
