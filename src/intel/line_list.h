// SPDX-License-Identifier: Apache-2.0
//
// Plain indicator lists: one value per line ("198.51.100.7",
// "evil.example", "http://evil.example/x", a hash), optionally "type,value"
// with a type name of model::kIndicatorTypeNames; blank lines and "#"
// comments are skipped. Each value is normalized; a line that is not a
// recognizable indicator is reported with its line number and the reason,
// and the other lines still count. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/indicator.h"

namespace sw::intel {

struct LineIssue {
  size_t line = 0;
  std::string reason;
};

struct LineListResult {
  std::vector<model::Indicator> indicators;
  std::vector<LineIssue> rejected;
};

// `source` names the list in each indicator.
LineListResult ParseLineList(std::string_view text, std::string_view source);

}  // namespace sw::intel
