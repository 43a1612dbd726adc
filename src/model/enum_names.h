// SPDX-License-Identifier: Apache-2.0
//
// Stable wire names for model enums. Each enum has one table of
// {value, "name"} pairs; Name() and ParseEnum() are generated from it so the
// two directions cannot drift apart. Thread-safe (tables are constants).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sw::model {

template <typename E, size_t N>
using EnumTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, size_t N>
constexpr std::string_view NameIn(const EnumTable<E, N>& table, E value) {
  for (const auto& [v, n] : table) {
    if (v == value) return n;
  }
  return "unknown";
}

template <typename E, size_t N>
constexpr std::optional<E> ParseIn(const EnumTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// "one of: a, b, c", for error messages.
template <typename E, size_t N>
std::string ChoicesIn(const EnumTable<E, N>& table) {
  std::string out = "one of:";
  for (const auto& [v, n] : table) {
    out += ' ';
    out += n;
  }
  return out;
}

}  // namespace sw::model
