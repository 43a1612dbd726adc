// SPDX-License-Identifier: Apache-2.0
//
// Flow state and cross-packet keywords: flow, flowbits, noalert, threshold,
// detection_filter, app-layer-protocol.
#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

bool ValidBitName(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n) {
    if (c == ' ' || c == '\t' || c == ',' || c == '"' || c == '|' || c == '&') return false;
  }
  return true;
}

// "type limit, track by_src, count 1, seconds 60" -> Threshold.
Result<Threshold> ParseThresholdArgs(std::string_view keyword, std::string_view v, bool need_type) {
  Threshold t;
  bool type = false, track = false, count = false, seconds = false;
  auto bad = [&](std::string_view why) { return InvalidArgument(std::string(keyword) + ": " + std::string(why)); };
  for (std::string_view item : SplitTrim(v, ',')) {
    const size_t sp = item.find_first_of(" \t");
    if (sp == std::string_view::npos) return bad("expected \"name value\" pairs, got \"" + std::string(item) + "\"");
    const std::string_view name = item.substr(0, sp), value = Trim(item.substr(sp + 1));
    if (name == "type" && need_type) {
      if (value == "limit") {
        t.type = Threshold::Type::kLimit;
      } else if (value == "threshold") {
        t.type = Threshold::Type::kThreshold;
      } else if (value == "both") {
        t.type = Threshold::Type::kBoth;
      } else {
        return bad("unknown type \"" + std::string(value) + "\"");
      }
      type = true;
    } else if (name == "track") {
      if (value == "by_src") {
        t.track = Threshold::Track::kBySrc;
      } else if (value == "by_dst") {
        t.track = Threshold::Track::kByDst;
      } else if (value == "by_rule") {
        t.track = Threshold::Track::kByRule;
      } else if (value == "by_both") {
        t.track = Threshold::Track::kByBoth;
      } else if (value == "by_flow") {
        t.track = Threshold::Track::kByFlow;
      } else {
        return bad("unknown track \"" + std::string(value) + "\"");
      }
      track = true;
    } else if (name == "count" || name == "seconds") {
      auto n = ParseUint(value);
      if (!n || *n > 0xffffffffULL) return bad(std::string(name) + " \"" + std::string(value) + "\" is not a number");
      (name == "count" ? t.count : t.seconds) = static_cast<uint32_t>(*n);
      (name == "count" ? count : seconds) = true;
    } else {
      return bad("unknown setting \"" + std::string(name) + "\"");
    }
  }
  if ((need_type && !type) || !track || !count || !seconds) {
    return bad(need_type ? "needs type, track, count and seconds" : "needs track, count and seconds");
  }
  if (t.count == 0) return bad("count must be positive");
  return t;
}

}  // namespace

Status ParseFlow(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("flow", has));
  if (b.rule.flow) return InvalidArgument("flow: given twice");
  FlowCondition f;
  using S = FlowCondition;
  auto set = [](auto& field, auto value, std::string_view word) -> Status {
    if (field != decltype(value){} && field != value) {
      return InvalidArgument("flow: \"" + std::string(word) + "\" contradicts an earlier option");
    }
    field = value;
    return Status::Ok();
  };
  for (std::string_view w : SplitTrim(v, ',')) {
    if (w == "established") {
      SW_RETURN_IF_ERROR(set(f.state, S::State::kEstablished, w));
    } else if (w == "not_established") {
      SW_RETURN_IF_ERROR(set(f.state, S::State::kNotEstablished, w));
    } else if (w == "stateless") {
      SW_RETURN_IF_ERROR(set(f.state, S::State::kStateless, w));
    } else if (w == "to_server" || w == "from_client") {
      SW_RETURN_IF_ERROR(set(f.side, S::Side::kToServer, w));
    } else if (w == "to_client" || w == "from_server") {
      SW_RETURN_IF_ERROR(set(f.side, S::Side::kToClient, w));
    } else if (w == "only_stream") {
      SW_RETURN_IF_ERROR(set(f.stream, S::Stream::kOnlyStream, w));
    } else if (w == "no_stream") {
      SW_RETURN_IF_ERROR(set(f.stream, S::Stream::kNoStream, w));
    } else if (w == "only_frag") {
      SW_RETURN_IF_ERROR(set(f.frag, S::Frag::kOnlyFrag, w));
    } else if (w == "no_frag") {
      SW_RETURN_IF_ERROR(set(f.frag, S::Frag::kNoFrag, w));
    } else {
      return InvalidArgument("flow: unknown option \"" + std::string(w.substr(0, 30)) + "\"");
    }
  }
  b.rule.flow = f;
  return Status::Ok();
}

