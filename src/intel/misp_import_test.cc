// SPDX-License-Identifier: Apache-2.0
#include "intel/misp_import.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/file.h"

namespace sw::intel {
namespace {

using model::IndicatorType;
using model::Tlp;

std::string MispData() {
  const char* d = std::getenv("SW_SHARED_DATA");
  return d == nullptr ? "" : std::string(d) + "/misp";
}

#define REQUIRE_SHARED_DATA() \
  if (MispData().empty()) GTEST_SKIP() << "SW_SHARED_DATA is not set (run via ctest)"

Result<MispImportResult> ImportFile(const std::string& relative) {
  SW_ASSIGN_OR_RETURN(std::string text, ReadFileToString(MispData() + "/" + relative));
  return ImportMispEvent(text);
}

TEST(MispImport, CertFrFeed) {
  REQUIRE_SHARED_DATA();
  auto r = ImportMispFeed(MispData() + "/feed-cert-fr-misp");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->events, 13u);
  EXPECT_TRUE(r->event_errors.empty());
  EXPECT_EQ(r->attributes.size(), 1913u);  // as many as hashes.csv has lines
  EXPECT_EQ(r->indicators.size(), 1738u);
  EXPECT_EQ(r->Count(MispAttributeStatus::kImported), 1738u);
  EXPECT_EQ(r->Count(MispAttributeStatus::kIgnoredType), 175u);
  EXPECT_EQ(r->Count(MispAttributeStatus::kRejected), 0u);
  for (const auto& i : r->indicators) {
    ASSERT_EQ(i.tlp, Tlp::kClear);
    ASSERT_EQ(i.source, "CERT-FR");
    ASSERT_EQ(i.confidence, 50);
  }
  const auto lockean =
      std::find_if(r->indicators.begin(), r->indicators.end(),
                   [](const model::Indicator& i) { return i.value == "adjustclouds.com"; });
  ASSERT_NE(lockean, r->indicators.end());
  EXPECT_EQ(lockean->type, IndicatorType::kDomain);
  EXPECT_EQ(lockean->name, "[CERT-FR] Identification d'un nouveau groupe cybercriminel : Lockean");
  EXPECT_EQ(lockean->labels.front(), "fr-classif:non-classifiees=\"NON-CLASSIFIEES\"");

  EXPECT_FALSE(ImportMispFeed(MispData() + "/feed-circl-osint-sample").ok());  // no manifest.json
}

TEST(MispImport, CirclSampleEvents) {
  REQUIRE_SHARED_DATA();
  size_t files = 0, attributes = 0, indicators = 0, not_for_ids = 0, rejected = 0, ignored = 0,
         clear = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(MispData() + "/feed-circl-osint-sample")) {
    auto r = ImportFile("feed-circl-osint-sample/" + e.path().filename().string());
    ASSERT_TRUE(r.ok()) << e.path() << ": " << r.status().message();
    ++files;
    attributes += r->attributes.size();
    indicators += r->indicators.size();
    not_for_ids += r->Count(MispAttributeStatus::kNotForIds);
    rejected += r->Count(MispAttributeStatus::kRejected);
    ignored += r->Count(MispAttributeStatus::kIgnoredType);
    for (const auto& i : r->indicators) clear += i.tlp == Tlp::kClear;
  }
  EXPECT_EQ(files, 46u);
  EXPECT_EQ(attributes, 4687u);
  EXPECT_EQ(indicators, 3512u);
  EXPECT_EQ(not_for_ids, 96u);
  EXPECT_EQ(rejected, 3u);  // URLs with white space; those without a scheme (50) are read as http://
  EXPECT_EQ(ignored, 1076u);
  EXPECT_EQ(attributes, indicators + not_for_ids + rejected + ignored);
  EXPECT_GT(clear, 0u);
}

TEST(MispImport, PyMispTestEvents) {
  REQUIRE_SHARED_DATA();
  struct Case {
    const char* file;
    size_t attributes, imported, not_for_ids, ignored, rejected;
  };
  const Case cases[] = {
      {"pymisp-test-events/reportlab_testfiles/long_event.json", 370, 250, 21, 99, 0},
      {"pymisp-test-events/mispevent_testfiles/existing_event.json", 122, 68, 0, 54, 0},
      {"pymisp-test-events/reportlab_testfiles/sighting_1.json", 5, 5, 0, 0, 0},
      {"pymisp-test-events/reportlab_testfiles/mainly_objects_1.json", 74, 17, 9, 48, 0},
      {"pymisp-test-events/mispevent_testfiles/def_param.json", 4, 2, 1, 1, 0},
      {"pymisp-test-events/57c4445b-c548-4654-af0b-4be3950d210f.json", 9, 3, 0, 6, 0},
      {"pymisp-test-events/mispevent_testfiles/simple.json", 0, 0, 0, 0, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    auto r = ImportFile(c.file);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->attributes.size(), c.attributes);
    EXPECT_EQ(r->Count(MispAttributeStatus::kImported), c.imported);
    EXPECT_EQ(r->indicators.size(), c.imported);
    EXPECT_EQ(r->Count(MispAttributeStatus::kNotForIds), c.not_for_ids);
    EXPECT_EQ(r->Count(MispAttributeStatus::kIgnoredType), c.ignored);
    EXPECT_EQ(r->Count(MispAttributeStatus::kRejected), c.rejected);
  }
  for (const char* f :
       {"pymisp-test-events/search_index_result.json", "pymisp-test-events/sharing_groups.json",
        "pymisp-test-events/mispevent_testfiles/galaxy.json",
        "pymisp-test-events/mispevent_testfiles/sighting.json",
        "pymisp-test-events/mispevent_testfiles/test_object_template/definition.json"}) {
    EXPECT_FALSE(ImportFile(f).ok()) << f;
  }
}

