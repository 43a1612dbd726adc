// SPDX-License-Identifier: Apache-2.0
//
// pcre:"/regex/flags"; compiled with PCRE2 when the rule loads. Suricata's
// flags translate to PCRE2 options (i s m x A E G), to the relative flag R,
// to O (lift the match limits), B (rawbytes, ignored) and to the buffer
// flags (U I P Q H D M C S Y V W Z) that bind the regex to an HTTP buffer.
#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {

Status ParsePcre(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("pcre", has));
  Pcre p;
  v = Trim(v);
  if (!v.empty() && v[0] == '!') {
    p.negated = true;
    v = Trim(v.substr(1));
  }
  // Suricata also takes the regex unquoted: pcre:/x/U;
  const bool quoted = v.size() >= 2 && v.front() == '"' && v.back() == '"';
  const std::string_view body = quoted ? v.substr(1, v.size() - 2) : v;
  const size_t close = body.rfind('/');
  if (body.empty() || body[0] != '/' || close == 0 || close == std::string_view::npos) {
    return InvalidArgument("pcre: expected \"/regex/flags\", got " + std::string(v.substr(0, 60)));
  }
  p.source = std::string(body);
  p.pattern = std::string(body.substr(1, close - 1));
  std::string_view flags = body.substr(close + 1);
  // "/re/flags, pkt:name, flow:name": captures stored into variables.
  if (const size_t comma = flags.find(','); comma != std::string_view::npos) {
    for (std::string_view c : SplitTrim(flags.substr(comma + 1), ',')) {
      const size_t colon = c.find(':');
      const std::string_view scope = c.substr(0, colon);
      if (colon == std::string_view::npos || colon + 1 >= c.size() ||
          (scope != "pkt" && scope != "flow" && scope != "alert")) {
        return InvalidArgument("pcre: bad capture \"" + std::string(c.substr(0, 40)) +
                               "\" (expected pkt:name, flow:name or alert:name)");
      }
      p.captures.emplace_back(c);
    }
    flags = Trim(flags.substr(0, comma));
  }
  uint32_t options = 0;
  BufferRef buffer = b.sticky;
  bool buffer_flag = false;
  for (char f : flags) {
    switch (f) {
      case 'i': options |= PCRE2_CASELESS; break;
      case 's': options |= PCRE2_DOTALL; break;
      case 'm': options |= PCRE2_MULTILINE; break;
      case 'x': options |= PCRE2_EXTENDED; break;
      case 'A': options |= PCRE2_ANCHORED; break;
      case 'E': options |= PCRE2_DOLLAR_ENDONLY; break;
      case 'G': options |= PCRE2_UNGREEDY; break;
      case 'R': p.relative = true; break;
      case 'O': p.no_match_limit = true; break;
      case 'B': break;  // rawbytes: Suricata ignores it
      default: {
        const BufferInfo* info = FindPcreBufferFlag(f);
        if (info == nullptr) return InvalidArgument("pcre: unknown modifier '" + std::string(1, f) + "'");
        if (buffer_flag && buffer.buffer != info->id) return InvalidArgument("pcre: two buffer modifiers");
        // Q names file.data, which for HTTP is the response body: it also
        // fits a http.response_body sticky buffer (ET uses both forms).
        const bool same_body = info->id == Buffer::kFileData && b.sticky.buffer == Buffer::kHttpResponseBody;
        if (b.sticky.buffer != Buffer::kPktData && b.sticky.buffer != info->id && !same_body) {
          return InvalidArgument("pcre: modifier '" + std::string(1, f) + "' (" + std::string(info->name) +
                                 ") conflicts with the sticky buffer " + std::string(BufferName(b.sticky.buffer)));
        }
        SW_RETURN_IF_ERROR(b.RequireApp(*info));
        if (buffer.buffer != info->id && !same_body) buffer = BufferRef{info->id, {}};
        buffer_flag = true;
      }
    }
  }
  Regex::Limits limits = b.ctx.pcre_limits;
  if (p.no_match_limit) limits = Regex::Limits{10'000'000, 100'000};
  auto compiled = Regex::Compile(p.pattern, options, limits);
  if (!compiled.ok()) return Unimplemented("pcre does not compile: " + compiled.status().message());
  p.regex = std::move(compiled).value();
  b.Add(std::move(p)).buffer = buffer;
  return Status::Ok();
}

}  // namespace sw::detect