Status ParseFlowbits(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("flowbits", has));
  const size_t comma = v.find(',');
  const std::string_view cmd = Trim(v.substr(0, comma));
  const std::string_view names = comma == std::string_view::npos ? std::string_view() : Trim(v.substr(comma + 1));
  if (cmd == "noalert") {
    if (!names.empty()) return InvalidArgument("flowbits: noalert takes no name");
    b.rule.noalert = true;
    return Status::Ok();
  }
  Flowbit fb;
  if (cmd == "set") {
    fb.cmd = Flowbit::Cmd::kSet;
  } else if (cmd == "isset") {
    fb.cmd = Flowbit::Cmd::kIsSet;
  } else if (cmd == "isnotset") {
    fb.cmd = Flowbit::Cmd::kIsNotSet;
  } else if (cmd == "unset") {
    fb.cmd = Flowbit::Cmd::kUnset;
  } else if (cmd == "toggle") {
    fb.cmd = Flowbit::Cmd::kToggle;
  } else {
    return InvalidArgument("flowbits: unknown command \"" + std::string(cmd.substr(0, 20)) + "\"");
  }
  if (names.empty()) return InvalidArgument("flowbits: " + std::string(cmd) + " needs a name");
  const bool has_or = names.find('|') != std::string_view::npos;
  const bool has_and = names.find('&') != std::string_view::npos;
  if (has_or && has_and) return InvalidArgument("flowbits: cannot mix '|' and '&'");
  if (has_or && fb.cmd != Flowbit::Cmd::kIsSet && fb.cmd != Flowbit::Cmd::kIsNotSet) {
    return InvalidArgument("flowbits: '|' is only allowed with isset and isnotset");
  }
  fb.any_of = has_or;
  for (std::string_view n : SplitTrim(names, has_or ? '|' : '&')) {
    if (!ValidBitName(n)) return InvalidArgument("flowbits: bad name \"" + std::string(n.substr(0, 40)) + "\"");
    fb.names.emplace_back(n);
  }
  b.rule.flowbits.push_back(std::move(fb));
  return Status::Ok();
}

Status ParseAppLayerProtocol(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("app-layer-protocol", has));
  const auto parts = SplitTrim(v, ',');
  if (parts.size() > 2) return InvalidArgument("app-layer-protocol: expected [!]name[,mode]");
  AppLayerProtocol a;
  std::string_view name = parts[0];
  if (!name.empty() && name[0] == '!') {
    a.negated = true;
    name = Trim(name.substr(1));
  }
  if (name.empty()) return InvalidArgument("app-layer-protocol: needs a protocol name");
  a.name = ToLower(name);
  if (parts.size() == 2) {
    const std::string_view m = parts[1];
    if (m != "to_server" && m != "to_client" && m != "direction" && m != "final" && m != "original" &&
        m != "either") {
      return InvalidArgument("app-layer-protocol: unknown mode \"" + std::string(m.substr(0, 20)) + "\"");
    }
    a.mode = std::string(m);
  }
  b.rule.app_layer_protocols.push_back(std::move(a));
  return Status::Ok();
}

Status ParseNoalert(std::string_view, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(TakesNoValue("noalert", has));
  b.rule.noalert = true;
  return Status::Ok();
}

Status ParseThreshold(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("threshold", has));
  if (b.rule.threshold) return InvalidArgument("threshold: given twice");
  SW_ASSIGN_OR_RETURN(b.rule.threshold, ParseThresholdArgs("threshold", v, true));
  return Status::Ok();
}

Status ParseDetectionFilter(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("detection_filter", has));
  if (b.rule.detection_filter) return InvalidArgument("detection_filter: given twice");
  SW_ASSIGN_OR_RETURN(Threshold t, ParseThresholdArgs("detection_filter", v, false));
  t.type = Threshold::Type::kDetectionFilter;
  b.rule.detection_filter = t;
  return Status::Ok();
}

}  // namespace sw::detect
