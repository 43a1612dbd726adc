// SPDX-License-Identifier: Apache-2.0
#include "conformance/eve_check.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <regex>

#include "core/json.h"

namespace sw::conformance {
namespace {

enum class Op { kEqual, kLen, kFind, kStartsWith, kEndsWith, kGt, kGte, kLt, kLte };

struct Key {
  std::string_view path;
  Op op = Op::kEqual;
};

Key ParseKey(std::string_view key) {
  static constexpr std::pair<std::string_view, Op> kSuffixes[] = {{"__len", Op::kLen},
                                                                  {"__find", Op::kFind},
                                                                  {"__contains", Op::kFind},
                                                                  {"__startswith", Op::kStartsWith},
                                                                  {"__endswith", Op::kEndsWith},
                                                                  {"__gt", Op::kGt},
                                                                  {"__gte", Op::kGte},
                                                                  {"__lt", Op::kLt},
                                                                  {"__lte", Op::kLte}};
  const size_t dot = key.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? key : key.substr(dot + 1);
  for (const auto& [suffix, op] : kSuffixes) {
    if (last == suffix)
      return {dot == std::string_view::npos ? std::string_view() : key.substr(0, dot), op};
  }
  return {key, Op::kEqual};
}

bool IsNumber(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

// -1, 0 or 1; REQUIRES: both are numbers. Integers compare exactly, anything
// with a float compares as double.
int CompareNumbers(const json::value& a, const json::value& b) {
  if (a.is_double() || b.is_double()) {
    const double x = a.to_number<double>(), y = b.to_number<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_int64() && b.is_int64()) {
    return a.get_int64() < b.get_int64() ? -1 : (a.get_int64() > b.get_int64() ? 1 : 0);
  }
  if (a.is_uint64() && b.is_uint64()) {
    return a.get_uint64() < b.get_uint64() ? -1 : (a.get_uint64() > b.get_uint64() ? 1 : 0);
  }
  // One int64 and one uint64: a negative int64 is below every uint64.
  const bool a_signed = a.is_int64();
  const int64_t s = a_signed ? a.get_int64() : b.get_int64();
  const uint64_t u = a_signed ? b.get_uint64() : a.get_uint64();
  int c;
  if (s < 0) {
    c = -1;
  } else {
    const auto su = static_cast<uint64_t>(s);
    c = su < u ? -1 : (su > u ? 1 : 0);
  }
  return a_signed ? c : -c;
}

size_t Utf8Length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<size_t> LengthOf(const json::value& v) {
  if (v.is_array()) return v.get_array().size();
  if (v.is_object()) return v.get_object().size();
  if (v.is_string()) return Utf8Length(v.get_string());
  return std::nullopt;
}

bool Contains(const json::value& haystack, const json::value& needle) {
  if (haystack.is_string()) {
    return needle.is_string() &&
           std::string_view(haystack.get_string()).find(std::string_view(needle.get_string())) !=
               std::string_view::npos;
  }
  if (haystack.is_array()) {
    const auto& a = haystack.get_array();
    return std::any_of(a.begin(), a.end(),
                       [&](const json::value& e) { return TypedEqual(e, needle); });
  }
  if (haystack.is_object()) {
    return needle.is_string() && haystack.get_object().contains(needle.get_string());
  }
  return false;
}

bool KeyPresence(const json::value& record, const json::value& paths, bool want_present) {
  auto one = [&](const json::value& p) {
    if (!p.is_string()) return false;
    return (FindPath(record, p.get_string()) != nullptr) == want_present;
  };
  if (paths.is_array()) {
    const auto& a = paths.get_array();
    return std::all_of(a.begin(), a.end(), one);
  }
  return one(paths);
}

// Plain-scalar typing of a YAML 1.1 loader (PyYAML's implicit resolvers).
json::value ResolvePlainScalar(const std::string& s) {
  static const std::regex kBool(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kDecimal("[-+]?(0|[1-9][0-9_]*)");
  static const std::regex kHex("[-+]?0x[0-9a-fA-F_]+");
  static const std::regex kOctal("[-+]?0[0-7_]+");
  static const std::regex kBinary("[-+]?0b[01_]+");
  static const std::regex kFloat(
      "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+][0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kBool)) {
    const char c = s[0];
    return c == 'y' || c == 'Y' || c == 't' || c == 'T' ||
           (s.size() == 2 && (s[1] == 'n' || s[1] == 'N'));
  }
  auto integer = [&](int base, size_t prefix) -> json::value {
    std::string digits;
    bool negative = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
      negative = s[0] == '-';
      i = 1;
    }
    for (i += prefix; i < s.size(); ++i) {
      if (s[i] != '_') digits.push_back(s[i]);
    }
    uint64_t magnitude = 0;
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (ec != std::errc() || end != digits.data() + digits.size()) return json::value(s);
    if (!negative) {
      if (magnitude <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return static_cast<int64_t>(magnitude);
      }
      return magnitude;
    }
    if (magnitude <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1) {
      return static_cast<int64_t>(0 - magnitude);
    }
    return json::value(s);
  };
  if (std::regex_match(s, kDecimal)) return integer(10, 0);
  if (std::regex_match(s, kHex)) return integer(16, 2);
  if (std::regex_match(s, kBinary)) return integer(2, 2);
  if (std::regex_match(s, kOctal)) return integer(8, 1);
  if (std::regex_match(s, kFloat) && s != "." && s != "+." && s != "-.") {
    std::string t;
    std::copy_if(s.begin(), s.end(), std::back_inserter(t), [](char c) { return c != '_'; });
    if (t.find("nan") != std::string::npos || t.find("NaN") != std::string::npos ||
        t.find("NAN") != std::string::npos) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    if (t.find("inf") != std::string::npos || t.find("Inf") != std::string::npos ||
        t.find("INF") != std::string::npos) {
      return t[0] == '-' ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
    }
    return std::strtod(t.c_str(), nullptr);
  }
  return json::value(s);
}

}  // namespace

json::value YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      // "!" is the non-specific tag yaml-cpp gives quoted scalars; plain ones get "?".
      const std::string& tag = node.Tag();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return json::value(node.Scalar());
      return ResolvePlainScalar(node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& e : node) a.push_back(YamlToJson(e));
      return a;
    }
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : node) o[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return o;
    }
  }
  return nullptr;
}

