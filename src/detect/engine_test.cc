// SPDX-License-Identifier: Apache-2.0
//
// The engine end to end on hand-made inspections: prefilter plus
// verification, content modifiers with Suricata's semantics (within counted
// from the distance point, backtracking to a later occurrence), pcre,
// byte_test/byte_jump, flow and flowbits, transaction buffers with
// transforms, and thresholds.
#include "detect/engine.h"

#include <gtest/gtest.h>

#include <map>

#include "detect/variables.h"

namespace sw::detect {
namespace {

class MapBuffers final : public BufferSource {
 public:
  std::map<Buffer, std::string> data;
  std::optional<std::string_view> Get(Buffer b) override {
    auto it = data.find(b);
    if (it == data.end()) return std::nullopt;
    return std::string_view(it->second);
  }
};

class Collect final : public AlertSink {
 public:
  std::vector<uint32_t> sids;
  void OnAlert(const Alert& a) override { sids.push_back(a.rule->sid); }
};

class EngineTest : public ::testing::Test {
 protected:
  void Load(const std::string& rules) {
    vars_ = Variables::SuricataDefaults();
    RuleLoader loader({.vars = &vars_});
    loader.AddText(rules, "test.rules");
    RuleSet set = std::move(loader).Finish();
    ASSERT_TRUE(set.errors.empty()) << set.errors[0].message;
    ASSERT_TRUE(set.skipped.empty()) << set.skipped[0].message;
    auto e = DetectEngine::Build(std::move(set));
    ASSERT_TRUE(e.ok()) << e.status().message();
    engine_ = std::move(*e);
    thread_ = std::make_unique<DetectThread>(*engine_);
  }

  std::vector<uint32_t> Packet(const std::string& payload, bool to_server = true, uint8_t proto = 6,
                               bool established = true) {
    MapBuffers b;
    b.data[Buffer::kPktData] = payload;
    Inspection in;
    in.kind = Inspection::Kind::kPacket;
    in.facts.src = Ip128::FromV4(to_server ? 0x0A000005 : 0xC0000250);  // 10.0.0.5 / 192.0.2.80
    in.facts.dst = Ip128::FromV4(to_server ? 0xC0000250 : 0x0A000005);
    in.facts.sport = to_server ? 40000 : 80;
    in.facts.dport = to_server ? 80 : 40000;
    in.facts.ip_proto = proto;
    in.facts.payload_size = payload.size();
    in.facts.has_flow = true;
    in.facts.to_server = to_server;
    in.facts.established = established;
    in.buffers = &b;
    in.flow = &flow_;
    in.time_us = now_us_;
    Collect c;
    thread_->Inspect(in, c);
    return c.sids;
  }

