// SPDX-License-Identifier: Apache-2.0
//
// Parses the text of one Suricata rule into a detect::Rule.
//
// The outcome is one of three:
// - a Rule, every keyword understood and checked;
// - a skip: Status code kUnimplemented, the rule is valid Suricata but uses
//   something this engine does not support (`unsupported keyword "xbits"`,
//   `unsupported protocol "sip"`, `pcre does not compile: ...`). Nothing is
//   half-loaded: one unsupported keyword skips the whole rule;
// - an error: kInvalidArgument with a precise reason
//   (`content: odd number of hex digits in "|4|"`).
// The message text up to the first ": " is the reason a skip is counted under
// (SkipReason).
//
// The fast pattern (the literal the multi-pattern prefilter looks for) is
// chosen as Suricata does in spirit: the content marked `fast_pattern` if
// any; otherwise the longest non-negated content on any buffer, ties broken
// by a pattern-strength score (more distinct, rarer bytes win), then by rule
// order; a rule with only negated contents uses the longest of those. A
// `fast_pattern:o,l` slice feeds only those bytes.
//
// Thread-safe: no shared state beyond the const context.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"
#include "detect/classification.h"
#include "detect/regex.h"
#include "detect/rule.h"
#include "detect/variables.h"

namespace sw::detect {

struct RuleContext {
  const Variables* vars = nullptr;  // REQUIRES: not null
  // Resolves classtype to its text and priority. When null, classtypes are
  // kept as written and the priority defaults to 3.
  const Classifications* classifications = nullptr;
  Regex::Limits pcre_limits;
};

Result<Rule> ParseRule(std::string_view text, const RuleContext& ctx);

// The key a skip is counted under: the message up to its first ": ".
std::string_view SkipReason(const Status& skip);

// See the file comment. Exposed for tests and for matchers that rewrite
// options.
std::optional<FastPattern> ChooseFastPattern(const std::vector<DetectOption>& options);

}  // namespace sw::detect
