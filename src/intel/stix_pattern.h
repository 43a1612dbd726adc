// SPDX-License-Identifier: Apache-2.0
//
// The STIX 2.1 patterning language (STIX 2.1 part 9): a parser to a syntax
// tree and the mapping of a pattern to plain indicators.
//
// ParseStixPattern accepts the whole language: observation expressions
// "[...]" combined with AND, OR and FOLLOWEDBY (FOLLOWEDBY binds loosest, AND
// tightest) and qualified by WITHIN n SECONDS, REPEATS n TIMES and
// START t'..' STOP t'..'; inside brackets, comparisons combined with AND, OR
// and parentheses, with the operators = != > < >= <= IN LIKE MATCHES ISSUBSET
// ISSUPERSET (each may be preceded by NOT) and EXISTS; literals: strings with
// \' and \\ escapes, integers, floats, booleans, h'..' hex, b'..' base64 and
// t'..' timestamps. Keywords are case-insensitive. Object path keys may be
// bare or quoted ('SHA-256' as in 2.1, "SHA-256" as in 2.0). Errors give the
// character offset: "offset 17: expected ']'".
//
// MapPatternToIndicators keeps only what a value matcher can do without
// guessing: a pattern that means "any of these values" (ORs of `=` and `IN`
// on the value of ipv4-addr, ipv6-addr, domain-name, url, email-addr or on
// file:hashes MD5, SHA-1 and SHA-256). Everything else is not matchable, with
// the reason. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::intel {

struct PatternLiteral {
  enum class Kind { kString, kInt, kFloat, kBool, kHex, kBinary, kTimestamp };
  Kind kind = Kind::kString;
  // kString: the unescaped text; kHex: the hex digits; kBinary: the base64
  // text; kTimestamp: the RFC 3339 text; kInt/kFloat/kBool: the source text.
  std::string text;
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
};

struct ObjectPath {
  std::string object_type;         // "file"
  std::vector<std::string> steps;  // "hashes", "SHA-256", "[0]", "[*]"
  // "file:hashes.'SHA-256'": keys that are not plain identifiers quoted.
  std::string ToString() const;
};

enum class PatternOp {
  kEq,
  kNe,
  kGt,
  kLt,
  kGe,
  kLe,
  kIn,
  kLike,
  kMatches,
  kIsSubset,
  kIsSuperset,
  kExists
};
std::string_view PatternOpName(PatternOp op);  // "=", "IN", "EXISTS", ...

struct ComparisonExpression {
  enum class Kind { kTest, kAnd, kOr };
  Kind kind = Kind::kTest;
  size_t offset = 0;  // where it starts in the pattern text
  // kTest:
  ObjectPath path;
  PatternOp op = PatternOp::kEq;
  bool negated = false;
  std::vector<PatternLiteral> values;  // one, or the set of IN; none for EXISTS
  // kAnd / kOr: two or more operands.
  std::vector<ComparisonExpression> operands;
};

struct Qualifier {
  enum class Kind { kWithin, kRepeats, kStartStop };
  Kind kind = Kind::kWithin;
  double within_seconds = 0;
  int64_t repeats = 0;
  std::string start, stop;  // RFC 3339 text
};

struct ObservationExpression {
  enum class Kind { kObservation, kAnd, kOr, kFollowedBy };
  Kind kind = Kind::kObservation;
  size_t offset = 0;
  ComparisonExpression comparison;              // kObservation
  std::vector<ObservationExpression> operands;  // kAnd / kOr / kFollowedBy
  std::vector<Qualifier> qualifiers;            // in source order
};

struct PatternLimits {
  size_t max_length = size_t{64} << 10;
  size_t max_depth = 64;  // nesting of parentheses and brackets
};

// Parses a whole pattern. InvalidArgument "offset N: ..." on error.
Result<ObservationExpression> ParseStixPattern(std::string_view text,
                                               const PatternLimits& limits = {});

struct PatternValue {
  model::IndicatorType type = model::IndicatorType::kIpv4;
  std::string value;  // normalized
  bool operator==(const PatternValue&) const = default;
};

struct PatternMapping {
  bool matchable = false;
  std::string reason;                // why not, when !matchable
  std::vector<PatternValue> values;  // in pattern order, duplicates removed
  // Values of a matchable pattern that failed normalization ("'x y':
  // invalid character ' '"); the others still match.
  std::vector<std::string> rejected_values;
};

PatternMapping MapPatternToIndicators(const ObservationExpression& pattern);

}  // namespace sw::intel
