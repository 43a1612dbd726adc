// SPDX-License-Identifier: Apache-2.0
//
// The MISP warning-list loader on arbitrary text: never crashes; a list it
// accepts always compiles (bad entries were skipped, never kept), and
// checking values, its own entries included, returns only that list.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "intel/warninglist.h"
#include "model/indicator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sw::intel::WarningListLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_entries = 10000;
  auto list = sw::intel::LoadWarningList(text, "fuzz", limits);
  if (!list.ok()) return 0;
  for (const auto& s : list->skipped) {
    if (s.reason.empty()) __builtin_trap();
  }
  std::vector<std::string> probes(
      list->entries.begin(), list->entries.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(
                                                         list->entries.size(), 8)));
  probes.insert(probes.end(), {"8.8.8.8", "2001:db8::1", "10.0.0.0/8", "www.example.com",
                               "http://user@[2001:db8::1]:80/x", "abuse@example.org",
                               "d41d8cd98f00b204e9800998ecf8427e", ""});
  std::vector<sw::intel::WarningList> lists;
  lists.push_back(std::move(*list));
  auto set = sw::intel::WarningListSet::Build(std::move(lists));
  if (!set.ok()) __builtin_trap();
  const sw::intel::WarningList* only = &(*set)->lists().front();
  for (const auto& [type, name] : sw::model::kIndicatorTypeNames) {
    for (const auto& p : probes) {
      for (const auto* hit : (*set)->Check(type, p)) {
        if (hit != only) __builtin_trap();
        if (!sw::intel::WarningListApplies(*hit, type)) __builtin_trap();
      }
    }
  }
  return 0;
}