TEST(MispImport, AttributeRules) {
  const std::string event =
      R"({"Event": {"uuid": "e1", "info": "test event", "Orgc": {"name": "ACME"},
    "Tag": [{"name": "tlp:amber"}, {"name": "misp:confidence-level=\"usually-confident\""},
            {"name": "misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""}],
    "Attribute": [
      {"uuid": "a0", "type": "ip-dst", "value": "10.0.0.1", "to_ids": true, "category": "Network activity"},
      {"uuid": "a1", "type": "ip-src|port", "value": "2001:DB8::1|443", "to_ids": "1"},
      {"uuid": "a2", "type": "ip-dst", "value": "10.0.0.0/8", "to_ids": 1},
      {"uuid": "a3", "type": "filename|sha256", "value": "x.exe|)" +
      std::string(64, 'A') + R"(", "to_ids": true},
      {"uuid": "a4", "type": "domain", "value": "Evil.COM", "to_ids": false},
      {"uuid": "a5", "type": "comment", "value": "hello", "to_ids": false},
      {"uuid": "a6", "type": "md5", "value": "xyz", "to_ids": true},
      {"uuid": "a7", "type": "url", "value": "http://evil.com", "deleted": true},
      {"uuid": "a8", "type": "ja3-fingerprint-md5", "value": ")" +
      std::string(32, 'B') + R"(",
       "Tag": [{"name": "tlp:red"}, {"name": "osint:certainty=\"95\""}]},
      "junk"],
    "Object": [{"name": "file", "Attribute": [
      {"uuid": "o0", "type": "email-src", "value": "Bad@Evil.COM", "to_ids": "0"},
      {"uuid": "o1", "type": "hostname", "value": "www.evil.com.", "to_ids": "1"}]}]}})";
  auto r = ImportMispEvent(event);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->attributes.size(), 12u);
  std::vector<std::string> got;
  for (const auto& i : r->indicators) {
    got.push_back(std::string(model::NameIn(model::kIndicatorTypeNames, i.type)) + ":" + i.value);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"ipv4:10.0.0.1", "ipv6:2001:db8::1", "cidr:10.0.0.0/8",
                                           "sha256:" + std::string(64, 'a'),
                                           "ja3:" + std::string(32, 'b'), "domain:www.evil.com"}));
  const model::Indicator& first = r->indicators[0];
  EXPECT_EQ(first.name, "test event");
  EXPECT_EQ(first.source, "ACME");
  EXPECT_EQ(first.tlp, Tlp::kAmber);
  EXPECT_EQ(first.confidence, 75);
  EXPECT_EQ(first.attack_techniques, std::vector<std::string>{"T1566"});
  EXPECT_EQ(first.labels,
            (std::vector<std::string>{"misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\"",
                                      "Network activity"}));
  EXPECT_EQ(r->indicators[4].tlp, Tlp::kRed);  // the attribute's tag wins
  EXPECT_EQ(r->indicators[4].confidence, 95);
  EXPECT_EQ(r->attributes[4].status, MispAttributeStatus::kNotForIds);
  EXPECT_EQ(r->attributes[4].reason, "to_ids is false");
  EXPECT_EQ(r->attributes[5].status, MispAttributeStatus::kIgnoredType);
  EXPECT_EQ(r->attributes[6].status, MispAttributeStatus::kRejected);
  EXPECT_EQ(r->attributes[6].reason, "md5 'xyz': 3 characters, expected 32 hex digits");
  EXPECT_EQ(r->attributes[7].status, MispAttributeStatus::kDeleted);
  EXPECT_EQ(r->attributes[9].reason, "not a JSON object");
  EXPECT_EQ(r->attributes[10].object, "file");
  EXPECT_EQ(r->attributes[10].uuid, "o0");
  EXPECT_EQ(r->attributes[10].index, 10u);
  EXPECT_EQ(r->attributes[10].event_uuid, "e1");
  EXPECT_EQ(r->attributes[10].status, MispAttributeStatus::kNotForIds);

  EXPECT_EQ(ImportMispEvent("{").status().message(),
            "misp event: malformed JSON at line 1 column 2: incomplete JSON");
}

}  // namespace
}  // namespace sw::intel
