// SPDX-License-Identifier: Apache-2.0
//
// The expected-output checks of a suricata-verify test (`filter:` and
// `stats:` in test.yaml), evaluated against EVE JSON lines, with the
// semantics the suite's README gives:
//
//   - a `filter` counts the records for which every pair under `match:`
//     holds and passes when that number is exactly `count:`;
//   - keys are dotted paths (`dns.queries[0].rrname`); a trailing `__len`,
//     `__find`, `__contains`, `__startswith`, `__endswith`, `__gt`, `__gte`,
//     `__lt` or `__lte` component changes the comparison;
//   - plain values compare with their type: 1 and "1" differ. Integers and
//     floats compare by value (1 == 1.0), booleans are not numbers;
//   - `has-key` / `not-has-key` take one path or a list of paths;
//   - a `stats` check compares keys relative to the `stats` object of the
//     last stats record.
//
// Choices the README leaves open, made here and pinned by eve_check_test.cc:
//   - a nested map or list as an expected value must equal the record's
//     value exactly (same keys, same elements in order), not be a subset;
//   - an expected null matches a JSON null or an absent path; any other
//     expected value never matches an absent path;
//   - `has-key` holds when the path exists, even if its value is null;
//   - `__find` and `__contains` are the same test: substring of a string,
//     element (typed equality) of an array, key of an object;
//   - `__len` of a string counts code points (UTF-8), not bytes.
//
// Check specifications are YAML converted to JSON values by YamlToJson,
// which types plain scalars as a YAML 1.1 loader does (PyYAML: `yes`/`on`
// are booleans, `8.0` is a float, `8.0.0` and `1b` are strings; quoted
// scalars are always strings).
//
// Everything here is a pure function of its arguments. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <yaml-cpp/yaml.h>

#include "core/status.h"

namespace sw::conformance {

namespace json = boost::json;

// The YAML node as a JSON value, scalars typed as described above.
json::value YamlToJson(const YAML::Node& node);

// The value at a dotted path with [n] indexes ("a.b[0].c", "x[1][2]"), or
// nullptr when any step is absent, out of range or of the wrong kind.
// The returned pointer points into `root`.
const json::value* FindPath(const json::value& root, std::string_view path);

// Equality with types: strings, booleans, null, numbers (int and float by
// value), arrays (element-wise, in order) and objects (same key set).
bool TypedEqual(const json::value& a, const json::value& b);

// One `key: expected` pair of a `match:` block against `record`, suffixes
// included. `has-key` and `not-has-key` are handled here too.
bool MatchPair(const json::value& record, std::string_view key, const json::value& expected);

// True when every pair of `match` holds for `record`.
bool MatchRecord(const json::value& record, const json::object& match);

enum class Outcome { kPass, kFail };

struct CheckResult {
  Outcome outcome = Outcome::kFail;
  // For a failure: what was expected and what was found, for one report line.
  std::string detail;
  // For a filter: how many records matched.
  size_t matched = 0;
};

// A `filter:` check (its mapping as JSON: `count`, `match`, optional
// `filename`, `requires`, `comment`) over the records of one JSON-lines file.
// A missing or non-integer `count` or a non-object `match` is a failure.
CheckResult EvaluateFilter(const json::object& filter, const std::vector<json::value>& records);

// A `stats:` check: every pair holds against the `stats` object of the last
// record whose event_type is "stats". No stats record is a failure.
CheckResult EvaluateStats(const json::object& stats, const std::vector<json::value>& records);

// Reads a JSON-lines file. Blank lines are skipped; a line that is not JSON
// is an error naming its line number (DataLoss); a missing file is NotFound.
Result<std::vector<json::value>> ReadJsonLines(const std::string& path);

// A short one-line rendering of a value for reports, cut at `max_chars`.
std::string Describe(const json::value& v, size_t max_chars = 160);

}  // namespace sw::conformance
