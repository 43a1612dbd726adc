// SPDX-License-Identifier: Apache-2.0
//
// Loading rule files into a RuleSet. A rule file holds one rule per line; a
// line ending in a backslash continues on the next; blank lines and comments
// (#) are ignored, and a commented-out rule (`#alert ...`) is counted as
// disabled, not as an error. Each rule is parsed on its own: an invalid rule
// is reported as an error with file:line and the reason, an unsupported one
// is skipped and counted under its reason, and every other rule still loads.
// A gid:sid seen twice keeps the higher rev (the first on a tie) and
// reports the other as an error.
//
// Example:
//   RuleLoader loader({.vars = &vars, .classifications = &classes});
//   SW_RETURN_IF_ERROR(loader.AddFile("rules/emerging-dns.rules"));
//   RuleSet set = std::move(loader).Finish();
//   std::cout << FormatLoadReport(set);
//
// A RuleLoader is used from one thread; the RuleSet it returns is immutable
// and may be shared.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "detect/rule.h"
#include "detect/rule_parser.h"

namespace sw::detect {

struct RuleIssue {
  std::string file;
  size_t line = 0;
  uint32_t sid = 0;  // 0 when the rule's sid could not be read
  std::string message;
};

struct RuleSet {
  std::vector<Rule> rules;  // loaded, in file order
  size_t enabled = 0;       // rules that were not commented out
  size_t disabled = 0;      // commented-out rules (`#alert ...`)
  std::vector<RuleIssue> skipped;
  std::map<std::string, size_t> skip_reasons;  // SkipReason -> count
  std::vector<RuleIssue> errors;

  size_t loaded() const { return rules.size(); }
};

class RuleLoader {
 public:
  // REQUIRES: ctx.vars outlives the loader (and ctx.classifications, if set).
  explicit RuleLoader(RuleContext ctx) : ctx_(ctx) {}

  // Parses the rules in `text`; `file_name` is used in reports.
  void AddText(std::string_view text, std::string_view file_name);
  // Reads and parses a file; an error only when the file cannot be read.
  Status AddFile(const std::string& path);

  RuleSet Finish() && { return std::move(set_); }

 private:
  void AddRule(std::string_view text, std::string_view file_name, size_t line);

  RuleContext ctx_;
  RuleSet set_;
  std::map<std::pair<uint32_t, uint32_t>, size_t> seen_;  // gid:sid -> index in set_.rules
};

// The human-readable load summary the sensor prints: loaded and skipped
// counts, skips grouped by reason (most frequent first) and the errors as
// file:line: message (at most `max_errors`, then how many more).
std::string FormatLoadReport(const RuleSet& set, size_t max_errors = 50);

}  // namespace sw::detect