  Variables vars_;
  std::unique_ptr<DetectEngine> engine_;
  std::unique_ptr<DetectThread> thread_;
  FlowDetectState flow_;
  int64_t now_us_ = 0;
};

using Sids = std::vector<uint32_t>;

TEST_F(EngineTest, ContentModifiers) {
  Load(R"(alert tcp any any -> any any (msg:"abs"; content:"GET"; depth:3; sid:1;)
alert tcp any any -> any any (msg:"rel"; content:"user="; content:"admin"; distance:0; within:5; sid:2;)
alert tcp any any -> any any (msg:"backtrack"; content:"A"; content:"B"; distance:1; within:1; sid:3;)
alert tcp any any -> any any (msg:"neg"; content:"ok"; content:!"evil"; sid:4;)
alert tcp any any -> any any (msg:"nocase end"; content:".EXE"; nocase; endswith; sid:5;)
alert tcp any any -> any any (msg:"within from distance"; content:"X"; content:"Y"; distance:2; within:1; sid:6;)
)");
  EXPECT_EQ(Packet("GET /login?user=admin"), (Sids{1, 2}));
  EXPECT_EQ(Packet("xGET /login?user=xadmin"), Sids{});      // not at the start; admin too far
  EXPECT_EQ(Packet("A.CAxB"), (Sids{3}));                    // the second A is the one that works
  EXPECT_EQ(Packet("ok fine"), (Sids{4}));
  EXPECT_EQ(Packet("ok but evil"), Sids{});
  EXPECT_EQ(Packet("GET /setup.exe"), (Sids{1, 5}));
  EXPECT_EQ(Packet("X..Y"), (Sids{6}));                      // distance 2 then 1 byte: Y at +2
  EXPECT_EQ(Packet("X...Y"), Sids{});
}

TEST_F(EngineTest, PcreBytesAndSizes) {
  Load(R"(alert udp any any -> any any (msg:"pcre"; content:"id="; pcre:"/id=\d{3}\b/"; sid:10;)
alert udp any any -> any any (msg:"byte_test"; content:"|01|"; depth:1; byte_test:2,>,1000,1; sid:11;)
alert udp any any -> any any (msg:"byte_jump"; content:"L"; depth:1; byte_jump:1,1; content:"END"; within:3; sid:12;)
alert udp any any -> any any (msg:"dsize"; dsize:>100; sid:13;)
)");
  EXPECT_EQ(Packet("q id=123 x", true, 17), (Sids{10}));
  EXPECT_EQ(Packet("q id=1234", true, 17), Sids{});
  EXPECT_EQ(Packet(std::string("\x01\x03\xE9", 3), true, 17), (Sids{11}));  // 1001 > 1000
  EXPECT_EQ(Packet(std::string("\x01\x03\xE8", 3), true, 17), Sids{});
  EXPECT_EQ(Packet(std::string("L\x02..END", 7), true, 17), (Sids{12}));      // skip 2 bytes, then END
  EXPECT_EQ(Packet(std::string(101, 'z'), true, 17), (Sids{13}));
}

TEST_F(EngineTest, FlowAndFlowbits) {
  Load(R"(alert tcp any any -> any any (msg:"set"; flow:established,to_server; content:"LOGIN"; flowbits:set,login; flowbits:noalert; sid:20;)
alert tcp any any -> any any (msg:"after login"; flow:established,to_client; content:"denied"; flowbits:isset,login; sid:21;)
alert tcp any any -> any any (msg:"not established"; flow:not_established; content:"hello"; sid:22;)
)");
  EXPECT_EQ(Packet("access denied", false), Sids{});  // the bit is not set yet
  EXPECT_EQ(Packet("LOGIN bob", true), Sids{});       // sets it, no alert
  EXPECT_EQ(Packet("access denied", false), (Sids{21}));
  EXPECT_EQ(Packet("LOGIN bob", false), Sids{});      // wrong direction
  EXPECT_EQ(Packet("hello", true, 6, false), (Sids{22}));
}

TEST_F(EngineTest, TransactionBuffersTransformsAndThresholds) {
  Load(R"(alert dns any any -> any any (msg:"domain"; dns.query; dotprefix; content:".evil.example"; endswith; sid:30;)
alert http any any -> any any (msg:"ua"; flow:to_server; http.user_agent; content:"sqlmap"; nocase; threshold:type limit, track by_src, count 2, seconds 60; sid:31;)
)");
  auto tx = [&](Buffer b, const std::string& v, const char* app) {
    MapBuffers buf;
    buf.data[b] = v;
    Inspection in;
    in.kind = Inspection::Kind::kTransaction;
    in.app = app;
    in.facts.ip_proto = std::string_view(app) == "dns" ? 17 : 6;
    in.facts.has_flow = true;
    in.facts.to_server = true;
    in.facts.established = true;
    in.buffers = &buf;
    in.time_us = now_us_;
    Collect c;
    thread_->Inspect(in, c);
    return c.sids;
  };
  EXPECT_EQ(tx(Buffer::kDnsQuery, "a.evil.example", "dns"), (Sids{30}));
  EXPECT_EQ(tx(Buffer::kDnsQuery, "evil.example", "dns"), (Sids{30}));  // dotprefix: the domain itself too
  EXPECT_EQ(tx(Buffer::kDnsQuery, "notevil.example", "dns"), Sids{});
  EXPECT_EQ(tx(Buffer::kHttpUserAgent, "SQLMap/1.7", "http"), (Sids{31}));
  EXPECT_EQ(tx(Buffer::kHttpUserAgent, "sqlmap/1.7", "http"), (Sids{31}));
  EXPECT_EQ(tx(Buffer::kHttpUserAgent, "sqlmap/1.7", "http"), Sids{});  // limit 2 per minute
  now_us_ += 61'000'000;
  EXPECT_EQ(tx(Buffer::kHttpUserAgent, "sqlmap/1.7", "http"), (Sids{31}));
  EXPECT_EQ(tx(Buffer::kDnsQuery, "a.evil.example", "http"), Sids{});  // not a DNS transaction
}

TEST_F(EngineTest, PrefilterGroupsAndStats) {
  Load(R"(alert tcp any any -> any any (msg:"a"; content:"alpha"; sid:40;)
alert tcp any any -> any any (msg:"b"; content:"beta"; sid:41;)
alert http any any -> any any (msg:"c"; http.uri; content:"/admin"; sid:42;)
alert tcp any any -> any 22 (msg:"no content"; flags:S; sid:43;)
)");
  EXPECT_EQ(engine_->stats().rules, 4u);
  EXPECT_EQ(engine_->stats().prefiltered, 3u);
  EXPECT_EQ(engine_->stats().transaction_rules, 1u);
  const uint64_t before = thread_->rules_checked();
  EXPECT_EQ(Packet("nothing here"), Sids{});
  // Only the rule without a fast pattern was verified.
  EXPECT_EQ(thread_->rules_checked() - before, 1u);
}

TEST_F(EngineTest, ReputationRulesAreFoundByAddress) {
  Load(R"(alert ip [192.0.2.80,198.51.100.0/24] any -> $HOME_NET any (msg:"rep src"; sid:50;)
alert ip $HOME_NET any -> [203.0.113.9] any (msg:"rep dst"; sid:51;)
)");
  EXPECT_EQ(engine_->stats().ip_keyed, 2u);
  EXPECT_EQ(engine_->stats().always, 0u);
  // 192.0.2.80 -> 10.0.0.5 (the Packet helper's to_client direction).
  const uint64_t before = thread_->rules_checked();
  EXPECT_EQ(Packet("x", false), (Sids{50}));
  EXPECT_EQ(thread_->rules_checked() - before, 1u);  // only the rule whose set holds an address
  EXPECT_EQ(Packet("x", true), Sids{});              // 10.0.0.5 -> 192.0.2.80: wrong way round
}

}  // namespace
}  // namespace sw::detect
