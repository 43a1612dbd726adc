// SPDX-License-Identifier: Apache-2.0
#include "intel/line_list.h"

#include "intel/normalize.h"

namespace sw::intel {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

LineListResult ParseLineList(std::string_view text, std::string_view source) {
  LineListResult out;
  size_t number = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++number;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    std::optional<model::IndicatorType> type;
    std::string_view value = line;
    if (const size_t comma = line.find(','); comma != std::string_view::npos) {
      type = model::ParseIn(model::kIndicatorTypeNames, Trim(line.substr(0, comma)));
      if (!type) {
        out.rejected.push_back({number, "unknown indicator type \"" + std::string(Trim(line.substr(0, comma))) + "\""});
        continue;
      }
      value = Trim(line.substr(comma + 1));
    } else {
      type = GuessType(value);
      if (!type) {
        out.rejected.push_back({number, "\"" + std::string(value) + "\" is not an address, network, domain, URL, e-mail or hash"});
        continue;
      }
    }
    auto normalized = NormalizeIndicator(*type, value);
    if (!normalized.ok()) {
      out.rejected.push_back({number, normalized.status().message()});
      continue;
    }
    model::Indicator ind;
    ind.type = *type;
    ind.value = std::move(*normalized);
    ind.source = std::string(source);
    out.indicators.push_back(std::move(ind));
  }
  return out;
}

}  // namespace sw::intel
