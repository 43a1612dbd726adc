// SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the model's JSON codecs: timestamps as RFC 3339 strings,
// enums by their wire names, optional values as null. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/time.h"
#include "model/enum_names.h"

namespace sw::model {

inline json::value TimeToJson(Timestamp t) { return json::string(FormatRfc3339(t)); }
inline json::value TimeToJson(const std::optional<Timestamp>& t) {
  return t ? TimeToJson(*t) : json::value(nullptr);
}
inline json::value StringOrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

Status ReadTime(ObjectReader& r, std::string_view key, Timestamp& out, Need need);
Status ReadOptTime(ObjectReader& r, std::string_view key, std::optional<Timestamp>& out);

template <typename E, size_t N>
Status ReadEnum(ObjectReader& r, std::string_view key, const EnumTable<E, N>& table, E& out,
                Need need) {
  std::string s;
  const bool present = r.Has(key);
  SW_RETURN_IF_ERROR(r.String(key, s, need, 64));
  if (!present) return {};
  auto v = ParseIn(table, s);
  if (!v) return InvalidArgument(r.PathOf(key) + ": must be " + ChoicesIn(table), r.PathOf(key));
  out = *v;
  return {};
}

template <typename E, size_t N>
Status ReadOptEnum(ObjectReader& r, std::string_view key, const EnumTable<E, N>& table,
                   std::optional<E>& out) {
  if (!r.Has(key)) {
    r.Get(key);
    return {};
  }
  E v{};
  SW_RETURN_IF_ERROR(ReadEnum(r, key, table, v, kRequired));
  out = v;
  return {};
}

json::array StringsToJson(const std::vector<std::string>& v);

// Trims ASCII and full-width spaces at both ends; used on every free-text
// field so "  某某公司 " and "某某公司" are the same name.
std::string TrimSpaces(std::string_view s);

// Number of Unicode code points of valid UTF-8 `s` (for limits a person
// counts, like "at most 100 characters").
size_t Utf8Length(std::string_view s);

}  // namespace sw::model
