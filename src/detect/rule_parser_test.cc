// SPDX-License-Identifier: Apache-2.0
#include "detect/rule_parser.h"

#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;
using testing::ParseText;

TEST(RuleParser, AnEtRuleWhole) {
  auto r = ParseText(
      R"(alert http $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET MALWARE Test \"quoted\" \; semi"; )"
      R"(flow:established,to_server; http.method; content:"GET"; http.uri; content:"/gate.php?id="; fast_pattern; )"
      R"(reference:url,example.com/a,b; reference:cve,2024-1234; classtype:trojan-activity; sid:2000001; rev:3; )"
      R"(metadata:created_at 2024_01_01, signature_severity Major;))");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Header& h = r->header;
  EXPECT_EQ(h.action, Action::kAlert);
  EXPECT_EQ(h.protocol.name, "http");
  EXPECT_EQ(h.protocol.transport, Transport::kTcp);
  EXPECT_EQ(h.protocol.app, "http");
  EXPECT_EQ(h.src.text, "$HOME_NET");
  EXPECT_TRUE(h.src_ports.any());
  EXPECT_EQ(h.direction, Direction::kToDst);
  EXPECT_TRUE(h.dst.set.Contains(*ParseIp("8.8.8.8")));
  EXPECT_TRUE(h.dst_ports.set.Contains(80));
  EXPECT_FALSE(h.dst_ports.set.Contains(8080));
  EXPECT_EQ(r->msg, "ET MALWARE Test \"quoted\" ; semi");
  EXPECT_EQ(r->gid, 1u);
  EXPECT_EQ(r->sid, 2000001u);
  EXPECT_EQ(r->rev, 3u);
  EXPECT_EQ(r->classtype, "trojan-activity");
  EXPECT_EQ(r->class_description, "A Network Trojan was detected");
  EXPECT_EQ(r->priority, 1);
  ASSERT_EQ(r->references.size(), 2u);
  EXPECT_EQ(r->references[0].type, "url");
  EXPECT_EQ(r->references[0].value, "example.com/a,b");
  EXPECT_EQ(r->references[1].value, "2024-1234");
  ASSERT_EQ(r->metadata.size(), 2u);
  EXPECT_EQ(r->metadata[1], (std::pair<std::string, std::string>{"signature_severity", "Major"}));
  ASSERT_EQ(r->options.size(), 2u);
  EXPECT_EQ(r->fast_pattern->bytes, "/gate.php?id=");
  EXPECT_EQ(r->fast_pattern->buffer.buffer, Buffer::kHttpUri);
}

TEST(RuleParser, ActionsProtocolsDirections) {
  auto r = ParseText("rejectboth udp [10.0.0.1, 10.0.0.2] !53 <> any [1024:,!2000] (sid:5; priority:2;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->header.action, Action::kRejectBoth);
  EXPECT_EQ(ActionName(r->header.action), "rejectboth");
  EXPECT_EQ(r->header.protocol.transport, Transport::kUdp);
  EXPECT_EQ(r->header.direction, Direction::kBoth);
  EXPECT_FALSE(r->header.src_ports.set.Contains(53));
  EXPECT_TRUE(r->header.src_ports.set.Contains(54));
  EXPECT_FALSE(r->header.dst_ports.set.Contains(2000));
  EXPECT_TRUE(r->header.dst_ports.set.Contains(2001));
  EXPECT_EQ(r->priority, 2);
  EXPECT_TRUE(ParseText("pass tcp-pkt any any -> any any (sid:1;)")->header.protocol.packet_only);
  EXPECT_EQ(ParseText("alert dns any any -> any any (sid:1;)")->header.protocol.transport, Transport::kTcpOrUdp);
  EXPECT_EQ(ParseText("alert ipv6 any any -> any any (sid:1;)")->header.protocol.ip_version, 6);
  auto hdr = ParseText(R"(alert tcp any any -> any any (http.request_header; content:"Host|3a 20|x"; sid:1;))");
  ASSERT_TRUE(hdr.ok()) << hdr.status().ToString();
  EXPECT_EQ(hdr->options[0].buffer.buffer, Buffer::kHttpRequestHeader);
  // Priority without a classtype: 3.
  EXPECT_EQ(ParseText("alert ip any any -> any any (sid:1;)")->priority, 3);
  // classtype then priority: priority wins.
  EXPECT_EQ(ParseText("alert ip any any -> any any (classtype:trojan-activity; priority:4; sid:1;)")->priority, 4);
}

TEST(RuleParser, SkipsUnsupportedWithTheReason) {
  auto r = ParseOptions(R"(content:"a"; xbits:set,foo,track ip_src;)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(r.status().message(), "unsupported keyword \"xbits\"");
  EXPECT_EQ(SkipReason(r.status()), "unsupported keyword \"xbits\"");
  auto p = ParseText("alert quic any any -> any any (sid:1;)");
  EXPECT_EQ(p.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(p.status().message(), "unsupported protocol \"quic\"");
  EXPECT_EQ(ParseOptions("http.host; pcrexform:\"x\"; content:\"a\";").status().message(),
            "unsupported keyword \"pcrexform\"");
}

TEST(RuleParser, Errors) {
  EXPECT_EQ(ParseText("alert tcp any any -> any any (msg:\"x\";)").status().message(), "rule has no sid");
  EXPECT_EQ(ParseText("alert tcp any any any any (sid:1;)").status().message(),
            "header must be \"action protocol src sport -> dst dport\", found 6 fields");
  EXPECT_EQ(ParseText("alert tcp any any <- any any (sid:1;)").status().message(),
            "bad direction \"<-\" (expected -> or <>)");
  EXPECT_EQ(ParseText("warn tcp any any -> any any (sid:1;)").status().message(), "unknown action \"warn\"");
  EXPECT_EQ(ParseText("alert tcp any any -> any any (sid:1;").status().message(),
            "the option list is not closed by ')'");
  EXPECT_EQ(ParseText("alert tcp any any -> any any (classtype:nope; sid:1;)").status().message(),
            "unknown classtype \"nope\"");
  EXPECT_EQ(ParseText("alert tcp any any -> any any (content:\"a\" sid:1;)").status().message(),
            "content: pattern is not quoted in \"a\" sid:1");
  EXPECT_EQ(ParseText("alert tcp $NOPE any -> any any (sid:1;)").status().message(),
            "unknown address variable $NOPE");
  EXPECT_EQ(ParseText("alert tcp any any -> any any (sid:x;)").status().message(), "sid: \"x\" is not a number");
  EXPECT_EQ(ParseText("alert tcp any any -> any any (sid:1;; msg:\"a\";)").status().message(),
            "empty option (\";;\")");
}

TEST(RuleParser, UdpRuleCannotUseHttpBuffers) {
  EXPECT_EQ(ParseOptions(R"(http.uri; content:"a";)", "udp").status().message(),
            "http.uri needs a TCP protocol, the rule says udp");
  auto dns = ParseOptions(R"(dns.query; content:"evil";)", "udp");
  ASSERT_TRUE(dns.ok()) << dns.status().ToString();
  EXPECT_EQ(dns->header.protocol.app, "dns");
}

}  // namespace
}  // namespace sw::detect
