// SPDX-License-Identifier: Apache-2.0
#include "intel/stix_import.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/file.h"

namespace sw::intel {
namespace {

using model::IndicatorType;
using model::Tlp;

std::string SharedData() {
  const char* d = std::getenv("SW_SHARED_DATA");
  return d == nullptr ? "" : d;
}

#define REQUIRE_SHARED_DATA() \
  if (SharedData().empty()) GTEST_SKIP() << "SW_SHARED_DATA is not set (run via ctest)"

Result<StixImportResult> ImportFile(const std::string& relative) {
  SW_ASSIGN_OR_RETURN(std::string text, ReadFileToString(SharedData() + "/stix/" + relative));
  return ImportStixBundle(text);
}

struct Expected {
  size_t objects, imported, not_matchable, ignored, indicators;
};

// Every example bundle of the OASIS CTI documentation and schema repositories.
TEST(StixImport, EveryExampleFile) {
  REQUIRE_SHARED_DATA();
  const std::map<std::string, Expected> expected = {
      {"cti-documentation-examples/defining-campaigns-threat-actors-intrusion-sets.json",
       {26, 0, 0, 26, 0}},
      {"cti-documentation-examples/identifying-a-threat-actor-profile.json", {3, 0, 0, 3, 0}},
      {"cti-documentation-examples/indicator-for-malicious-url.json", {3, 1, 0, 2, 1}},
      {"cti-documentation-examples/malware-indicator-for-file-hash.json", {3, 1, 0, 2, 1}},
      {"cti-documentation-examples/sighting-of-an-indicator.json", {4, 1, 0, 3, 1}},
      {"cti-documentation-examples/sighting-of-observed-data.json", {8, 0, 0, 8, 0}},
      {"cti-documentation-examples/threat-actor-leveraging-attack-patterns-and-malware.json",
       {7, 0, 0, 7, 0}},
      {"cti-documentation-examples/using-granular-markings.json", {4, 0, 1, 3, 0}},
      {"cti-documentation-examples/using-marking-definitions.json", {4, 1, 0, 3, 1}},
      {"cti-stix2-json-schemas/examples/indicator-for-c2-ip-address.json", {1, 1, 0, 0, 1}},
      {"cti-stix2-json-schemas/examples/indicator-to-campaign-relationship.json", {3, 1, 0, 2, 1}},
      {"cti-stix2-json-schemas/examples/indicators-for-C2-with-COA.json", {8, 2, 0, 6, 2}},
      {"cti-stix2-json-schemas/examples/infrastructure.json", {10, 0, 0, 10, 0}},
      {"cti-stix2-json-schemas/examples/interop-objectmarking-test.json", {1, 0, 0, 1, 0}},
      {"cti-stix2-json-schemas/examples/malicious-email-indicator-with-attachment.json",
       {6, 0, 2, 4, 0}},
      {"cti-stix2-json-schemas/examples/threat-reports/apt1.json", {76, 10, 2, 64, 10}},
      {"cti-stix2-json-schemas/examples/threat-reports/poisonivy.json", {155, 23, 2, 130, 64}},
  };
  size_t seen = 0;
  for (const char* dir : {"cti-documentation-examples", "cti-stix2-json-schemas/examples",
                          "cti-stix2-json-schemas/examples/threat-reports"}) {
    for (const auto& entry : std::filesystem::directory_iterator(SharedData() + "/stix/" + dir)) {
      if (entry.path().extension() != ".json") continue;
      const std::string rel = std::string(dir) + "/" + entry.path().filename().string();
      SCOPED_TRACE(rel);
      auto it = expected.find(rel);
      ASSERT_NE(it, expected.end()) << "a new example file: add its counts";
      auto r = ImportFile(rel);
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_EQ(r->objects.size(), it->second.objects);
      EXPECT_EQ(r->Count(StixObjectStatus::kImported), it->second.imported);
      EXPECT_EQ(r->Count(StixObjectStatus::kNotMatchable), it->second.not_matchable);
      EXPECT_EQ(r->not_matchable.size(), it->second.not_matchable);
      EXPECT_EQ(r->Count(StixObjectStatus::kIgnoredType), it->second.ignored);
      EXPECT_EQ(r->Count(StixObjectStatus::kRejected), 0u);
      EXPECT_EQ(r->indicators.size(), it->second.indicators);
      ++seen;
    }
  }
  EXPECT_EQ(seen, expected.size());
}

TEST(StixImport, MaliciousUrlExample) {
  REQUIRE_SHARED_DATA();
  auto r = ImportFile("cti-documentation-examples/indicator-for-malicious-url.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->indicators.size(), 1u);
  const model::Indicator& i = r->indicators[0];
  EXPECT_EQ(i.type, IndicatorType::kUrl);
  EXPECT_EQ(i.value, "http://x4z9arb.cn/4712/");
  EXPECT_EQ(i.name, "Malicious site hosting downloader");
  EXPECT_EQ(i.stix_id, "indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f");
  EXPECT_EQ(i.labels, std::vector<std::string>{"malicious-activity"});
  ASSERT_TRUE(i.valid_from.has_value());
  EXPECT_EQ(FormatRfc3339(*i.valid_from), "2014-06-29T13:49:37.079Z");
  EXPECT_FALSE(i.valid_until.has_value());
  EXPECT_EQ(i.confidence, 50);
  EXPECT_EQ(i.tlp, Tlp::kAmber);
  EXPECT_EQ(r->objects[0].id, "indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f");
  EXPECT_EQ(r->objects[0].status, StixObjectStatus::kImported);
}

TEST(StixImport, MarkingAndIdentityGiveTlpAndSource) {
  REQUIRE_SHARED_DATA();
  auto r = ImportFile("cti-documentation-examples/using-marking-definitions.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->indicators.size(), 1u);
  EXPECT_EQ(r->indicators[0].value, "10.0.0.0");
  EXPECT_EQ(r->indicators[0].tlp, Tlp::kAmber);  // TLP 1.0 amber by its standard id
  EXPECT_EQ(r->indicators[0].source, "Stark Industries");
}

TEST(StixImport, ReportsWhatIsNotMatchable) {
  REQUIRE_SHARED_DATA();
  auto r = ImportFile("cti-stix2-json-schemas/examples/threat-reports/poisonivy.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->objects[43].status, StixObjectStatus::kNotMatchable);
  EXPECT_EQ(r->objects[43].reason, "file:name is not an indicator type at offset 1");
  EXPECT_EQ(r->not_matchable[0].pattern, "[file:name = 'CBricksDoc']");
  size_t with_left_out = 0;
  for (const auto& o : r->objects) {
    if (o.reason.rfind("left out ", 0) == 0) {
      ++with_left_out;
      EXPECT_EQ(o.reason, "left out domain 'domain autuo.xicp.net': invalid character ' '");
      EXPECT_EQ(o.indicators, 1u);
    }
  }
  EXPECT_EQ(with_left_out, 1u);
  size_t cidrs = 0;
  auto apt1 = ImportFile("cti-stix2-json-schemas/examples/threat-reports/apt1.json");
  ASSERT_TRUE(apt1.ok());
  for (const auto& i : apt1->indicators) cidrs += i.type == IndicatorType::kCidr;
  EXPECT_EQ(cidrs, 4u);  // 58.246.0.0/15 and three more
}

TEST(StixImport, BrokenJsonFailsCleanly) {
  REQUIRE_SHARED_DATA();
  auto braces = ImportFile("cti-stix-validator-test-examples/v21/invalid_braces.json");
  ASSERT_FALSE(braces.ok());
  EXPECT_EQ(braces.status().message(),
            "stix bundle: malformed JSON at line 1 column 1: syntax error");
  auto comma = ImportFile("cti-stix-validator-test-examples/v21/invalid_comma.json");
  ASSERT_FALSE(comma.ok());
  EXPECT_EQ(comma.status().message(),
            "stix bundle: malformed JSON at line 9 column 1: syntax error");
  // The other validator examples are single objects; none is an indicator.
  for (const char* f :
       {"identity.json", "identity_custom.json", "identity_unicode.json", "identity_warning.json",
        "invalid_identity.json", "invalid_timestamp.json", "tlp-amber.json", "tool.json"}) {
    auto r = ImportFile(std::string("cti-stix-validator-test-examples/v21/") + f);
    ASSERT_TRUE(r.ok()) << f << ": " << r.status().message();
    EXPECT_EQ(r->objects.size(), 1u) << f;
    EXPECT_EQ(r->indicators.size(), 0u) << f;
  }
}

std::string Indicator(int n, std::string_view pattern, std::string_view extra = "") {
  char id[64];
  std::snprintf(id, sizeof id, "indicator--00000000-0000-4000-8000-%012d", n);
  return std::string(R"({"type":"indicator","spec_version":"2.1","id":")") + id +
         R"(","created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","pattern_type":"stix",)" +
         R"("valid_from":"2020-01-01T00:00:00Z","pattern":")" + std::string(pattern) + "\"" +
         std::string(extra) + "}";
}

// 10,000 objects of which 37 are malformed in different ways.
TEST(StixImport, LargeBundleWithMalformedObjects) {
  std::string bundle =
      R"({"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[)";
  std::map<size_t, std::string> bad;  // index -> expected reason
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) bundle += ',';
    const std::string ip =
        "10." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) + ".1";
    if (i % 270 == 13) {
      switch (bad.size() % 5) {
        case 0:
          bad[i] = "pattern: offset 18: expected a literal, found ']'";
          bundle += Indicator(i, "[ipv4-addr:value =]");
          break;
        case 1:
          bad[i] = "confidence: expected an integer from 0 to 100";
          bundle += Indicator(i, "[ipv4-addr:value = '" + ip + "']", R"(,"confidence":101)");
          break;
        case 2:
          bad[i] = "valid_until: not after valid_from";
          bundle += Indicator(i, "[ipv4-addr:value = '" + ip + "']",
                              R"(,"valid_until":"2019-01-01T00:00:00Z")");
          break;
        case 3:
          bad[i] = "pattern: missing";
          bundle += R"({"type":"indicator","id":"indicator--00000000-0000-4000-8000-)" +
                    std::string(12 - std::to_string(i).size(), '0') + std::to_string(i) + "\"}";
          break;
        case 4:
          bad[i] = "not a JSON object";
          bundle += "42";
          break;
      }
      continue;
    }
    bundle += Indicator(i, "[ipv4-addr:value = '" + ip + "']");
  }
  bundle += "]}";
  ASSERT_EQ(bad.size(), 37u);
  auto r = ImportStixBundle(bundle);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->indicators.size(), 9963u);
  EXPECT_EQ(r->Count(StixObjectStatus::kImported), 9963u);
  ASSERT_EQ(r->Count(StixObjectStatus::kRejected), 37u);
  for (const auto& o : r->objects) {
    if (o.status != StixObjectStatus::kRejected) continue;
    SCOPED_TRACE(o.index);
    ASSERT_TRUE(bad.count(o.index));
    EXPECT_EQ(o.reason, bad[o.index]);
    if (bad[o.index] != "not a JSON object") {
      char id[64];
      std::snprintf(id, sizeof id, "indicator--00000000-0000-4000-8000-%012zu", o.index);
      EXPECT_EQ(o.id, id);
    }
  }

  StixImportOptions small;
  small.max_objects = 9999;
  auto over = ImportStixBundle(bundle, small);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(over.status().message(), "stix bundle: 10000 objects, over the limit of 9999");
}

