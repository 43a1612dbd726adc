// SPDX-License-Identifier: Apache-2.0
//
// The check evaluator and test.yaml reading of the conformance runner, on
// small hand-written EVE lines and YAML: paths, suffixes, typed equality,
// count semantics, YAML scalar typing, requirements and argument mapping.
#include "conformance/eve_check.h"

#include <fstream>

#include <gtest/gtest.h>

#include "conformance/suricata_verify_case.h"
#include "core/json.h"
#include "support/temp_dir.h"

namespace sw::conformance {
namespace {

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::value();
}

json::value Y(const std::string& text) { return YamlToJson(YAML::Load(text)); }

// Evaluates a filter check written as test.yaml text over JSON lines.
CheckResult Filter(const std::string& yaml, const std::vector<std::string>& lines) {
  std::vector<json::value> records;
  for (const auto& l : lines) records.push_back(J(l));
  const json::value f = Y(yaml);
  EXPECT_TRUE(f.is_object()) << yaml;
  return EvaluateFilter(f.get_object(), records);
}

bool M(const std::string& record, const std::string& key, const std::string& expected_yaml) {
  return MatchPair(J(record), key, Y(expected_yaml));
}

const char* const kAlert =
    R"({"event_type":"alert","src_port":80,"alert":{"signature_id":2001,"gid":1,"rev":3,)"
    R"("signature":"ET POLICY curl User-Agent","category":"Attempted Information Leak","severity":2,)"
    R"("action":"allowed"},"dns":{"queries":[{"rrname":"example.com","rrtype":"A"},{"rrname":"b.org"}]},)"
    R"("grid":[[1,2],[3,4]],"tags":["a","bb"],"flags":"1b","ratio":0.5,"big":18446744073709551615,)"
    R"("neg":-5,"nothing":null,"ok":true,"name":"h\u00e9llo"})";

TEST(EveCheckPath, DottedPathsAndIndexes) {
  const json::value r = J(kAlert);
  ASSERT_NE(FindPath(r, "alert.signature_id"), nullptr);
  EXPECT_EQ(FindPath(r, "alert.signature_id")->as_int64(), 2001);
  EXPECT_EQ(FindPath(r, "dns.queries[0].rrname")->as_string(), "example.com");
  EXPECT_EQ(FindPath(r, "dns.queries[1].rrname")->as_string(), "b.org");
  EXPECT_EQ(FindPath(r, "grid[1][0]")->as_int64(), 3);
  EXPECT_EQ(FindPath(r, "tags[1]")->as_string(), "bb");
  EXPECT_EQ(FindPath(r, "")->kind(), json::kind::object);
  EXPECT_TRUE(FindPath(r, "nothing")->is_null());  // present, null
}

TEST(EveCheckPath, AbsentStepsAreNotFound) {
  const json::value r = J(kAlert);
  EXPECT_EQ(FindPath(r, "alert.nope"), nullptr);
  EXPECT_EQ(FindPath(r, "nope.signature_id"), nullptr);
  EXPECT_EQ(FindPath(r, "dns.queries[2].rrname"), nullptr);  // out of range
  EXPECT_EQ(FindPath(r, "dns.queries[1].rrtype"), nullptr);
  EXPECT_EQ(FindPath(r, "alert[0]"), nullptr);    // not an array
  EXPECT_EQ(FindPath(r, "tags.a"), nullptr);      // not an object
  EXPECT_EQ(FindPath(r, "src_port.x"), nullptr);  // through a scalar
  EXPECT_EQ(FindPath(r, "tags[x]"), nullptr);
  EXPECT_EQ(FindPath(r, "tags[-1]"), nullptr);
  EXPECT_EQ(FindPath(r, "tags[]"), nullptr);
  EXPECT_EQ(FindPath(r, "tags[0"), nullptr);
  EXPECT_EQ(FindPath(r, "alert..gid"), nullptr);
  EXPECT_EQ(FindPath(r, "alert."), nullptr);
}

TEST(EveCheckEquality, TypesMatter) {
  EXPECT_TRUE(M(kAlert, "alert.signature_id", "2001"));
  EXPECT_FALSE(M(kAlert, "alert.signature_id", "'2001'"));  // quoted: a string
  EXPECT_FALSE(M(kAlert, "alert.signature_id", "2002"));
  EXPECT_TRUE(M(kAlert, "alert.action", "allowed"));
  EXPECT_FALSE(M(kAlert, "alert.action", "Allowed"));
  EXPECT_TRUE(M(kAlert, "flags", "1b"));  // plain 1b is a string
  EXPECT_TRUE(M(kAlert, "ok", "true"));
  EXPECT_FALSE(M(kAlert, "ok", "1"));  // booleans are not numbers
  EXPECT_FALSE(M(kAlert, "ok", "'true'"));
  EXPECT_TRUE(M(kAlert, "ratio", "0.5"));
  EXPECT_TRUE(M(kAlert, "ratio", ".5"));
  EXPECT_FALSE(M(kAlert, "ratio", "'0.5'"));
  EXPECT_TRUE(M(kAlert, "neg", "-5"));
  EXPECT_TRUE(M(kAlert, "big", "18446744073709551615"));  // uint64 beyond int64
  EXPECT_FALSE(M(kAlert, "big", "-1"));
  EXPECT_TRUE(M(kAlert, "name", "héllo"));
  EXPECT_TRUE(M(R"({"n":1.0})", "n", "1"));  // int and float by value
  EXPECT_TRUE(M(R"({"n":1})", "n", "1.0"));
  EXPECT_FALSE(M(R"({"n":"1"})", "n", "1"));
  EXPECT_TRUE(M(R"({"n":"1"})", "n", "\"1\""));
}

TEST(EveCheckEquality, NullAndAbsent) {
  EXPECT_TRUE(M(kAlert, "nothing", "null"));
  EXPECT_TRUE(M(kAlert, "nothing", "~"));
  EXPECT_TRUE(M(kAlert, "absent", "null"));  // absent counts as null
  EXPECT_FALSE(M(kAlert, "absent", "0"));
  EXPECT_FALSE(M(kAlert, "absent", "''"));
  EXPECT_FALSE(M(kAlert, "absent", "false"));
  EXPECT_FALSE(M(kAlert, "nothing", "'null'"));
  EXPECT_FALSE(M(kAlert, "src_port", "null"));
}

TEST(EveCheckEquality, NestedValuesMustBeExact) {
  EXPECT_TRUE(M(kAlert, "tags", "[a, bb]"));
  EXPECT_FALSE(M(kAlert, "tags", "[bb, a]"));  // order counts
  EXPECT_FALSE(M(kAlert, "tags", "[a]"));
  EXPECT_TRUE(M(kAlert, "grid", "[[1, 2], [3, 4]]"));
  EXPECT_TRUE(M(kAlert, "alert",
                "{signature_id: 2001, gid: 1, rev: 3, signature: ET POLICY curl User-Agent, "
                "category: Attempted Information Leak, severity: 2, action: allowed}"));
  // A subset of the keys is not enough, nor is a wrong type inside.
  EXPECT_FALSE(M(kAlert, "alert", "{signature_id: 2001, gid: 1}"));
  EXPECT_FALSE(M(kAlert, "dns.queries[1]", "{rrname: b.org, rrtype: A}"));
  EXPECT_TRUE(M(kAlert, "dns.queries[1]", "{rrname: b.org}"));
  EXPECT_FALSE(M(kAlert, "dns.queries[1]", "{rrname: [b.org]}"));
}

TEST(EveCheckSuffix, Len) {
  EXPECT_TRUE(M(kAlert, "tags.__len", "2"));
  EXPECT_FALSE(M(kAlert, "tags.__len", "'2'"));
  EXPECT_TRUE(M(kAlert, "dns.queries.__len", "2"));
  EXPECT_TRUE(M(kAlert, "alert.__len", "7"));  // object: number of keys
  EXPECT_TRUE(M(kAlert, "flags.__len", "2"));  // string: its length
  EXPECT_TRUE(M(kAlert, "name.__len", "5"));   // code points, not bytes
  EXPECT_TRUE(M(kAlert, "grid[0].__len", "2"));
  EXPECT_FALSE(M(kAlert, "src_port.__len", "0"));  // a number has no length
  EXPECT_FALSE(M(kAlert, "absent.__len", "0"));
  EXPECT_TRUE(M(R"({"a":[]})", "a.__len", "0"));
}

TEST(EveCheckSuffix, FindAndContains) {
  for (const std::string suffix : {".__find", ".__contains"}) {
    SCOPED_TRACE(suffix);
    EXPECT_TRUE(M(kAlert, "alert.signature" + suffix, "curl"));  // substring
    EXPECT_FALSE(M(kAlert, "alert.signature" + suffix, "CURL"));
    EXPECT_TRUE(M(kAlert, "tags" + suffix, "bb"));  // list membership
    EXPECT_FALSE(M(kAlert, "tags" + suffix, "b"));  // whole elements only
    EXPECT_TRUE(M(R"({"l":[1,2,3]})", "l" + suffix, "2"));
    EXPECT_FALSE(M(R"({"l":[1,2,3]})", "l" + suffix, "'2'"));  // typed membership
    EXPECT_TRUE(M(kAlert, "alert" + suffix, "gid"));           // object: key
    EXPECT_FALSE(M(kAlert, "src_port" + suffix, "8"));         // not in a number
    EXPECT_FALSE(M(kAlert, "absent" + suffix, "x"));
    EXPECT_FALSE(M(R"({"s":"a1b"})", "s" + suffix, "1"));  // 1 is a number
    EXPECT_TRUE(M(R"({"s":"a1b"})", "s" + suffix, "'1'"));
  }
}

TEST(EveCheckSuffix, StartsAndEndsWith) {
  EXPECT_TRUE(M(kAlert, "alert.signature.__startswith", "ET POLICY"));
  EXPECT_FALSE(M(kAlert, "alert.signature.__startswith", "POLICY"));
  EXPECT_TRUE(M(kAlert, "alert.signature.__endswith", "User-Agent"));
  EXPECT_FALSE(M(kAlert, "alert.signature.__endswith", "User"));
  EXPECT_TRUE(M(kAlert, "alert.signature.__startswith", "''"));
  EXPECT_FALSE(M(kAlert, "tags.__startswith", "a"));  // not a string
  EXPECT_FALSE(M(R"({"n":123})", "n.__startswith", "1"));
  EXPECT_FALSE(M(kAlert, "absent.__endswith", "x"));
}

TEST(EveCheckSuffix, NumericComparisons) {
  EXPECT_TRUE(M(kAlert, "src_port.__gt", "79"));
  EXPECT_FALSE(M(kAlert, "src_port.__gt", "80"));
  EXPECT_TRUE(M(kAlert, "src_port.__gte", "80"));
  EXPECT_FALSE(M(kAlert, "src_port.__gte", "81"));
  EXPECT_TRUE(M(kAlert, "src_port.__lt", "81"));
  EXPECT_FALSE(M(kAlert, "src_port.__lt", "80"));
  EXPECT_TRUE(M(kAlert, "src_port.__lte", "80"));
  EXPECT_FALSE(M(kAlert, "src_port.__lte", "79"));
  EXPECT_TRUE(M(kAlert, "ratio.__gt", "0"));
  EXPECT_TRUE(M(kAlert, "ratio.__lt", "1"));
  EXPECT_TRUE(M(kAlert, "neg.__lt", "0"));
  EXPECT_TRUE(M(kAlert, "big.__gt", "-1"));  // uint64 against negative int
  EXPECT_TRUE(M(kAlert, "neg.__lt", "18446744073709551615"));
  EXPECT_FALSE(M(kAlert, "src_port.__gt", "'1'"));  // strings are not numbers
  EXPECT_FALSE(M(R"({"s":"90"})", "s.__gt", "1"));
  EXPECT_FALSE(M(kAlert, "ok.__gte", "0"));  // nor are booleans
  EXPECT_FALSE(M(kAlert, "absent.__lt", "1"));
  EXPECT_FALSE(M(kAlert, "tags.__len.__gt", "0"));  // only the last component is a suffix
}

TEST(EveCheckKeys, HasKeyAndNotHasKey) {
  EXPECT_TRUE(M(kAlert, "has-key", "alert.signature_id"));
  EXPECT_TRUE(M(kAlert, "has-key",
                "- alert\n- dns.queries[0].rrname"));  // block style: [0] in a flow list ends it
  EXPECT_FALSE(M(kAlert, "has-key", "[alert, alert.metadata]"));  // every path
  EXPECT_TRUE(M(kAlert, "has-key", "nothing"));                   // present though null
  EXPECT_FALSE(M(kAlert, "has-key", "alert.engine"));
  EXPECT_TRUE(M(kAlert, "not-has-key", "alert.engine"));
  EXPECT_TRUE(M(kAlert, "not-has-key", "[flow, alert.metadata, alert.rule]"));
  EXPECT_FALSE(M(kAlert, "not-has-key", "[flow, alert]"));  // none may be present
  EXPECT_FALSE(M(kAlert, "not-has-key", "alert.gid"));
}

TEST(EveCheckFilter, CountIsExact) {
  const std::vector<std::string> lines = {
      R"({"event_type":"alert","alert":{"signature_id":1}})",
      R"({"event_type":"alert","alert":{"signature_id":2}})",
      R"({"event_type":"alert","alert":{"signature_id":1}})",
      R"({"event_type":"flow","proto":"TCP"})",
      R"({"event_type":"stats","stats":{"decoder":{"pkts":4}}})"};
  EXPECT_EQ(Filter("{count: 2, match: {event_type: alert, alert.signature_id: 1}}", lines).outcome,
            Outcome::kPass);
  // More than expected fails as surely as fewer.
  const auto over = Filter("{count: 1, match: {event_type: alert, alert.signature_id: 1}}", lines);
  EXPECT_EQ(over.outcome, Outcome::kFail);
  EXPECT_EQ(over.matched, 2u);
  EXPECT_NE(over.detail.find("expected 1, got 2"), std::string::npos) << over.detail;
  EXPECT_EQ(Filter("{count: 3, match: {event_type: alert}}", lines).outcome, Outcome::kPass);
  EXPECT_EQ(Filter("{count: 0, match: {event_type: alert, alert.signature_id: 3}}", lines).outcome,
            Outcome::kPass);
  EXPECT_EQ(Filter("{count: 0, match: {event_type: alert}}", lines).outcome, Outcome::kFail);
  EXPECT_EQ(Filter("{count: 0, match: {event_type: fileinfo}}", lines).outcome, Outcome::kPass);
  EXPECT_EQ(Filter("{count: 1, match: {event_type: alert}}", {}).outcome, Outcome::kFail);
  EXPECT_EQ(Filter("{count: 0, match: {event_type: alert}}", {}).outcome, Outcome::kPass);
  // Every pair must hold on the same record.
  EXPECT_EQ(Filter("{count: 0, match: {event_type: flow, alert.signature_id: 1}}", lines).outcome,
            Outcome::kPass);
  // An empty or absent match counts every record.
  EXPECT_EQ(Filter("{count: 5, match: {}}", lines).outcome, Outcome::kPass);
  EXPECT_EQ(Filter("{count: 5}", lines).outcome, Outcome::kPass);
  // has-key counts too: the upstream "alert.engine is not logged" pattern.
  EXPECT_EQ(Filter("{count: 0, match: {has-key: alert.engine}}", lines).outcome, Outcome::kPass);
  EXPECT_EQ(Filter("{count: 3, match: {has-key: alert}}", lines).outcome, Outcome::kPass);
}

TEST(EveCheckFilter, TooFewNamesWhatTheClosestRecordMisses) {
  const std::vector<std::string> lines = {R"({"event_type":"flow","alert":{"signature_id":1}})",
                                          R"({"event_type":"alert","alert":{"signature_id":2}})"};
  const auto r =
      Filter("{count: 1, match: {event_type: alert, alert.signature_id: 1, pcap_cnt: 4}}", lines);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_NE(r.detail.find("expected 1, got 0"), std::string::npos) << r.detail;
  // Both records hold one pair; the first such is the closest.
  EXPECT_NE(r.detail.find("closest record has event_type = \"flow\""), std::string::npos)
      << r.detail;
  const auto absent = Filter("{count: 1, match: {event_type: alert, pcap_cnt: 4}}", lines);
  EXPECT_NE(absent.detail.find("closest record has pcap_cnt = nothing"), std::string::npos)
      << absent.detail;
  // No record holds any pair: nothing to point at.
  EXPECT_EQ(Filter("{count: 1, match: {event_type: dns}}", lines).detail.find("closest"),
            std::string::npos);
}

TEST(EveCheckFilter, MalformedChecksFail) {
  const std::vector<std::string> lines = {R"({"event_type":"alert"})"};
  EXPECT_EQ(Filter("{match: {event_type: alert}}", lines).outcome, Outcome::kFail);
  EXPECT_EQ(Filter("{count: '1', match: {event_type: alert}}", lines).outcome, Outcome::kFail);
  EXPECT_EQ(Filter("{count: 1.5, match: {event_type: alert}}", lines).outcome, Outcome::kFail);
  EXPECT_EQ(Filter("{count: 1, match: [event_type]}", lines).outcome, Outcome::kFail);
}

TEST(EveCheckStats, LastStatsRecordCounts) {
  std::vector<json::value> records = {
      J(R"({"event_type":"stats","stats":{"decoder":{"pkts":1,"ipv4":1}}})"),
      J(R"({"event_type":"flow"})"),
      J(R"({"event_type":"stats","stats":{"decoder":{"pkts":17,"ipv4":17},)"
        R"("detect":{"engines":[{"rules_loaded":3}]}}})")};
  auto check = [&](const std::string& yaml) {
    return EvaluateStats(Y(yaml).get_object(), records);
  };
  EXPECT_EQ(check("{decoder.pkts: 17, decoder.ipv4: 17}").outcome, Outcome::kPass);
  EXPECT_EQ(check("{decoder.pkts: 1}").outcome,
            Outcome::kFail);  // the earlier record does not count
  EXPECT_EQ(check("decoder.pkts.__gte: 10\ndetect.engines[0].rules_loaded: 3").outcome,
            Outcome::kPass);
  const auto missing = check("{decoder.chdlc: 17}");
  EXPECT_EQ(missing.outcome, Outcome::kFail);
  EXPECT_NE(missing.detail.find("stats.decoder.chdlc: expected 17, got nothing"), std::string::npos)
      << missing.detail;
  const auto wrong = check("{decoder.pkts: 16}");
  EXPECT_NE(wrong.detail.find("expected 16, got 17"), std::string::npos) << wrong.detail;
  records.pop_back();
  records.erase(records.begin());
  EXPECT_EQ(check("{decoder.pkts: 1}").detail, "no stats record");
}

TEST(EveCheckYaml, ScalarsAreTypedAsPyYamlTypesThem) {
  EXPECT_TRUE(Y("1").is_int64());
  EXPECT_TRUE(Y("-12").is_int64());
  EXPECT_EQ(Y("1_000").as_int64(), 1000);
  EXPECT_EQ(Y("0x1b").as_int64(), 27);
  EXPECT_EQ(Y("010").as_int64(), 8);  // YAML 1.1 octal
  EXPECT_EQ(Y("0b101").as_int64(), 5);
  EXPECT_TRUE(Y("9223372036854775808").is_uint64());
  EXPECT_TRUE(Y("1.5").is_double());
  EXPECT_TRUE(Y("6.0").is_double());
  EXPECT_TRUE(Y("1e5").is_string());  // PyYAML floats need a dot
  EXPECT_TRUE(Y("8.0.0").is_string());
  EXPECT_TRUE(Y("1b").is_string());
  EXPECT_TRUE(Y("'8180'").is_string());
  EXPECT_TRUE(Y("\"1\"").is_string());
  EXPECT_TRUE(Y("!!str 1").is_string());
  for (const char* t : {"true", "True", "TRUE", "yes", "Yes", "on", "ON"})
    EXPECT_EQ(Y(t), json::value(true)) << t;
  for (const char* f : {"false", "False", "no", "NO", "off", "Off"})
    EXPECT_EQ(Y(f), json::value(false)) << f;
  EXPECT_TRUE(Y("'yes'").is_string());
  for (const char* n : {"~", "null", "Null", "NULL"})
    EXPECT_TRUE(Y(std::string("k: ") + n).at("k").is_null()) << n;
  EXPECT_TRUE(Y("k:").at("k").is_null());
  EXPECT_TRUE(Y(".inf").is_double());
  EXPECT_TRUE(Y("expect: exists ").at("expect").is_string());
  EXPECT_EQ(Y("http_user_agent: Mozilla/5.0 (X11; U; Linux i686; fr; rv:1.9.0.6) Gecko/2009011912\n"
              "  Firefox/3.0.6")
                .at("http_user_agent")
                .as_string(),
            "Mozilla/5.0 (X11; U; Linux i686; fr; rv:1.9.0.6) Gecko/2009011912 Firefox/3.0.6");
}

TEST(SuiteCaseRequires, VersionsAgainstEight) {
  EXPECT_EQ(UnmetRequirement(nullptr), "");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 8.0.0")), "");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 8")), "");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 7.0.7")), "");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 6.0")), "");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 9")), "requires min-version 9");
  EXPECT_EQ(UnmetRequirement(Y("min-version: 8.0.6")), "requires min-version \"8.0.6\"");
  EXPECT_EQ(UnmetRequirement(Y("lt-version: 8")), "requires lt-version 8");
  EXPECT_EQ(UnmetRequirement(Y("lt-version: 8.0.1")), "");
  EXPECT_EQ(UnmetRequirement(Y("lt-version: 9")), "");
  EXPECT_EQ(UnmetRequirement(Y("version: 8")), "");
  EXPECT_EQ(UnmetRequirement(Y("version: '8.0'")), "");
  EXPECT_NE(UnmetRequirement(Y("version: 7")), "");
  EXPECT_NE(UnmetRequirement(Y("version: '8.1'")), "");
  EXPECT_EQ(UnmetRequirement(Y("features: [HAVE_LUA]")), "requires feature \"HAVE_LUA\"");
  EXPECT_EQ(UnmetRequirement(Y("features: []")), "");
  EXPECT_EQ(UnmetRequirement(Y("script: [grep X src/y.c]")),
            "requires a script run in Suricata's source tree");
  EXPECT_EQ(UnmetRequirement(Y("pcap: false")), "requires no pcap input (pcap: false)");
  EXPECT_EQ(UnmetRequirement(Y("keyword: [foo]")), "unsupported requirement keyword");
  EXPECT_EQ(ParseVersion(json::value("8.0.0-dev")), (Version{8, 0, 0}));
  EXPECT_EQ(ParseVersion(json::value("7.0.12")), (Version{7, 0, 12}));
  EXPECT_FALSE(ParseVersion(json::value("x")).has_value());
  EXPECT_FALSE(ParseVersion(json::value(true)).has_value());
}

