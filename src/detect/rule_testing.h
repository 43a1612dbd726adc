// SPDX-License-Identifier: Apache-2.0
//
// Test helpers for the rule parser tests (test-only).
#pragma once

#include <string>
#include <string_view>

#include "detect/rule_parser.h"

namespace sw::detect::testing {

inline const Variables& TestVars() {
  static const Variables vars = Variables::SuricataDefaults();
  return vars;
}

inline const Classifications& TestClasses() {
  static const Classifications c = *Classifications::Parse(
      "config classification: trojan-activity,A Network Trojan was detected,1\n"
      "config classification: misc-activity,Misc activity,3\n"
      "config classification: bad-unknown,Potentially Bad Traffic,2\n",
      "test.config");
  return c;
}

inline RuleContext TestContext() { return RuleContext{&TestVars(), &TestClasses(), {}}; }

inline Result<Rule> ParseText(std::string_view text) { return ParseRule(text, TestContext()); }

// A tcp any -> any rule with these options and sid:1.
inline Result<Rule> ParseOptions(std::string_view options, std::string_view proto = "tcp") {
  return ParseText("alert " + std::string(proto) + " any any -> any any (" + std::string(options) + " sid:1;)");
}

}  // namespace sw::detect::testing
