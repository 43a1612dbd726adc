// SPDX-License-Identifier: Apache-2.0
#include "model/codec_util.h"

namespace sw::model {

Status ReadTime(ObjectReader& r, std::string_view key, Timestamp& out, Need need) {
  std::string s;
  const bool present = r.Has(key);
  SW_RETURN_IF_ERROR(r.String(key, s, need, 64));
  if (!present) return {};
  auto t = ParseRfc3339(s);
  if (!t.ok()) return InvalidArgument(r.PathOf(key) + ": " + t.status().message(), r.PathOf(key));
  out = *t;
  return {};
}

Status ReadOptTime(ObjectReader& r, std::string_view key, std::optional<Timestamp>& out) {
  if (!r.Has(key)) {
    r.Get(key);
    return {};
  }
  Timestamp t;
  SW_RETURN_IF_ERROR(ReadTime(r, key, t, kRequired));
  out = t;
  return {};
}

json::array StringsToJson(const std::vector<std::string>& v) {
  json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(json::string(s));
  return a;
}

std::string TrimSpaces(std::string_view s) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r') {
      s.remove_prefix(1);
      changed = true;
    } else if (s.substr(0, 3) == kIdeographicSpace) {
      s.remove_prefix(3);
      changed = true;
    }
    if (s.empty()) break;
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r') {
      s.remove_suffix(1);
      changed = true;
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) {
      s.remove_suffix(3);
      changed = true;
    }
  }
  return std::string(s);
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace sw::model