TEST(SuiteCaseArguments, MappedOrRefused) {
  auto map = [](const std::string& yaml) { return MapArguments(Y(yaml), "/t"); };
  EXPECT_EQ(*map("[-k none]"), std::vector<std::string>{});
  EXPECT_EQ(*map("[-k none --set stream.inline=true]"),
            (std::vector<std::string>{"--set", "stream.inline=true"}));
  EXPECT_EQ(*map("['-k none', '--set stream.midstream=true', '--set a.b=c']"),
            (std::vector<std::string>{"--set", "stream.midstream=true", "--set", "a.b=c"}));
  EXPECT_EQ(*map("' --set threshold-file=${TEST_DIR}/threshold.config'"),
            (std::vector<std::string>{"--set", "threshold-file=/t/threshold.config"}));
  EXPECT_EQ(*map("~"), std::vector<std::string>{});
  EXPECT_EQ(map("[-k all]").status().message(), "unsupported argument -k all");
  EXPECT_EQ(map("[--runmode single]").status().message(), "unsupported argument --runmode");
  EXPECT_EQ(map("[-k none, --set]").status().message(), "unsupported argument --set");
  EXPECT_EQ(map("[--set novalue]").status().message(), "unsupported argument --set novalue");
  EXPECT_EQ(map("[--simulate-ips]").status().message(), "unsupported argument --simulate-ips");
}

