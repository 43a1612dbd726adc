// SPDX-License-Identifier: Apache-2.0
#include "detect/rule_parser.h"

#include <array>
#include <vector>

#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

struct ProtocolInfo {
  std::string_view name;
  Transport transport;
  std::string_view app;
  bool packet_only;
  bool stream_only;
  uint8_t ip_version = 0;
};

// The protocols a rule header may name. App protocols we have no decoder
// for yet still parse: the matcher decides what it can inspect.
constexpr std::array kProtocols = {
    ProtocolInfo{"ip", Transport::kAny, "", false, false},
    ProtocolInfo{"pkthdr", Transport::kAny, "", false, false},
    ProtocolInfo{"ipv4", Transport::kAny, "", false, false, 4},
    ProtocolInfo{"ipv6", Transport::kAny, "", false, false, 6},
    ProtocolInfo{"tcp", Transport::kTcp, "", false, false},
    ProtocolInfo{"tcp-pkt", Transport::kTcp, "", true, false},
    ProtocolInfo{"tcp-stream", Transport::kTcp, "", false, true},
    ProtocolInfo{"udp", Transport::kUdp, "", false, false},
    ProtocolInfo{"icmp", Transport::kIcmp, "", false, false},
    ProtocolInfo{"icmpv4", Transport::kIcmp, "", false, false},
    ProtocolInfo{"icmpv6", Transport::kIcmp, "", false, false},
    ProtocolInfo{"http", Transport::kTcp, "http", false, false},
    ProtocolInfo{"http1", Transport::kTcp, "http", false, false},
    ProtocolInfo{"http2", Transport::kTcp, "http2", false, false},
    ProtocolInfo{"dns", Transport::kTcpOrUdp, "dns", false, false},
    ProtocolInfo{"tls", Transport::kTcp, "tls", false, false},
    ProtocolInfo{"ssh", Transport::kTcp, "ssh", false, false},
    ProtocolInfo{"smtp", Transport::kTcp, "smtp", false, false},
    ProtocolInfo{"imap", Transport::kTcp, "imap", false, false},
    ProtocolInfo{"pop3", Transport::kTcp, "pop3", false, false},
    ProtocolInfo{"ftp", Transport::kTcp, "ftp", false, false},
    ProtocolInfo{"ftp-data", Transport::kTcp, "ftp-data", false, false},
    ProtocolInfo{"smb", Transport::kTcp, "smb", false, false},
    ProtocolInfo{"dcerpc", Transport::kTcpOrUdp, "dcerpc", false, false},
    ProtocolInfo{"dhcp", Transport::kUdp, "dhcp", false, false},
    ProtocolInfo{"ntp", Transport::kUdp, "ntp", false, false},
    ProtocolInfo{"tftp", Transport::kUdp, "tftp", false, false},
    ProtocolInfo{"snmp", Transport::kUdp, "snmp", false, false},
    ProtocolInfo{"krb5", Transport::kTcpOrUdp, "krb5", false, false},
    ProtocolInfo{"nfs", Transport::kTcpOrUdp, "nfs", false, false},
    ProtocolInfo{"sip", Transport::kTcpOrUdp, "sip", false, false},
    ProtocolInfo{"rdp", Transport::kTcp, "rdp", false, false},
    ProtocolInfo{"rfb", Transport::kTcp, "rfb", false, false},
    ProtocolInfo{"mqtt", Transport::kTcp, "mqtt", false, false},
    ProtocolInfo{"modbus", Transport::kTcp, "modbus", false, false},
    ProtocolInfo{"dnp3", Transport::kTcp, "dnp3", false, false},
    ProtocolInfo{"enip", Transport::kTcpOrUdp, "enip", false, false},
    ProtocolInfo{"ikev2", Transport::kUdp, "ike", false, false},
    ProtocolInfo{"ike", Transport::kUdp, "ike", false, false},
    ProtocolInfo{"irc", Transport::kTcp, "irc", false, false},
};

struct ActionInfo {
  std::string_view name;
  Action action;
};

constexpr std::array kActions = {
    ActionInfo{"alert", Action::kAlert},         ActionInfo{"pass", Action::kPass},
    ActionInfo{"drop", Action::kDrop},           ActionInfo{"reject", Action::kReject},
    ActionInfo{"rejectsrc", Action::kRejectSrc}, ActionInfo{"rejectdst", Action::kRejectDst},
    ActionInfo{"rejectboth", Action::kRejectBoth},
};

struct RawOption {
  std::string_view name;
  std::string_view value;
  bool has_value = false;
};

