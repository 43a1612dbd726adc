// SPDX-License-Identifier: Apache-2.0
//
// Asset values and scan targets from arbitrary text: normalization must be
// idempotent (a normalized value normalizes to itself) and coverage checks
// must not crash. The first byte splits the input into an asset and a target.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/asset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sw::model;
  if (size == 0) return 0;
  const std::string_view all(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = std::min<size_t>(data[0], all.size());
  const std::string_view asset_text = all.substr(0, cut);
  const std::string_view target_text = all.substr(cut);
  auto n = NormalizeAssetValue(asset_text, std::nullopt);
  if (n.ok()) {
    auto again = NormalizeAssetValue(n->value, n->kind);
    if (!again.ok() || again->value != n->value) __builtin_trap();
    auto t = ParseScanTarget(target_text);
    if (t.ok()) {
      Asset a;
      a.kind = n->kind;
      a.value = n->value;
      (void)AssetCovers(a, *t);
    }
  }
  return 0;
}
