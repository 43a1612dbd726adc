// SPDX-License-Identifier: Apache-2.0
#include "detect/regex.h"

#include <string>

namespace sw::detect {

Result<std::shared_ptr<const Regex>> Regex::Compile(std::string_view pattern, uint32_t options,
                                                     Limits limits) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* compiled =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &code, &offset, nullptr);
  if (compiled == nullptr) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    return InvalidArgument(std::string(reinterpret_cast<const char*>(msg)) + " at offset " + std::to_string(offset));
  }
  return std::shared_ptr<const Regex>(new Regex(compiled, options, limits));
}

Regex::~Regex() { pcre2_code_free(code_); }

Result<std::optional<std::pair<size_t, size_t>>> Regex::Find(std::string_view subject, size_t from) const {
  pcre2_match_context* mctx = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(mctx, limits_.match_limit);
  pcre2_set_depth_limit(mctx, limits_.depth_limit);
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(code_, nullptr);
  const int rc =
      pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, 0, md, mctx);
  std::optional<std::pair<size_t, size_t>> out;
  if (rc > 0) {
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    out = std::make_pair(static_cast<size_t>(ov[0]), static_cast<size_t>(ov[1]));
  }
  pcre2_match_data_free(md);
  pcre2_match_context_free(mctx);
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT) {
    return ResourceExhausted("pcre match limit reached");
  }
  if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) return Internal("pcre2_match failed: " + std::to_string(rc));
  return out;
}

}  // namespace sw::detect
