// SPDX-License-Identifier: Apache-2.0
//
// Matching a rule's options on one buffer, in rule order, with Suricata's
// semantics: content (offset/depth, distance/within relative to the previous
// match — within counted from the distance point —, nocase, startswith,
// endswith, negation), pcre (relative, negation), isdataat, byte_test,
// byte_jump and bsize/urilen. A relative option that fails makes the
// previous content or pcre try its next occurrence (backtracking), bounded
// by a step budget so a crafted buffer cannot make a rule cost more than a
// fixed amount. Thread-safe (the options are read-only; PCRE2 match data is
// per call).
#pragma once

#include <string_view>
#include <vector>

#include "detect/rule.h"

namespace sw::detect {

struct MatchBudget {
  int steps = 4096;  // occurrences tried, all options of one rule
};

// True when every option in `options` (all bound to the same buffer) holds
// on `data`.
bool MatchOptions(const std::vector<const DetectOption*>& options, std::string_view data, MatchBudget& budget);

}  // namespace sw::detect