const json::value* FindPath(const json::value& root, std::string_view path) {
  const json::value* cur = &root;
  if (path.empty()) return cur;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    std::string_view part = path.substr(start, dot - start);
    const size_t bracket = part.find('[');
    const std::string_view name = part.substr(0, bracket);
    if (!name.empty()) {
      if (!cur->is_object()) return nullptr;
      cur = cur->get_object().if_contains(name);
      if (cur == nullptr) return nullptr;
    } else if (bracket == std::string_view::npos) {
      return nullptr;  // an empty component ("a..b", "a.")
    }
    std::string_view rest =
        bracket == std::string_view::npos ? std::string_view() : part.substr(bracket);
    while (!rest.empty()) {
      const size_t close = rest.find(']');
      if (rest[0] != '[' || close == std::string_view::npos || close == 1) return nullptr;
      size_t index = 0;
      const auto digits = rest.substr(1, close - 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (ec != std::errc() || end != digits.data() + digits.size()) return nullptr;
      if (!cur->is_array() || index >= cur->get_array().size()) return nullptr;
      cur = &cur->get_array()[index];
      rest.remove_prefix(close + 1);
    }
    start = dot + 1;
  }
  return cur;
}

bool TypedEqual(const json::value& a, const json::value& b) {
  if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case json::kind::null:
      return true;
    case json::kind::bool_:
      return a.get_bool() == b.get_bool();
    case json::kind::string:
      return a.get_string() == b.get_string();
    case json::kind::array: {
      const auto &x = a.get_array(), &y = b.get_array();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!TypedEqual(x[i], y[i])) return false;
      }
      return true;
    }
    case json::kind::object: {
      const auto &x = a.get_object(), &y = b.get_object();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x) {
        const json::value* w = y.if_contains(k);
        if (w == nullptr || !TypedEqual(v, *w)) return false;
      }
      return true;
    }
    default:
      return false;  // numbers were handled above
  }
}

