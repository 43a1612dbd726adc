// SPDX-License-Identifier: Apache-2.0
#include "scan/port_spec.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace sw::scan {
namespace {

Status Bad(std::string_view token, std::string_view why) {
  std::string m = "port spec: \"";
  m.append(token.substr(0, 40));
  m += "\" ";
  m += why;
  return InvalidArgument(std::move(m), "ports");
}

Result<uint16_t> ParsePort(std::string_view text, std::string_view token) {
  if (text.empty() || text.size() > 5) return Bad(token, "is not a port number");
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return Bad(token, "is not a port number");
  if (v < 1 || v > 65535) return Bad(token, "is out of range (1-65535)");
  return static_cast<uint16_t>(v);
}

}  // namespace

Result<std::vector<uint16_t>> ParsePortSpec(std::string_view spec) {
  std::vector<uint16_t> out;
  if (spec.empty()) return Bad(spec, "is empty");
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    if (comma == std::string_view::npos) comma = spec.size();
    std::string_view token = spec.substr(start, comma - start);
    start = comma + 1;
    if (token.empty()) return Bad(spec, "has an empty item");
    if (token.size() > 2 && token[1] == ':') {
      if (token[0] != 'T' && token[0] != 't') return Bad(token, "names a protocol other than TCP (T:)");
      token.remove_prefix(2);
    }
    const size_t dash = token.find('-');
    uint16_t lo = 0, hi = 0;
    if (dash == std::string_view::npos) {
      SW_ASSIGN_OR_RETURN(lo, ParsePort(token, token));
      hi = lo;
    } else {
      const std::string_view a = token.substr(0, dash), b = token.substr(dash + 1);
      if (a.empty()) {
        lo = 1;
      } else {
        SW_ASSIGN_OR_RETURN(lo, ParsePort(a, token));
      }
      if (b.empty()) {
        hi = 65535;
      } else {
        SW_ASSIGN_OR_RETURN(hi, ParsePort(b, token));
      }
      if (lo > hi) return Bad(token, "is a reversed range");
    }
    for (uint32_t p = lo; p <= hi; ++p) out.push_back(static_cast<uint16_t>(p));
    if (comma == spec.size()) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sw::scan
