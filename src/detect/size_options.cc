// SPDX-License-Identifier: Apache-2.0
//
// Size comparisons: dsize (payload size), bsize (size of the buffer in
// force), urilen (size of http.uri, or http.uri.raw with ",raw").
#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {

bool Compare::Matches(uint64_t x) const {
  switch (op) {
    case Op::kEq: return x == lo;
    case Op::kNe: return x != lo;
    case Op::kLt: return x < lo;
    case Op::kLe: return x <= lo;
    case Op::kGt: return x > lo;
    case Op::kGe: return x >= lo;
    case Op::kRange: return x > lo && x < hi;
  }
  return false;
}

Result<Compare> ParseCompare(std::string_view v, std::string_view keyword) {
  v = Trim(v);
  auto bad = [&] {
    return InvalidArgument(std::string(keyword) + ": bad value \"" + std::string(v.substr(0, 30)) + "\"");
  };
  Compare c;
  const size_t range = v.find("<>");
  if (range != std::string_view::npos) {
    auto lo = ParseUint(Trim(v.substr(0, range)));
    auto hi = ParseUint(Trim(v.substr(range + 2)));
    if (!lo || !hi) return bad();
    if (*lo >= *hi) return InvalidArgument(std::string(keyword) + ": range must be low<>high with low < high");
    c.op = Compare::Op::kRange;
    c.lo = *lo;
    c.hi = *hi;
    return c;
  }
  if (v.starts_with("<=")) {
    c.op = Compare::Op::kLe;
    v.remove_prefix(2);
  } else if (v.starts_with(">=")) {
    c.op = Compare::Op::kGe;
    v.remove_prefix(2);
  } else if (v.starts_with("<")) {
    c.op = Compare::Op::kLt;
    v.remove_prefix(1);
  } else if (v.starts_with(">")) {
    c.op = Compare::Op::kGt;
    v.remove_prefix(1);
  } else if (v.starts_with("!")) {
    c.op = Compare::Op::kNe;
    v.remove_prefix(1);
  } else if (v.starts_with("=")) {
    v.remove_prefix(1);
  }
  auto n = ParseUint(Trim(v));
  if (!n) return bad();
  c.lo = *n;
  return c;
}

Status ParseDsize(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("dsize", has));
  if (b.rule.dsize) return InvalidArgument("dsize: given twice");
  SW_ASSIGN_OR_RETURN(b.rule.dsize, ParseCompare(v, "dsize"));
  return Status::Ok();
}

Status ParseBsize(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("bsize", has));
  SW_ASSIGN_OR_RETURN(Compare c, ParseCompare(v, "bsize"));
  b.Add(BufferSize{c});
  return Status::Ok();
}

Status ParseUrilen(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("urilen", has));
  Buffer buffer = Buffer::kHttpUri;
  const size_t comma = v.find(',');
  if (comma != std::string_view::npos) {
    const std::string_view form = Trim(v.substr(comma + 1));
    if (form == "raw") {
      buffer = Buffer::kHttpUriRaw;
    } else if (form != "norm") {
      return InvalidArgument("urilen: expected \",norm\" or \",raw\"");
    }
    v = v.substr(0, comma);
  }
  SW_ASSIGN_OR_RETURN(Compare c, ParseCompare(v, "urilen"));
  SW_RETURN_IF_ERROR(b.RequireApp(Info(buffer)));
  b.Add(BufferSize{c}).buffer = BufferRef{buffer, {}};
  return Status::Ok();
}

}  // namespace sw::detect
