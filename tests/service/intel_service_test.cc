// SPDX-License-Identifier: Apache-2.0
//
// IntelService over a real SQLite store: STIX round trips of the OASIS
// examples, the MISP samples, TLP on exports and matches for every kind of
// reader, bad input that stores nothing bad, and who may do what.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "core/file.h"
#include "support/platform_fixture.h"

namespace sw::service {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string SharedData() {
  const char* d = std::getenv("SW_SHARED_DATA");
  return d != nullptr && fs::exists(d) ? d : std::string();
}

std::vector<std::string> JsonFilesIn(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class IntelServiceTest : public sw::testing::PlatformFixture {
 protected:
  IntelImportReport Import(const std::string& text, IntelImportOptions options = {}) {
    auto r = platform_->intel.Import(admin_, text, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IntelImportReport{};
  }

  std::string Export(const model::IntelReader& reader, IntelExportFormat f) {
    std::ostringstream out;
    Status s = platform_->intel.Export(admin_, reader, f, out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  // The values (second CSV column) of a CSV export, sorted.
  std::set<std::string> CsvValues(const model::IntelReader& reader) {
    std::istringstream in(Export(reader, IntelExportFormat::kCsv));
    std::set<std::string> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const size_t a = line.find(',');
      out.insert(line.substr(a + 1, line.find(',', a + 1) - a - 1));
    }
    return out;
  }
};

TEST_F(IntelServiceTest, StixRoundTripGivesBackEveryObjectExactly) {
  if (SharedData().empty()) GTEST_SKIP() << "../shared/data is missing: no OASIS STIX examples to round-trip";
  std::vector<std::string> files = JsonFilesIn(SharedData() + "/stix/cti-stix2-json-schemas/examples");
  for (auto& f : JsonFilesIn(SharedData() + "/stix/cti-documentation-examples")) files.push_back(f);
  ASSERT_EQ(files.size(), 15u);
  // What must come back: the first copy of each (id, version), newest version of each id.
  std::map<std::string, std::pair<std::string, json::value>> expected;  // id -> (version, object)
  size_t read = 0, rejected = 0;
  for (const auto& f : files) {
    auto text = ReadFileToString(f);
    ASSERT_TRUE(text.ok());
    const IntelImportReport r = Import(*text, {.origin = fs::path(f).filename().string()});
    read += r.items;
    rejected += r.rejected;
    auto doc = ParseJson(*text);
    ASSERT_TRUE(doc.ok());
    json::array objects;  // a bundle's objects, or a file that is one object
    if (doc->as_object().at("type") == "bundle") {
      objects = doc->as_object().at("objects").as_array();
    } else {
      objects.push_back(*doc);
    }
    for (const auto& o : objects) {
      const auto& obj = o.as_object();
      const std::string id(obj.at("id").as_string());
      std::string version;
      if (const auto* m = obj.if_contains("modified")) version = std::string(m->as_string());
      else if (const auto* c = obj.if_contains("created")) version = std::string(c->as_string());
      auto it = expected.find(id);
      if (it == expected.end() || version > it->second.first) expected[id] = {version, o};
    }
  }
  EXPECT_EQ(rejected, 0u);
  EXPECT_EQ(read, 91u);

  const std::string out = Export(model::IntelReader::Center(), IntelExportFormat::kStix);
  auto bundle = ParseJson(out, {.max_bytes = size_t{64} << 20});
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  EXPECT_EQ(bundle->as_object().at("type").as_string(), "bundle");
  std::map<std::string, json::value> exported;
  for (const auto& o : bundle->as_object().at("objects").as_array()) {
    exported[std::string(o.as_object().at("id").as_string())] = o;
  }
  EXPECT_EQ(exported.size(), expected.size());
  for (const auto& [id, want] : expected) {
    auto it = exported.find(id);
    ASSERT_NE(it, exported.end()) << id << " was not exported";
    EXPECT_EQ(it->second, want.second) << id << " changed on the way through";
  }
}

TEST_F(IntelServiceTest, MispFeedAndEventSamplesImportWithExactCounts) {
  if (SharedData().empty()) GTEST_SKIP() << "../shared/data is missing: no MISP samples";
  auto r = platform_->intel.ImportMispFeed(admin_, SharedData() + "/misp/feed-cert-fr-misp", {.origin = "cert-fr"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, IntelFormat::kMispFeed);
  EXPECT_EQ(r->items, 1913u);  // attributes of the 13 events
  EXPECT_EQ(r->indicators_new, 1708u);
  EXPECT_EQ(r->indicators_merged, 30u);  // the same value in two events
  EXPECT_EQ(r->skipped, 175u);  // not for IDS, or types that are not indicators
  EXPECT_EQ(r->rejected, 0u);
  EXPECT_EQ(r->objects_stored + r->objects_known, 1708u + 30u);

  // Again: every value is merged, no object is stored twice.
  auto again = platform_->intel.ImportMispFeed(admin_, SharedData() + "/misp/feed-cert-fr-misp", {.origin = "x"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->indicators_new, 0u);
  EXPECT_EQ(again->objects_stored, 0u);

  size_t events = 0, fresh = 0, rejected = 0;
  for (const auto& f : JsonFilesIn(SharedData() + "/misp/feed-circl-osint-sample")) {
    const IntelImportReport e = Import(*ReadFileToString(f));
    EXPECT_EQ(e.format, IntelFormat::kMispEvent) << f;
    ++events;
    fresh += e.indicators_new;
    rejected += e.rejected;
  }
  EXPECT_EQ(events, 46u);
  EXPECT_EQ(fresh, 3278u);
  // Three URLs hold the placeholder "[base64 e-mail address]", with spaces.
  EXPECT_EQ(rejected, 3u);
  // Nearly all of both feeds is TLP:CLEAR (tlp:white in CIRCL's events), so
  // anonymous readers see all but the few values marked otherwise.
  EXPECT_EQ(CsvValues(model::IntelReader::Center()).size(), 4987u);
  EXPECT_EQ(CsvValues(model::IntelReader::Anonymous()).size(), 4981u);
}

TEST_F(IntelServiceTest, ExportsAndMatchesShowEachReaderExactlyWhatTlpAllows) {
  const auto e1 = MakeTenant("甲制造公司", "91440300708461136T");
  const auto e2 = MakeTenant("乙贸易公司", "91110000600037341L");
  auto partner = platform_->intel.AddPartner(admin_, "城市运营商", {e1.id});
  ASSERT_TRUE(partner.ok()) << partner.status().ToString();
  // The partner's feed: one value per TLP level; RED names e2.
  const std::map<model::Tlp, std::string> values = {{model::Tlp::kClear, "clear.example"},
                                                    {model::Tlp::kGreen, "green.example"},
                                                    {model::Tlp::kAmber, "amber.example"},
                                                    {model::Tlp::kAmberStrict, "strict.example"},
                                                    {model::Tlp::kRed, "red.example"}};
  for (const auto& [tlp, v] : values) {
    IntelImportOptions o{.partner = partner->id, .default_tlp = tlp, .origin = "partner-feed"};
    if (tlp == model::Tlp::kRed) o.recipients = {model::EnterpriseOrg(e2.id)};
    EXPECT_EQ(Import(v + "\n", o).indicators_new, 1u);
  }
  const auto audience = [&](const std::string& a) {
    auto r = platform_->intel.AudienceReader(admin_, a);
    EXPECT_TRUE(r.ok()) << a << ": " << r.status().ToString();
    return *r;
  };
  using Set = std::set<std::string>;
  const std::map<std::string, Set> expected = {
      {"center", {"clear.example", "green.example", "amber.example", "strict.example", "red.example"}},
      {model::PartnerOrg(partner->id), {"clear.example", "green.example", "amber.example", "strict.example", "red.example"}},
      {model::EnterpriseOrg(e1.id), {"clear.example", "green.example", "amber.example"}},  // the partner's client
      {model::EnterpriseOrg(e2.id), {"clear.example", "green.example", "red.example"}},    // named on RED
      {"anonymous", {"clear.example"}},
  };
  for (const auto& [who, want] : expected) {
    const model::IntelReader reader = audience(who);
    EXPECT_EQ(CsvValues(reader), want) << who;
    // STIX exports carry the same objects.
    auto bundle = ParseJson(Export(reader, IntelExportFormat::kStix));
    ASSERT_TRUE(bundle.ok());
    EXPECT_EQ(bundle->as_object().at("objects").as_array().size(), want.size()) << who;
    // And a match sees only what the reader may.
    auto m = platform_->intel.Match(admin_, reader, {"www.amber.example", "red.example"});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ((*m)[0].matches.size(), want.count("amber.example")) << who;
    EXPECT_EQ((*m)[1].matches.size(), want.count("red.example")) << who;
  }
  // An enterprise user reads as its enterprise, with its partners' AMBER.
  const auto alice = MakeUser(e1.id, "alice", model::Role::kTenantMember);
  auto reader = platform_->intel.ReaderFor(alice);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(CsvValues(*reader), expected.at(model::EnterpriseOrg(e1.id)));
  EXPECT_EQ(platform_->intel.AudienceReader(alice, "center").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.AudienceReader(admin_, "partner:NOPE").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(platform_->intel.AudienceReader(admin_, "vendor:1").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(IntelServiceTest, MatchFollowsNetworksParentsAndHosts) {
  Import("198.51.100.0/24\n198.51.0.0/16\nevil.example\nhttp://203.0.113.9/x\n", {.default_tlp = model::Tlp::kGreen});
  auto m = platform_->intel.Match(admin_, model::IntelReader::Center(),
                                  {"198.51.100.77", "a.b.EVIL.example.", "boss@mail.evil.example",
                                   "http://203.0.113.9/x", "http://203.0.113.9/y", "nothing here"});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 6u);
  ASSERT_EQ((*m)[0].matches.size(), 2u);
  EXPECT_EQ((*m)[0].matches[0].indicator.value, "198.51.100.0/24");  // the narrower network first
  EXPECT_EQ((*m)[0].matches[1].indicator.value, "198.51.0.0/16");
  EXPECT_EQ((*m)[1].checked, "domain a.b.evil.example");
  ASSERT_EQ((*m)[1].matches.size(), 1u);
  EXPECT_EQ((*m)[1].matches[0].indicator.value, "evil.example");
  EXPECT_EQ((*m)[2].matches.size(), 1u);
  EXPECT_EQ((*m)[3].matches.size(), 1u);
  EXPECT_TRUE((*m)[4].matches.empty());
  EXPECT_EQ((*m)[5].checked, "not an indicator value");
}

TEST_F(IntelServiceTest, ABigBundleWithMalformedObjectsKeepsTheGoodOnesAndReportsEachBadOne) {
  // 10,000 indicators; every 270th is broken in one of three ways: 37 in all.
  json::array objects;
  std::set<size_t> bad;
  for (size_t i = 0; i < 10000; ++i) {
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "a0000000-0000-4000-8000-%012zu", i);
    json::object o{{"type", "indicator"},
                   {"spec_version", "2.1"},
                   {"id", std::string("indicator--") + uuid},
                   {"created", "2026-01-01T00:00:00.000Z"},
                   {"modified", "2026-01-01T00:00:00.000Z"},
                   {"pattern_type", "stix"},
                   {"valid_from", "2026-01-01T00:00:00Z"},
                   {"pattern", "[ipv4-addr:value = '10." + std::to_string(i / 65536) + "." +
                                   std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) + "']"}};
    if (i % 270 == 269) {
      bad.insert(i);
      if (bad.size() % 3 == 0) o["pattern"] = "[ipv4-addr:value = ";
      if (bad.size() % 3 == 1) o.erase("id");
      if (bad.size() % 3 == 2) o["confidence"] = 101;
    }
    objects.push_back(std::move(o));
  }
  ASSERT_EQ(bad.size(), 37u);
  const std::string text = ToJson(json::object{{"type", "bundle"}, {"id", "bundle--1"}, {"objects", objects}});
  const IntelImportReport r = Import(text, {.origin = "big.json"});
  EXPECT_EQ(r.items, 10000u);
  EXPECT_EQ(r.rejected, 37u);
  EXPECT_EQ(r.indicators_new, 10000u - 37u);
  EXPECT_EQ(r.objects_stored, 10000u - 37u);
  ASSERT_EQ(r.issues.size(), 37u);
  EXPECT_EQ(r.issues[0], "#269 indicator: id: missing");
  EXPECT_EQ(r.issues[1], "#539 indicator--a0000000-0000-4000-8000-000000000539: confidence: expected an integer from 0 to 100");
  EXPECT_EQ(r.issues[2].substr(0, 55), "#809 indicator--a0000000-0000-4000-8000-000000000809: p");

  // A file that is not intelligence at all fails whole and changes nothing.
  auto broken = platform_->intel.Import(admin_, "{\"type\": \"bundle\", \"objects\": [", {.origin = "broken.json"});
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  const IntelImportReport again = Import(text, {.origin = "big.json"});
  EXPECT_EQ(again.indicators_new, 0u);
  EXPECT_EQ(again.objects_stored, 0u);
  EXPECT_EQ(again.objects_known, 10000u - 37u);
}

TEST_F(IntelServiceTest, WhoMayImportAndAsWhom) {
  const auto e1 = MakeTenant("甲制造公司", "91440300708461136T");
  const auto e2 = MakeTenant("乙贸易公司", "91110000600037341L");
  const auto boss = MakeUser(e1.id, "boss", model::Role::kTenantAdmin);
  const auto clerk = MakeUser(e1.id, "clerk", model::Role::kTenantMember);
  auto own = platform_->intel.Import(boss, "evil.example\n", {});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->owner, model::EnterpriseOrg(e1.id));
  EXPECT_EQ(platform_->intel.Import(boss, "evil.example\n", {.tenant = e2.id}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.Import(clerk, "evil.example\n", {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.AddPartner(boss, "x", {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.Import(admin_, "evil.example\n", {.recipients = {"nobody"}}).status().code(),
            StatusCode::kInvalidArgument);
  // e1's AMBER (the default) stays with e1 and the center.
  auto e2_reader = platform_->intel.AudienceReader(admin_, model::EnterpriseOrg(e2.id));
  ASSERT_TRUE(e2_reader.ok());
  EXPECT_TRUE(CsvValues(*e2_reader).empty());
  EXPECT_EQ(CsvValues(model::IntelReader::Center()), std::set<std::string>{"evil.example"});
}

TEST_F(IntelServiceTest, PartnerTokensExchangeIntelligenceAndReachNothingElse) {
  const auto e1 = MakeTenant("甲制造公司", "91440300708461136T");
  auto partner = platform_->intel.AddPartner(admin_, "安全厂商", {e1.id});
  ASSERT_TRUE(partner.ok());
  auto made = platform_->intel.CreatePartnerToken(admin_, partner->id, "TAXII 推送");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->token.kind, model::TokenKind::kIntelExchange);
  auto who = platform_->auth.AuthenticateToken(made->secret, "198.51.100.9");
  ASSERT_TRUE(who.ok()) << who.status().ToString();

  // It reads and writes as the partner ...
  auto reader = platform_->intel.ReaderFor(*who);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->org, model::PartnerOrg(partner->id));
  EXPECT_FALSE(reader->center);
  auto cols = platform_->intel.Collections(*who);
  ASSERT_TRUE(cols.ok());
  ASSERT_EQ(cols->size(), 1u);
  EXPECT_EQ(cols->at(0).collection.id, model::kSharedCollectionId);
  EXPECT_TRUE(cols->at(0).can_read);
  EXPECT_TRUE(cols->at(0).can_write);

  // ... adds objects with a status: two good, one bad.
  const std::string id = std::string(model::kSharedCollectionId);
  json::array objects;
  for (int i = 1; i <= 2; ++i) {
    objects.push_back(json::object{{"type", "indicator"},
                                   {"spec_version", "2.1"},
                                   {"id", "indicator--0000000" + std::to_string(i) + "-0000-4000-8000-000000000000"},
                                   {"created", "2026-11-01T00:00:00.000Z"},
                                   {"modified", "2026-11-01T00:00:00.000Z"},
                                   {"pattern", "[ipv4-addr:value = '203.0.113." + std::to_string(i) + "']"},
                                   {"pattern_type", "stix"},
                                   {"valid_from", "2026-11-01T00:00:00Z"}});
  }
  objects.push_back(json::object{{"type", "indicator"}, {"id", "indicator--bad"}});
  auto status = platform_->intel.AddObjects(*who, id, objects);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(status->at("status").as_string(), "complete");
  EXPECT_EQ(status->at("total_count").as_int64(), 3);
  EXPECT_EQ(status->at("success_count").as_int64(), 2);
  EXPECT_EQ(status->at("failure_count").as_int64(), 1);
  EXPECT_EQ(status->at("failures").as_array().at(0).at("message").as_string(),
            "id: 'indicator--bad' is not 'indicator--<uuid>'");
  const std::string status_id(status->at("id").as_string());
  EXPECT_TRUE(platform_->intel.TaxiiStatus(*who, status_id).ok());
  EXPECT_TRUE(platform_->intel.TaxiiStatus(admin_, status_id).ok());
  const auto boss = MakeUser(e1.id, "boss", model::Role::kTenantAdmin);
  EXPECT_EQ(platform_->intel.TaxiiStatus(boss, status_id).status().code(), StatusCode::kNotFound);

  // The partner's unmarked (AMBER) objects reach its client enterprise.
  auto seen = platform_->intel.CollectionObjects(boss, id, {});
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(seen->size(), 2u);
  auto matches = platform_->intel.Match(boss, *platform_->intel.ReaderFor(boss), {"203.0.113.2"});
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ((*matches)[0].matches.size(), 1u);
  EXPECT_EQ((*matches)[0].matches[0].owner, model::PartnerOrg(partner->id));
  EXPECT_EQ(platform_->intel.CollectionObjects(boss, "no-such-collection", {}).status().code(),
            StatusCode::kNotFound);

  // ... and reaches nothing else.
  EXPECT_EQ(platform_->tenants.List(*who, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.AudienceReader(*who, "center").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.ListPartners(*who).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.Import(*who, "x.example\n", {.tenant = e1.id}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(platform_->intel.CreatePartnerToken(boss, partner->id, "x").status().code(),
            StatusCode::kPermissionDenied);
  // An enterprise member reads the collection but may not add to it.
  const auto clerk = MakeUser(e1.id, "clerk", model::Role::kTenantMember);
  auto clerk_view = platform_->intel.Collection(clerk, id);
  ASSERT_TRUE(clerk_view.ok());
  EXPECT_TRUE(clerk_view->can_read);
  EXPECT_FALSE(clerk_view->can_write);
  EXPECT_EQ(platform_->intel.AddObjects(clerk, id, objects).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(IntelServiceTest, WarningListsFlagKnownBenignValuesThatThenNeverReachSensors) {
  if (SharedData().empty()) GTEST_SKIP() << "../shared/data is missing: no MISP warning lists";
  ctx_->intel.warninglists_dir = SharedData() + "/misp-warninglists";
  const IntelImportReport r = Import("8.8.8.8\nevil.example\ngoogle.com\n", {.default_tlp = model::Tlp::kGreen});
  EXPECT_EQ(r.indicators_new, 3u);
  EXPECT_EQ(r.warned, 2u);
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0],
            "ipv4 8.8.8.8: on a warning list (known benign, never alerts): List of known IPv4 public DNS resolvers; "
            "Specialized list of vpn-ipv4 addresses belonging to common VPN providers and datacenters");
  EXPECT_EQ(r.issues[1].substr(0, 60), "domain google.com: on a warning list (known benign, never al");
  // Kept and shown with the warning ...
  auto m = platform_->intel.Match(admin_, model::IntelReader::Center(), {"8.8.8.8", "mail.evil.example"});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ((*m)[0].matches.size(), 1u);
  EXPECT_EQ((*m)[0].matches[0].warnings.size(), 2u);
  EXPECT_TRUE((*m)[1].matches.at(0).warnings.empty());
  // ... and left out of what sensors and partners match against.
  EXPECT_EQ(CsvValues(model::IntelReader::Center()), std::set<std::string>{"evil.example"});

  ctx_->intel.warninglists_dir = dir_.file("no-such-folder");
  IntelService fresh(*ctx_);
  auto bad = fresh.Import(admin_, "evil.example\n", {});
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
  EXPECT_NE(bad.status().message().find("intel.warninglists_dir"), std::string::npos) << bad.status().ToString();
}

}  // namespace
}  // namespace sw::service
