// SPDX-License-Identifier: Apache-2.0
//
// The rule loader on arbitrary text as a rule file: never crashes; every rule
// is loaded, skipped or an error; every loaded rule is consistent (a sid, a
// fast pattern that points at a content, compiled regexes), and running a
// loaded regex over the input stays within its match limits.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "detect/rule_loader.h"

namespace {

const sw::detect::Variables& Vars() {
  static const sw::detect::Variables vars = [] {
    auto v = sw::detect::Variables::SuricataDefaults();
    v.SetAddress("LOOP_A", "$LOOP_B");  // cycles must be reported, not recursed forever
    v.SetAddress("LOOP_B", "[1.2.3.4,$LOOP_A]");
    return v;
  }();
  return vars;
}

const sw::detect::Classifications& Classes() {
  static const sw::detect::Classifications c = *sw::detect::Classifications::Parse(
      "config classification: trojan-activity,A Network Trojan was detected,1\n"
      "config classification: misc-activity,Misc activity,3\n",
      "fuzz.config");
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sw::detect::RuleLoader loader({.vars = &Vars(), .classifications = &Classes()});
  loader.AddText(text, "fuzz.rules");
  const sw::detect::RuleSet set = std::move(loader).Finish();
  if (set.loaded() + set.skipped.size() + set.errors.size() != set.enabled) __builtin_trap();
  size_t regexes = 0;
  for (const auto& rule : set.rules) {
    if (rule.sid == 0) __builtin_trap();
    if (rule.fast_pattern) {
      if (rule.fast_pattern->option_index >= rule.options.size()) __builtin_trap();
      if (!std::holds_alternative<sw::detect::Content>(rule.options[rule.fast_pattern->option_index].kind)) {
        __builtin_trap();
      }
    }
    for (const auto& o : rule.options) {
      const auto* p = std::get_if<sw::detect::Pcre>(&o.kind);
      if (p == nullptr) continue;
      if (!p->regex) __builtin_trap();
      if (++regexes <= 8) (void)p->regex->Find(text);
    }
  }
  (void)sw::detect::FormatLoadReport(set);
  return 0;
}