// Splits the header on blanks outside [..], so "[1.2.3.4, 5.6.7.8]" is one
// field.
std::vector<std::string_view> HeaderFields(std::string_view h) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < h.size()) {
    while (i < h.size() && (h[i] == ' ' || h[i] == '\t')) ++i;
    if (i >= h.size()) break;
    const size_t start = i;
    int depth = 0;
    while (i < h.size() && (depth > 0 || (h[i] != ' ' && h[i] != '\t'))) {
      if (h[i] == '[') ++depth;
      if (h[i] == ']') --depth;
      ++i;
    }
    out.push_back(h.substr(start, i - start));
  }
  return out;
}

// Splits the option body on ';' not escaped by a backslash, as Suricata does
// (quotes do not protect a ';': it must be written \;).
Result<std::vector<RawOption>> SplitOptions(std::string_view body) {
  std::vector<RawOption> out;
  size_t start = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i + 1 < body.size() && body[i] == '\\') {
      ++i;
      continue;
    }
    if (i < body.size() && body[i] != ';') continue;
    const std::string_view opt = Trim(body.substr(start, i - start));
    start = i + 1;
    if (opt.empty()) {
      if (i < body.size() && !out.empty()) return InvalidArgument("empty option (\";;\")");
      continue;
    }
    RawOption o;
    const size_t colon = opt.find(':');
    if (colon == std::string_view::npos) {
      o.name = opt;
    } else {
      o.name = Trim(opt.substr(0, colon));
      o.value = Trim(opt.substr(colon + 1));
      o.has_value = true;
    }
    if (o.name.empty()) return InvalidArgument("option without a keyword: \"" + std::string(opt.substr(0, 40)) + "\"");
    for (char c : o.name) {
      if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == ')') {
        return InvalidArgument("bad keyword \"" + std::string(o.name.substr(0, 40)) + "\" (missing ';'?)");
      }
    }
    out.push_back(o);
  }
  return out;
}

Status ParseHeader(const std::vector<std::string_view>& f, RuleBuilder& b) {
  if (f.size() != 7) {
    return InvalidArgument("header must be \"action protocol src sport -> dst dport\", found " +
                           std::to_string(f.size()) + " fields");
  }
  Header& h = b.rule.header;
  bool found = false;
  for (const auto& a : kActions) {
    if (a.name == f[0]) {
      h.action = a.action;
      found = true;
    }
  }
  if (!found) {
    if (f[0] == "accept") return Unimplemented("unsupported action \"accept\" (firewall mode)");
    return InvalidArgument("unknown action \"" + std::string(f[0].substr(0, 40)) + "\"");
  }
  const std::string proto = ToLower(f[1]);
  const ProtocolInfo* pi = nullptr;
  for (const auto& p : kProtocols) {
    if (p.name == proto) pi = &p;
  }
  if (pi == nullptr) return Unimplemented("unsupported protocol \"" + proto.substr(0, 40) + "\"");
  h.protocol = Protocol{proto, pi->transport, std::string(pi->app), pi->packet_only, pi->stream_only, pi->ip_version};
  SW_ASSIGN_OR_RETURN(h.src, ParseAddressSpec(f[2], *b.ctx.vars));
  SW_ASSIGN_OR_RETURN(h.src_ports, ParsePortSpec(f[3], *b.ctx.vars));
  if (f[4] == "->") {
    h.direction = Direction::kToDst;
  } else if (f[4] == "<>") {
    h.direction = Direction::kBoth;
  } else if (f[4] == "=>") {
    return Unimplemented("unsupported direction \"=>\" (transactional rules)");
  } else {
    return InvalidArgument("bad direction \"" + std::string(f[4].substr(0, 10)) + "\" (expected -> or <>)");
  }
  SW_ASSIGN_OR_RETURN(h.dst, ParseAddressSpec(f[5], *b.ctx.vars));
  SW_ASSIGN_OR_RETURN(h.dst_ports, ParsePortSpec(f[6], *b.ctx.vars));
  return Status::Ok();
}

Status ParseOption(const RawOption& o, RuleBuilder& b) {
  if (const BufferInfo* sticky = FindStickyBuffer(o.name)) {
    SW_RETURN_IF_ERROR(TakesNoValue(o.name, o.has_value));
    SW_RETURN_IF_ERROR(b.RequireApp(*sticky));
    b.sticky = BufferRef{sticky->id, {}};
    b.sticky_set = true;
    return Status::Ok();
  }
  if (const BufferInfo* legacy = FindLegacyModifier(o.name)) return ApplyLegacyModifier(*legacy, o.has_value, b);
  if (auto t = FindTransform(o.name)) {
    if (o.has_value) return Unimplemented("unsupported transform argument for \"" + std::string(o.name) + "\"");
    if (!b.sticky_set) {
      return InvalidArgument(std::string(o.name) + ": needs a sticky buffer before it");
    }
    b.sticky.transforms.push_back(*t);
    return Status::Ok();
  }
  KeywordHandler h = FindKeywordHandler(o.name);
  if (h == nullptr) return Unimplemented("unsupported keyword \"" + std::string(o.name.substr(0, 40)) + "\"");
  return h(o.value, o.has_value, b);
}

