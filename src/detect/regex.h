// SPDX-License-Identifier: Apache-2.0
//
// A PCRE2 regex compiled at rule-load time, with the match limits it must be
// run under (Suricata's pcre.match-limit and match-limit-recursion). Shared by
// shared_ptr between the rule and its matcher; immutable, so it may be used
// from many threads, each with its own match data.
#pragma once

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace sw::detect {

class Regex {
 public:
  struct Limits {
    uint32_t match_limit = 3500;  // Suricata's defaults
    uint32_t depth_limit = 1500;
  };

  // `options` are PCRE2 compile options (PCRE2_CASELESS, ...). Errors carry
  // PCRE2's message and the offset: "missing closing parenthesis at offset 4".
  static Result<std::shared_ptr<const Regex>> Compile(std::string_view pattern, uint32_t options, Limits limits);

  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;
  ~Regex();

  const pcre2_code* code() const { return code_; }
  uint32_t options() const { return options_; }
  const Limits& limits() const { return limits_; }

  // The [start, end) of the first match at or after `from`, nullopt when
  // none; ResourceExhausted when the limits stop the search. Allocates match
  // data per call: meant for tests and simple callers, not the packet path.
  Result<std::optional<std::pair<size_t, size_t>>> Find(std::string_view subject, size_t from = 0) const;

 private:
  Regex(pcre2_code* code, uint32_t options, Limits limits) : code_(code), options_(options), limits_(limits) {}

  pcre2_code* code_;
  uint32_t options_;
  Limits limits_;
};

}  // namespace sw::detect
