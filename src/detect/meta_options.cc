// SPDX-License-Identifier: Apache-2.0
//
// Keywords that describe the alert and do not match: msg, sid, rev, gid,
// classtype, priority, reference, metadata, target.
#include <limits>

#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

Result<uint32_t> ParseU32(std::string_view keyword, std::string_view v, bool has) {
  SW_RETURN_IF_ERROR(NeedsValue(keyword, has));
  auto n = ParseUint(Trim(Unquote(v)));
  if (!n || *n > std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument(std::string(keyword) + ": \"" + std::string(v.substr(0, 20)) + "\" is not a number");
  }
  return static_cast<uint32_t>(*n);
}

}  // namespace

std::string Unquote(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) ++i;
    out += v[i];
  }
  return out;
}

Status ParseMsg(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("msg", has));
  b.rule.msg = Unquote(v);
  return Status::Ok();
}

Status ParseSid(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(b.rule.sid, ParseU32("sid", v, has));
  if (b.rule.sid == 0) return InvalidArgument("sid: must not be 0");
  b.have_sid = true;
  return Status::Ok();
}

Status ParseRev(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(b.rule.rev, ParseU32("rev", v, has));
  return Status::Ok();
}

Status ParseGid(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(b.rule.gid, ParseU32("gid", v, has));
  return Status::Ok();
}

Status ParseClasstype(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("classtype", has));
  if (!b.rule.classtype.empty()) return InvalidArgument("classtype: given twice");
  b.rule.classtype = std::string(Trim(v));
  if (b.rule.classtype.empty()) return InvalidArgument("classtype: empty");
  return Status::Ok();
}

Status ParsePriority(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(uint32_t p, ParseU32("priority", v, has));
  if (p < 1 || p > 255) return InvalidArgument("priority: must be 1-255");
  b.rule.priority = static_cast<int>(p);
  b.have_priority = true;
  return Status::Ok();
}

Status ParseReference(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("reference", has));
  const size_t comma = v.find(',');
  if (comma == std::string_view::npos) return InvalidArgument("reference: expected \"type,value\"");
  Reference r{std::string(Trim(v.substr(0, comma))), Unquote(Trim(v.substr(comma + 1)))};
  if (r.type.empty() || r.value.empty()) return InvalidArgument("reference: expected \"type,value\"");
  b.rule.references.push_back(std::move(r));
  return Status::Ok();
}

Status ParseMetadata(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("metadata", has));
  for (std::string_view item : SplitTrim(v, ',')) {
    if (item.empty()) continue;
    const size_t sp = item.find_first_of(" \t");
    if (sp == std::string_view::npos) {
      b.rule.metadata.emplace_back(std::string(item), std::string());
    } else {
      b.rule.metadata.emplace_back(std::string(item.substr(0, sp)), Unquote(Trim(item.substr(sp + 1))));
    }
  }
  return Status::Ok();
}

Status ParseTarget(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("target", has));
  v = Trim(v);
  if (v == "src_ip") {
    b.rule.target = Rule::Target::kSrcIp;
  } else if (v == "dest_ip") {
    b.rule.target = Rule::Target::kDestIp;
  } else {
    return InvalidArgument("target: expected src_ip or dest_ip");
  }
  return Status::Ok();
}

}  // namespace sw::detect