Status Finish(RuleBuilder& b) {
  Rule& r = b.rule;
  if (!b.have_sid) return InvalidArgument("rule has no sid");
  if (!r.classtype.empty() && b.ctx.classifications != nullptr) {
    const ClassType* ct = b.ctx.classifications->Find(r.classtype);
    if (ct == nullptr) return InvalidArgument("unknown classtype \"" + r.classtype + "\"");
    r.class_description = ct->description;
    if (!b.have_priority) r.priority = ct->priority;
  }
  for (size_t i = 0; i < r.options.size(); ++i) {
    const auto* c = std::get_if<Content>(&r.options[i].kind);
    if (c == nullptr || !c->fast_pattern) continue;
    if (c->fast_pattern_slice &&
        size_t{c->fast_pattern_slice->first} + c->fast_pattern_slice->second > c->bytes.size()) {
      return InvalidArgument("fast_pattern: offset plus length exceeds the content length");
    }
  }
  r.fast_pattern = ChooseFastPattern(r.options);
  return Status::Ok();
}

}  // namespace

std::string_view ActionName(Action a) {
  for (const auto& x : kActions) {
    if (x.action == a) return x.name;
  }
  return "alert";
}

std::string_view SkipReason(const Status& skip) {
  std::string_view m = skip.message();
  const size_t at = m.find(": ");
  return at == std::string_view::npos ? m : m.substr(0, at);
}

Result<Rule> ParseRule(std::string_view text, const RuleContext& ctx) {
  text = Trim(text);
  const size_t open = text.find('(');
  if (open == std::string_view::npos) return InvalidArgument("no option list \"( ... )\"");
  if (text.back() != ')') return InvalidArgument("the option list is not closed by ')'");
  RuleBuilder b(ctx);
  SW_RETURN_IF_ERROR(ParseHeader(HeaderFields(text.substr(0, open)), b));
  SW_ASSIGN_OR_RETURN(std::vector<RawOption> options, SplitOptions(text.substr(open + 1, text.size() - open - 2)));
  for (const RawOption& o : options) {
    Status s = ParseOption(o, b);
    if (s.ok()) continue;
    // Errors name the keyword unless they already start with it.
    if (s.message().starts_with(o.name)) return s;
    return s.code() == StatusCode::kUnimplemented ? s : s.WithContext(o.name);
  }
  SW_RETURN_IF_ERROR(Finish(b));
  b.rule.text = std::string(text);
  return std::move(b.rule);
}

// ---- RuleBuilder --------------------------------------------------------

Result<Content*> RuleBuilder::LastContent(std::string_view keyword) {
  if (!last_content) return InvalidArgument(std::string(keyword) + ": no content before it");
  return &std::get<Content>(rule.options[*last_content].kind);
}

Status RuleBuilder::RequireApp(const BufferInfo& info) {
  if (info.app.empty()) return Status::Ok();
  std::string& app = rule.header.protocol.app;
  if (app.empty()) {
    if (rule.header.protocol.transport == Transport::kUdp && info.app != "dns") {
      return InvalidArgument(std::string(info.name) + " needs a TCP protocol, the rule says udp");
    }
    app = std::string(info.app);
    return Status::Ok();
  }
  if (app == info.app || (app == "http2" && info.app == "http")) return Status::Ok();
  return InvalidArgument(std::string(info.name) + " is a " + std::string(info.app) + " buffer, the rule protocol is " +
                         rule.header.protocol.name);
}

DetectOption& RuleBuilder::Add(decltype(DetectOption::kind) kind) {
  rule.options.push_back(DetectOption{sticky, std::move(kind)});
  return rule.options.back();
}

Status NeedsValue(std::string_view keyword, bool has_value) {
  if (!has_value) return InvalidArgument(std::string(keyword) + ": needs a value");
  return Status::Ok();
}

Status TakesNoValue(std::string_view keyword, bool has_value) {
  if (has_value) return InvalidArgument(std::string(keyword) + ": takes no value");
  return Status::Ok();
}

}  // namespace sw::detect