bool MatchPair(const json::value& record, std::string_view key, const json::value& expected) {
  if (key == "has-key") return KeyPresence(record, expected, true);
  if (key == "not-has-key") return KeyPresence(record, expected, false);
  const Key k = ParseKey(key);
  const json::value* v = FindPath(record, k.path);
  switch (k.op) {
    case Op::kEqual:
      if (expected.is_null()) return v == nullptr || v->is_null();
      return v != nullptr && TypedEqual(*v, expected);
    case Op::kLen: {
      if (v == nullptr) return false;
      const auto n = LengthOf(*v);
      return n.has_value() && TypedEqual(json::value(static_cast<uint64_t>(*n)), expected);
    }
    case Op::kFind:
      return v != nullptr && Contains(*v, expected);
    case Op::kStartsWith:
    case Op::kEndsWith: {
      if (v == nullptr || !v->is_string() || !expected.is_string()) return false;
      const std::string_view s = v->get_string(), x = expected.get_string();
      return k.op == Op::kStartsWith ? s.starts_with(x) : s.ends_with(x);
    }
    case Op::kGt:
    case Op::kGte:
    case Op::kLt:
    case Op::kLte: {
      if (v == nullptr || !IsNumber(*v) || !IsNumber(expected)) return false;
      // NaN is unordered: every comparison with it fails.
      if ((v->is_double() && std::isnan(v->get_double())) ||
          (expected.is_double() && std::isnan(expected.get_double()))) {
        return false;
      }
      const int c = CompareNumbers(*v, expected);
      if (k.op == Op::kGt) return c > 0;
      if (k.op == Op::kGte) return c >= 0;
      if (k.op == Op::kLt) return c < 0;
      return c <= 0;
    }
  }
  return false;
}

bool MatchRecord(const json::value& record, const json::object& match) {
  return std::all_of(match.begin(), match.end(),
                     [&](const auto& kv) { return MatchPair(record, kv.key(), kv.value()); });
}

CheckResult EvaluateFilter(const json::object& filter, const std::vector<json::value>& records) {
  CheckResult r;
  const json::value* count = filter.if_contains("count");
  if (count == nullptr || !(count->is_int64() || count->is_uint64())) {
    r.detail = "filter has no integer count";
    return r;
  }
  static const json::object kEmpty;
  const json::value* match = filter.if_contains("match");
  if (match != nullptr && !match->is_object()) {
    r.detail = "filter match is not a mapping";
    return r;
  }
  const json::object& m = match == nullptr ? kEmpty : match->get_object();
  r.matched = static_cast<size_t>(std::count_if(
      records.begin(), records.end(), [&](const json::value& rec) { return MatchRecord(rec, m); }));
  if (TypedEqual(json::value(static_cast<uint64_t>(r.matched)), *count)) {
    r.outcome = Outcome::kPass;
    return r;
  }
  r.detail =
      "expected " + Describe(*count) + ", got " + std::to_string(r.matched) + " for " + Describe(m);
  // Too few: name the pair that the closest record (most pairs holding) misses.
  const json::value* closest = nullptr;
  size_t best = 0;
  for (const auto& rec : records) {
    const auto held = static_cast<size_t>(std::count_if(
        m.begin(), m.end(), [&](const auto& kv) { return MatchPair(rec, kv.key(), kv.value()); }));
    if (held > best && held < m.size()) {
      best = held;
      closest = &rec;
    }
  }
  if (closest != nullptr) {
    for (const auto& kv : m) {
      if (MatchPair(*closest, kv.key(), kv.value())) continue;
      const json::value* actual = kv.key() == "has-key" || kv.key() == "not-has-key"
                                      ? nullptr
                                      : FindPath(*closest, ParseKey(kv.key()).path);
      r.detail += "; closest record has " + std::string(kv.key()) + " = " +
                  (actual == nullptr ? std::string("nothing") : Describe(*actual, 80));
      break;
    }
  }
  return r;
}

CheckResult EvaluateStats(const json::object& stats, const std::vector<json::value>& records) {
  CheckResult r;
  const json::value* last = nullptr;
  for (const auto& rec : records) {
    const json::value* type = FindPath(rec, "event_type");
    if (type != nullptr && type->is_string() && type->get_string() == "stats") last = &rec;
  }
  const json::value* counters = last == nullptr ? nullptr : FindPath(*last, "stats");
  if (counters == nullptr) {
    r.detail = "no stats record";
    return r;
  }
  for (const auto& kv : stats) {
    if (!MatchPair(*counters, kv.key(), kv.value())) {
      const json::value* actual = FindPath(*counters, ParseKey(kv.key()).path);
      r.detail = "stats." + std::string(kv.key()) + ": expected " + Describe(kv.value()) +
                 ", got " + (actual == nullptr ? std::string("nothing") : Describe(*actual));
      return r;
    }
  }
  r.outcome = Outcome::kPass;
  return r;
}

Result<std::vector<json::value>> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": does not exist");
  std::vector<json::value> out;
  size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto v = ParseJson(line, {.max_bytes = 64u << 20, .max_depth = 128});
    if (!v.ok()) return DataLoss(path + ":" + std::to_string(n) + ": " + v.status().message());
    out.push_back(std::move(*v));
  }
  return out;
}

std::string Describe(const json::value& v, size_t max_chars) {
  std::string s = ToJson(v);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "...";
  return s;
}

}  // namespace sw::conformance