TEST(StixImport, ObjectRulesAndContext) {
  const std::string ap_id = "attack-pattern--00000000-0000-4000-8000-0000000000aa";
  const std::string bundle =
      R"({"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[)" +
      Indicator(
          1, "[domain-name:value = 'Evil.COM.' OR url:value = 'HTTP://Evil.com:80']",
          R"(,"name":"n","confidence":85,"labels":["c2"],"indicator_types":["malicious-activity","c2"],)"
          R"("valid_until":"2021-01-01T00:00:00Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000077",)"
          R"("kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"command-and-control"}],)"
          R"("object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",)"
          R"("marking-definition--00000000-0000-4000-8000-0000000000bb"],)"
          R"("external_references":[{"source_name":"mitre-attack","external_id":"T1071.001"}])") +
      "," +
      R"({"type":"identity","id":"identity--00000000-0000-4000-8000-000000000077","name":"ACME CERT"},)" +
      R"({"type":"marking-definition","id":"marking-definition--00000000-0000-4000-8000-0000000000bb",)"
      R"("definition_type":"tlp","definition":{"tlp":"red"}},)" +
      R"({"type":"attack-pattern","id":")" + ap_id +
      R"(","name":"x","external_references":[{"source_name":"mitre-attack","external_id":"T1568"}]},)" +
      R"({"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000001",)"
      R"("relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000001",)"
      R"("target_ref":")" +
      ap_id + "\"}," + Indicator(2, "[ipv4-addr:value = '1.2.3.4']", R"(,"revoked":true)") + "," +
      Indicator(3, "alert tcp any any", R"(,"pattern_type":"snort")") + "," +
      R"({"type":"indicator","id":"indicator--bad"},)" + R"({"id":"x"},)" +
      Indicator(4, "[ipv4-addr:value = '1.2.3.4']", R"(,"valid_from":"yesterday")") + "]}";
  auto r = ImportStixBundle(bundle);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->indicators.size(), 2u);
  const model::Indicator& d = r->indicators[0];
  EXPECT_EQ(d.type, IndicatorType::kDomain);
  EXPECT_EQ(d.value, "evil.com");
  EXPECT_EQ(r->indicators[1].value, "http://evil.com/");
  EXPECT_EQ(d.confidence, 85);
  EXPECT_EQ(d.tlp, Tlp::kRed);  // green and red: the stricter wins
  EXPECT_EQ(d.source, "ACME CERT");
  EXPECT_EQ(d.labels, (std::vector<std::string>{"malicious-activity", "c2",
                                                "mitre-attack:command-and-control"}));
  EXPECT_EQ(d.attack_techniques, (std::vector<std::string>{"T1071.001", "T1568"}));
  EXPECT_EQ(FormatRfc3339(*d.valid_until), "2021-01-01T00:00:00Z");
  ASSERT_EQ(r->objects.size(), 10u);
  EXPECT_EQ(r->objects[5].status, StixObjectStatus::kRevoked);
  EXPECT_EQ(r->objects[6].status, StixObjectStatus::kNotMatchable);
  EXPECT_EQ(r->objects[6].reason, "pattern_type 'snort' is not a STIX pattern");
  EXPECT_EQ(r->objects[7].reason, "id: 'indicator--bad' is not 'indicator--<uuid>'");
  EXPECT_EQ(r->objects[8].reason, "type: missing");
  EXPECT_EQ(r->objects[9].status, StixObjectStatus::kRejected);
  EXPECT_EQ(r->objects[9].reason.rfind("valid_from: ", 0), 0u) << r->objects[9].reason;
  EXPECT_EQ(
      FormatStixImportReport(*r).substr(0, 89),
      "10 objects: 1 imported (2 indicators), 1 not matchable, 1 revoked, 4 ignored, 3 rejected\n");

  StixImportOptions tiny;
  tiny.max_object_bytes = 100;
  auto limited = ImportStixBundle(bundle, tiny);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->objects[0].status, StixObjectStatus::kRejected);
  EXPECT_EQ(limited->objects[0].reason.find("bytes, over the limit of 100"),
            limited->objects[0].reason.find("bytes"));

  EXPECT_EQ(ImportStixBundle("[]")->objects.size(), 0u);
  EXPECT_EQ(ImportStixBundle("{\"a\":1}").status().message(),
            "stix bundle: not a STIX bundle, object or list of objects");
  EXPECT_EQ(ImportStixBundle(R"({"type":"bundle","objects":{}})").status().message(),
            "stix bundle: objects: expected a list");
}

}  // namespace
}  // namespace sw::intel
