// SPDX-License-Identifier: Apache-2.0
#include "intel/export.h"

#include <gtest/gtest.h>

#include <sstream>

#include "intel/misp_import.h"
#include "intel/stix_import.h"
#include "intel/stix_pattern.h"

namespace sw::intel {
namespace {

using model::Indicator;
using model::IndicatorType;

Indicator Make(IndicatorType type, std::string value) {
  Indicator i;
  i.type = type;
  i.value = std::move(value);
  return i;
}

TEST(IntelExport, EveryPatternMapsBackToItsValue) {
  const std::vector<Indicator> all = {
      Make(IndicatorType::kIpv4, "198.51.100.7"),
      Make(IndicatorType::kIpv6, "2001:db8::7"),
      Make(IndicatorType::kCidr, "198.51.100.0/24"),
      Make(IndicatorType::kCidr, "2001:db8::/32"),
      Make(IndicatorType::kDomain, "evil.example"),
      Make(IndicatorType::kUrl, "http://evil.example/it's\\here"),
      Make(IndicatorType::kEmail, "boss@evil.example"),
      Make(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e"),
      Make(IndicatorType::kSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
      Make(IndicatorType::kSha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      Make(IndicatorType::kJa3, "e7d705a3286e19ea42f587b344ee6865"),
  };
  for (const auto& ind : all) {
    const std::string pattern = StixPatternFor(ind.type, ind.value);
    auto parsed = ParseStixPattern(pattern);
    ASSERT_TRUE(parsed.ok()) << pattern << ": " << parsed.status().ToString();
    const PatternMapping m = MapPatternToIndicators(*parsed);
    ASSERT_TRUE(m.matchable) << pattern << ": " << m.reason;
    ASSERT_EQ(m.values.size(), 1u) << pattern;
    EXPECT_EQ(m.values[0].type, ind.type) << pattern;
    EXPECT_EQ(m.values[0].value, ind.value) << pattern;
  }
  EXPECT_EQ(StixPatternFor(IndicatorType::kSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']");
}

TEST(IntelExport, MadeIndicatorsImportBackWithTheirContext) {
  Indicator ind = Make(IndicatorType::kDomain, "c2.evil.example");
  ind.name = "僵尸网络控制服务器";
  ind.confidence = 85;
  ind.tlp = model::Tlp::kAmberStrict;
  ind.valid_from = *ParseRfc3339("2026-01-01T00:00:00Z");
  ind.valid_until = *ParseRfc3339("2027-01-01T00:00:00Z");
  ind.labels = {"malicious-activity"};
  ind.attack_techniques = {"T1071.001"};
  const auto created = *ParseRfc3339("2026-11-22T08:00:00Z");
  const std::string id = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  const auto obj = MakeStixIndicator(ind, id, created);
  EXPECT_EQ(obj.at("created").as_string(), "2026-11-22T08:00:00Z");
  EXPECT_EQ(obj.at("pattern").as_string(), "[domain-name:value = 'c2.evil.example']");
  EXPECT_EQ(obj.at("object_marking_refs").as_array().at(0).as_string(),
            "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");

  std::ostringstream out;
  StixBundleWriter w(out);
  w.Add(ToJson(obj));
  w.Finish();
  auto r = ImportStixBundle(out.str());
  ASSERT_TRUE(r.ok()) << r.status().ToString() << "\n" << out.str();
  ASSERT_EQ(r->indicators.size(), 1u);
  const Indicator& back = r->indicators[0];
  EXPECT_EQ(back.value, ind.value);
  EXPECT_EQ(back.name, ind.name);
  EXPECT_EQ(back.confidence, 85);
  EXPECT_EQ(back.tlp, model::Tlp::kAmberStrict);
  EXPECT_EQ(back.valid_from, ind.valid_from);
  EXPECT_EQ(back.valid_until, ind.valid_until);
  EXPECT_EQ(back.labels, ind.labels);
  EXPECT_EQ(back.attack_techniques, ind.attack_techniques);
  EXPECT_EQ(back.stix_id, id);
  EXPECT_EQ(r->objects[0].json, ToJson(obj));
  EXPECT_EQ(r->objects[0].version, "2026-11-22T08:00:00Z");
}

TEST(IntelExport, MispEventsImportBack) {
  std::vector<Indicator> all = {Make(IndicatorType::kIpv4, "198.51.100.7"), Make(IndicatorType::kCidr, "203.0.113.0/24"),
                                Make(IndicatorType::kUrl, "http://evil.example/a"),
                                Make(IndicatorType::kSha256, std::string(64, 'a')),
                                Make(IndicatorType::kJa3, std::string(32, 'b'))};
  all[0].tlp = model::Tlp::kGreen;
  all[0].attack_techniques = {"T1190"};
  std::ostringstream out;
  MispEventWriter w(out, "守望导出", "中小企业网络安全服务中心", *ParseRfc3339("2026-11-22T08:00:00Z"));
  for (const auto& i : all) w.Add(i);
  w.Finish();
  EXPECT_EQ(w.count(), 5u);
  auto r = ImportMispEvent(out.str());
  ASSERT_TRUE(r.ok()) << r.status().ToString() << "\n" << out.str();
  ASSERT_EQ(r->indicators.size(), all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(r->indicators[k].type, all[k].type) << k;
    EXPECT_EQ(r->indicators[k].value, all[k].value) << k;
    EXPECT_EQ(r->indicators[k].tlp, all[k].tlp) << k;
    EXPECT_EQ(r->indicators[k].source, "中小企业网络安全服务中心");
    EXPECT_EQ(r->indicators[k].name, "守望导出");
  }
  EXPECT_EQ(r->indicators[0].attack_techniques, std::vector<std::string>{"T1190"});
}

TEST(IntelExport, CsvQuotesAndDefusesFormulas) {
  Indicator ind = Make(IndicatorType::kUrl, "http://evil.example/a,b");
  ind.name = "=HYPERLINK(\"x\")";
  ind.source = "CIRCL";
  ind.confidence = 70;
  ind.labels = {"phishing", "c2"};
  std::ostringstream out;
  CsvWriter w(out);
  w.Add(ind);
  EXPECT_EQ(out.str(),
            "type,value,confidence,tlp,source,name,valid_until,labels,attack_techniques,stix_id\r\n"
            "url,\"http://evil.example/a,b\",70,amber,CIRCL,\"'=HYPERLINK(\"\"x\"\")\",,phishing;c2,,\r\n");
}

}  // namespace
}  // namespace sw::intel
