// SPDX-License-Identifier: Apache-2.0
//
// The STIX bundle importer on arbitrary text: never crashes; every object of
// an imported bundle has exactly one report line, in order, and the
// indicator count matches the report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intel/stix_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sw::intel::StixImportOptions options;
  options.max_objects = 1000;
  options.max_object_bytes = 64 * 1024;
  auto r = sw::intel::ImportStixBundle(text, options);
  if (!r.ok()) return 0;
  size_t indicators = 0;
  for (size_t i = 0; i < r->objects.size(); ++i) {
    const auto& o = r->objects[i];
    if (o.index != i) __builtin_trap();
    if (o.status != sw::intel::StixObjectStatus::kImported && o.indicators != 0) __builtin_trap();
    if (o.status == sw::intel::StixObjectStatus::kRejected && o.reason.empty()) __builtin_trap();
    indicators += o.indicators;
  }
  if (indicators != r->indicators.size()) __builtin_trap();
  (void)sw::intel::FormatStixImportReport(*r);
  return 0;
}
