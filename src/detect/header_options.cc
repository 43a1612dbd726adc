// SPDX-License-Identifier: Apache-2.0
//
// Packet header and stream keywords: itype, icode, ttl, ip_proto, flags,
// stream_size, and tls.version (a header field of the TLS record).
#include <array>

#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

Status SetOnce(std::optional<Compare>& field, std::string_view v, bool has, std::string_view keyword,
               uint64_t max) {
  SW_RETURN_IF_ERROR(NeedsValue(keyword, has));
  if (field) return InvalidArgument(std::string(keyword) + ": given twice");
  SW_ASSIGN_OR_RETURN(Compare c, ParseCompare(v, keyword));
  if (c.lo > max || c.hi > max) {
    return InvalidArgument(std::string(keyword) + ": values are at most " + std::to_string(max));
  }
  field = c;
  return Status::Ok();
}

int FlagBit(char c) {
  switch (c) {
    case 'F': return TcpFlags::kFin;
    case 'S': return TcpFlags::kSyn;
    case 'R': return TcpFlags::kRst;
    case 'P': return TcpFlags::kPsh;
    case 'A': return TcpFlags::kAck;
    case 'U': return TcpFlags::kUrg;
    case 'E': case '2': return TcpFlags::kEce;  // 1 and 2 are Snort's old names
    case 'C': case '1': return TcpFlags::kCwr;
    default: return -1;
  }
}

}  // namespace

Status ParseItype(std::string_view v, bool has, RuleBuilder& b) { return SetOnce(b.rule.itype, v, has, "itype", 255); }
Status ParseIcode(std::string_view v, bool has, RuleBuilder& b) { return SetOnce(b.rule.icode, v, has, "icode", 255); }
Status ParseTtl(std::string_view v, bool has, RuleBuilder& b) { return SetOnce(b.rule.ttl, v, has, "ttl", 255); }

Status ParseIpProto(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("ip_proto", has));
  struct Named {
    std::string_view name;
    int number;
  };
  static constexpr std::array kNames = {Named{"icmp", 1},  Named{"igmp", 2},  Named{"tcp", 6},
                                        Named{"udp", 17},  Named{"ipv6", 41}, Named{"gre", 47},
                                        Named{"esp", 50},  Named{"ah", 51},   Named{"ipv6-icmp", 58},
                                        Named{"sctp", 132}};
  std::string_view t = Trim(v);
  std::string_view prefix;
  if (!t.empty() && (t[0] == '!' || t[0] == '<' || t[0] == '>')) {
    prefix = t.substr(0, 1);
    t = Trim(t.substr(1));
  }
  for (const auto& n : kNames) {
    if (ToLower(t) == n.name) {
      return SetOnce(b.rule.ip_proto, std::string(prefix) + std::to_string(n.number), true, "ip_proto", 255);
    }
  }
  return SetOnce(b.rule.ip_proto, v, has, "ip_proto", 255);
}

Status ParseFlags(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("flags", has));
  if (b.rule.tcp_flags) return InvalidArgument("flags: given twice");
  TcpFlags f;
  const size_t comma = v.find(',');
  const std::string_view main = Trim(v.substr(0, comma));
  bool zero = false;
  for (char c : main) {
    if (c == '+' || c == '*' || c == '!') {
      if (f.mode != TcpFlags::Mode::kExact) return InvalidArgument("flags: more than one modifier");
      f.mode = c == '+' ? TcpFlags::Mode::kAll : c == '*' ? TcpFlags::Mode::kAny : TcpFlags::Mode::kNot;
      continue;
    }
    if (c == '0') {
      zero = true;
      continue;
    }
    const int bit = FlagBit(c);
    if (bit < 0) return InvalidArgument("flags: unknown flag '" + std::string(1, c) + "'");
    f.set = static_cast<uint8_t>(f.set | bit);
  }
  if (zero && f.set != 0) return InvalidArgument("flags: 0 (no flags) with other flags");
  if (!zero && f.set == 0) return InvalidArgument("flags: no flags given");
  if (comma != std::string_view::npos) {
    for (char c : Trim(v.substr(comma + 1))) {
      const int bit = FlagBit(c);
      if (bit < 0) return InvalidArgument("flags: unknown flag '" + std::string(1, c) + "' in the ignore mask");
      f.ignore = static_cast<uint8_t>(f.ignore | bit);
    }
  }
  b.rule.tcp_flags = f;
  return Status::Ok();
}

Status ParseStreamSize(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("stream_size", has));
  const auto parts = SplitTrim(v, ',');
  if (parts.size() != 3) return InvalidArgument("stream_size: expected side,operator,bytes");
  StreamSize s;
  if (parts[0] == "server") {
    s.side = StreamSize::Side::kServer;
  } else if (parts[0] == "client") {
    s.side = StreamSize::Side::kClient;
  } else if (parts[0] == "both") {
    s.side = StreamSize::Side::kBoth;
  } else if (parts[0] == "either") {
    s.side = StreamSize::Side::kEither;
  } else {
    return InvalidArgument("stream_size: unknown side \"" + std::string(parts[0].substr(0, 20)) + "\"");
  }
  const std::string_view op = parts[1];
  if (op != "<" && op != ">" && op != "=" && op != "!=" && op != "<=" && op != ">=") {
    return InvalidArgument("stream_size: unknown operator \"" + std::string(op.substr(0, 10)) + "\"");
  }
  // "!=" reads as ParseCompare's "!"; "=" as plain equality.
  const std::string_view cmp_op = op == "!=" ? "!" : op;
  SW_ASSIGN_OR_RETURN(s.cmp, ParseCompare(std::string(cmp_op) + std::string(parts[2]), "stream_size"));
  b.rule.stream_sizes.push_back(s);
  return Status::Ok();
}

Status ParseTlsVersion(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("tls.version", has));
  if (b.rule.tls_version) return InvalidArgument("tls.version: given twice");
  const std::string t = ToLower(Trim(v));
  uint16_t version = 0;
  if (t == "1.0") {
    version = 0x0301;
  } else if (t == "1.1") {
    version = 0x0302;
  } else if (t == "1.2") {
    version = 0x0303;
  } else if (t == "1.3") {
    version = 0x0304;
  } else if (t == "ssl3" || t == "3.0") {
    version = 0x0300;
  } else if (auto n = ParseUint(t); n && t.starts_with("0x") && *n <= 0xffff) {
    version = static_cast<uint16_t>(*n);
  } else {
    return InvalidArgument("tls.version: unknown version \"" + t.substr(0, 20) + "\"");
  }
  SW_RETURN_IF_ERROR(b.RequireApp(Info(Buffer::kTlsSni)));
  b.rule.tls_version = version;
  return Status::Ok();
}

}  // namespace sw::detect