TEST(SuiteCaseLoad, ResolvesInputsAndSkips) {
  sw::testing::TempDir root;
  const auto dir = root.path() / "t1";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "input.pcap") << "x";
  std::ofstream(dir / "test.rules") << "alert ip any any -> any any (sid:1;)";
  std::ofstream(dir / "test.yaml")
      << "args: [-k none]\nchecks:\n  - filter: {count: 1, match: {event_type: alert}}\n";
  auto c = LoadCase(root.path(), "t1");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->skip_reason, "");
  EXPECT_EQ(c->pcap, dir / "input.pcap");
  EXPECT_EQ(*c->rules, dir / "test.rules");
  EXPECT_FALSE(c->config.has_value());
  EXPECT_EQ(c->checks.size(), 1u);

  std::ofstream(dir / "suricata.yaml") << "%YAML 1.1\n---\ninclude: missing.yaml\n";
  EXPECT_EQ(LoadCase(root.path(), "t1")->skip_reason, "config include missing.yaml does not exist");
  std::ofstream(dir / "default.yaml") << "%YAML 1.1\n---\noutputs: []\n";
  std::ofstream(dir / "suricata.yaml") << "%YAML 1.1\n---\ninclude: default.yaml\n";
  EXPECT_EQ(LoadCase(root.path(), "t1")->skip_reason, "");
  EXPECT_EQ(*LoadCase(root.path(), "t1")->config, dir / "suricata.yaml");

  std::ofstream(dir / "test.yaml")
      << "requires: {min-version: 9}\nchecks: [{filter: {count: 0, match: {}}}]\n";
  EXPECT_EQ(LoadCase(root.path(), "t1")->skip_reason, "requires min-version 9");
  std::ofstream(dir / "test.yaml") << "args: [--foo]\nchecks: [{filter: {count: 0, match: {}}}]\n";
  EXPECT_EQ(LoadCase(root.path(), "t1")->skip_reason, "unsupported argument --foo");
  std::ofstream(dir / "test.yaml")
      << "env: {SURICATA_EVE_DNS_VERSION: 2}\nchecks: [{filter: {count: 0}}]\n";
  EXPECT_EQ(LoadCase(root.path(), "t1")->skip_reason,
            "sets environment variable SURICATA_EVE_DNS_VERSION");
  std::ofstream(dir / "test.yaml") << "pcap: ../nope.pcap\nchecks: [{filter: {count: 0}}]\n";
  EXPECT_FALSE(LoadCase(root.path(), "t1").ok());
  std::ofstream(dir / "test.yaml") << "checks: []\n";
  EXPECT_FALSE(LoadCase(root.path(), "t1").ok());
  std::ofstream(dir / "other.pcap") << "y";
  std::ofstream(dir / "test.yaml") << "checks: [{filter: {count: 0}}]\n";
  EXPECT_NE(LoadCase(root.path(), "t1")->skip_reason.find("several .pcap files"),
            std::string::npos);
}

}  // namespace
}  // namespace sw::conformance
