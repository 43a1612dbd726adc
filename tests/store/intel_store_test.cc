// SPDX-License-Identifier: Apache-2.0
//
// The intelligence repository on every backend: TLP on every read (checked
// against model::CanRead, the rule itself), object versions, paging that
// survives concurrent inserts, indicator merging, partners.
#include <gtest/gtest.h>

#include <set>

#include "model/intel.h"
#include "store/open.h"
#include "store/testing/scopes.h"
#include "support/temp_dir.h"

namespace sw::store {
namespace {

using model::IntelObject;
using model::IntelReader;
using model::Tlp;

const Timestamp kNow = FromUnixMillis(1795305600000);

std::vector<std::string> BackendSchemes() {
  std::vector<std::string> out;
  for (const auto& b : Backends()) out.push_back(b.scheme);
  return out;
}

class IntelStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = OpenStore({.url = GetParam() + ":" + dir_.file("db"), .synchronous = "NORMAL"});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const char* id : {"e1", "e2"}) {
      model::Tenant t;
      t.id = model::TenantId(id);
      t.name = std::string("企业") + id;
      t.credit_code = id == std::string("e1") ? "91350100M000100Y43" : "91110000802100433B";
      t.created_at = t.updated_at = kNow;
      auto tx = Write();
      Status st = tx->tenants().Insert(testing::TestScopes::All(), t);
      ASSERT_TRUE(st.ok()) << st.ToString();
      ASSERT_TRUE(tx->Commit().ok());
    }
  }

  std::unique_ptr<Transaction> Write() { return std::move(*store_->Begin(Store::Mode::kWrite)); }
  std::unique_ptr<Transaction> Read() { return std::move(*store_->Begin(Store::Mode::kRead)); }

  IntelObject Object(const std::string& id, const std::string& version, const std::string& owner, Tlp tlp,
                     std::vector<std::string> recipients = {}) {
    IntelObject o;
    o.id = id;
    o.type = id.substr(0, id.find("--"));
    o.version = version;
    o.owner = owner;
    o.tlp = tlp;
    o.recipients = std::move(recipients);
    o.added_at = kNow;
    o.json = R"({"type":")" + o.type + R"(","id":")" + id + R"(","modified":")" + version + R"("})";
    return o;
  }

  bool Put(IntelObject o) {
    auto tx = Write();
    auto r = tx->intel().PutObject(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return r.ok() && *r;
  }

  std::vector<std::string> Ids(const IntelObjectQuery& q) {
    auto r = Read()->intel().ListObjects(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& o : *r) out.push_back(o.id + "@" + o.version);
    }
    return out;
  }

  sw::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(IntelStore, EveryReadAppliesTlpExactlyAsTheRuleSays) {
  // One object and one indicator for every owner kind x TLP level.
  const std::vector<std::string> owners = {"center", "partner:P1", "enterprise:e1"};
  const std::vector<std::string> recipients = {"enterprise:e2"};
  std::vector<std::tuple<std::string, std::string, Tlp>> made;
  int n = 0;
  for (const auto& owner : owners) {
    for (const auto& [tlp, name] : model::kTlpNames) {
      ++n;
      const std::string id = "indicator--00000000-0000-4000-8000-" + std::string(12 - std::to_string(n).size(), '0') +
                             std::to_string(n);
      ASSERT_TRUE(Put(Object(id, "2026-01-01T00:00:00.000Z", owner, tlp, recipients)));
      model::IndicatorRecord r;
      r.indicator.type = model::IndicatorType::kDomain;
      r.indicator.value = "d" + std::to_string(n) + ".example";
      r.indicator.tlp = tlp;
      r.source_key = id;
      r.owner = owner;
      r.recipients = recipients;
      r.first_seen = r.last_seen = kNow;
      auto tx = Write();
      ASSERT_TRUE(tx->intel().PutIndicator(r).ok());
      ASSERT_TRUE(tx->Commit().ok());
      made.emplace_back(id, owner, tlp);
    }
  }
  const std::vector<std::pair<std::string, IntelReader>> readers = {
      {"center", IntelReader::Center()},
      {"partner P1", IntelReader::OfPartner(model::PartnerId("P1"))},
      {"partner P2", IntelReader::OfPartner(model::PartnerId("P2"))},
      {"client e1", IntelReader::Enterprise(model::TenantId("e1"), {model::PartnerId("P1")})},
      {"e2", IntelReader::Enterprise(model::TenantId("e2"), {})},
      {"anonymous", IntelReader::Anonymous()},
  };
  for (const auto& [who, reader] : readers) {
    std::set<std::string> expected_objects, expected_values;
    int k = 0;
    for (const auto& [id, owner, tlp] : made) {
      ++k;
      if (model::CanRead(reader, owner, tlp, recipients)) {
        expected_objects.insert(id + "@2026-01-01T00:00:00.000Z");
        expected_values.insert("d" + std::to_string(k) + ".example");
      }
    }
    const auto ids = Ids({.reader = reader, .limit = 1000});
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected_objects) << who;
    std::set<std::string> values;
    ASSERT_TRUE(Read()->intel().ForEachIndicator(reader, [&](model::IndicatorRecord&& r) {
      values.insert(r.indicator.value);
    }).ok());
    EXPECT_EQ(values, expected_values) << who;
    auto page = Read()->intel().ListIndicators({.reader = reader, .page = {.limit = 1000}});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), expected_values.size()) << who;
  }
  // Spot checks of the rule, so that a rule and query wrong in the same way fail.
  EXPECT_EQ(Ids({.reader = IntelReader::Anonymous(), .limit = 1000}).size(), 3u);  // the CLEAR ones
  EXPECT_EQ(Ids({.reader = IntelReader::Center(), .limit = 1000}).size(), 15u);
  // e2: 3 CLEAR + 3 GREEN + center's AMBER + 3 RED naming it.
  EXPECT_EQ(Ids({.reader = IntelReader::Enterprise(model::TenantId("e2"), {}), .limit = 1000}).size(), 10u);
}

TEST_P(IntelStore, VersionsAreStoredOnceAndTheNewestIsTheDefault) {
  const std::string a = "indicator--11111111-1111-4111-8111-111111111111";
  const std::string b = "malware--22222222-2222-4222-8222-222222222222";
  EXPECT_TRUE(Put(Object(a, "2026-01-01T00:00:00.000Z", "center", Tlp::kGreen)));
  EXPECT_FALSE(Put(Object(a, "2026-01-01T00:00:00.000Z", "center", Tlp::kGreen)));  // same version
  EXPECT_TRUE(Put(Object(b, "2026-01-01T00:00:00.000Z", "center", Tlp::kGreen)));
  EXPECT_TRUE(Put(Object(a, "2026-02-01T00:00:00.000Z", "center", Tlp::kGreen)));
  const IntelReader center = IntelReader::Center();
  EXPECT_EQ(Ids({.reader = center}), (std::vector<std::string>{b + "@2026-01-01T00:00:00.000Z",
                                                               a + "@2026-02-01T00:00:00.000Z"}));
  EXPECT_EQ(Ids({.reader = center, .versions = {"all"}}).size(), 3u);
  EXPECT_EQ(Ids({.reader = center, .ids = {b}}), (std::vector<std::string>{b + "@2026-01-01T00:00:00.000Z"}));
  EXPECT_EQ(Ids({.reader = center, .types = {"indicator"}, .versions = {"all"}}),
            (std::vector<std::string>{a + "@2026-01-01T00:00:00.000Z", a + "@2026-02-01T00:00:00.000Z"}));
  EXPECT_TRUE(*Read()->intel().HasObject(a));
  EXPECT_FALSE(*Read()->intel().HasObject("indicator--33333333-3333-4333-8333-333333333333"));
}

TEST_P(IntelStore, PagingBySeqNeitherSkipsNorRepeatsWhileObjectsArrive) {
  std::vector<std::string> all;
  for (int i = 0; i < 10; ++i) {
    const std::string id = "indicator--00000000-0000-4000-8000-0000000000" + std::string(i < 10 ? "0" : "") +
                           std::to_string(i);
    ASSERT_TRUE(Put(Object(id, "2026-01-01T00:00:00.000Z", "center", Tlp::kClear)));
    all.push_back(id);
  }
  std::vector<std::string> seen;
  int64_t after = 0;
  int inserted = 10;
  while (true) {
    auto page = Read()->intel().ListObjects({.reader = IntelReader::Anonymous(), .after_seq = after, .limit = 3});
    ASSERT_TRUE(page.ok());
    const bool more = page->size() > 3;
    for (size_t i = 0; i < std::min<size_t>(3, page->size()); ++i) {
      seen.push_back((*page)[i].id);
      after = (*page)[i].seq;
    }
    if (inserted < 14) {  // someone shares more while the reader pages
      const std::string id = "indicator--00000000-0000-4000-8000-0000000001" + std::to_string(inserted);
      ASSERT_TRUE(Put(Object(id, "2026-01-01T00:00:00.000Z", "center", Tlp::kClear)));
      all.push_back(id);
      ++inserted;
    }
    if (!more) break;
  }
  EXPECT_EQ(seen, all);
}

TEST_P(IntelStore, IndicatorsMergeBySourceAndKeepFirstSeen) {
  model::IndicatorRecord r;
  r.indicator.type = model::IndicatorType::kIpv4;
  r.indicator.value = "198.51.100.7";
  r.indicator.tlp = Tlp::kGreen;
  r.indicator.confidence = 60;
  r.indicator.labels = {"c2"};
  r.source_key = "indicator--a";
  r.owner = "center";
  r.first_seen = r.last_seen = kNow;
  auto put = [&](const model::IndicatorRecord& rec) {
    auto tx = Write();
    auto res = tx->intel().PutIndicator(rec);
    EXPECT_TRUE(res.ok()) << res.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return res.ok() && *res;
  };
  EXPECT_TRUE(put(r));  // a new value
  auto again = r;
  again.indicator.confidence = 80;
  again.first_seen = again.last_seen = kNow + std::chrono::hours(1);
  EXPECT_FALSE(put(again));  // the same source again: replaced
  auto other = r;
  other.source_key = "misp:feed";
  other.indicator.source = "CIRCL";
  EXPECT_FALSE(put(other));  // a second source of a known value

  auto found = Read()->intel().FindIndicators(IntelReader::Center(), model::IndicatorType::kIpv4,
                                              {"198.51.100.7", "198.51.100.8"});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].source_key, "indicator--a");
  EXPECT_EQ((*found)[0].indicator.confidence, 80);
  EXPECT_EQ((*found)[0].first_seen, kNow);
  EXPECT_EQ((*found)[0].last_seen, kNow + std::chrono::hours(1));
  EXPECT_EQ((*found)[0].indicator.labels, std::vector<std::string>{"c2"});
  EXPECT_EQ((*found)[1].source_key, "misp:feed");
  EXPECT_EQ((*found)[1].indicator.source, "CIRCL");

  // Paging through the list with its cursor.
  auto p1 = Read()->intel().ListIndicators({.reader = IntelReader::Center(), .page = {.limit = 1}});
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1->items.size(), 1u);
  ASSERT_FALSE(p1->next_cursor.empty());
  auto p2 = Read()->intel().ListIndicators(
      {.reader = IntelReader::Center(), .page = {.limit = 1, .cursor = p1->next_cursor}});
  ASSERT_TRUE(p2.ok());
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p1->items[0].source_key, "misp:feed");  // newest first
  EXPECT_EQ(p2->items[0].source_key, "indicator--a");
  EXPECT_TRUE(p2->next_cursor.empty());
  auto bad = Read()->intel().ListIndicators({.reader = IntelReader::Center(), .page = {.limit = 1, .cursor = "x"}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto q = Read()->intel().ListIndicators({.reader = IntelReader::Center(), .q = "100.8"});
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->items.empty());
}

TEST_P(IntelStore, PartnersAndTheEnterprisesTheyServe) {
  model::Partner p{model::PartnerId("P1"), "城市运营商", {model::TenantId("e1")}, kNow};
  {
    auto tx = Write();
    ASSERT_TRUE(tx->intel().InsertPartner(p).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Write();
    model::Partner dup{model::PartnerId("P2"), "城市运营商", {}, kNow};
    Status s = tx->intel().InsertPartner(dup);
    EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
    EXPECT_NE(s.message().find("name"), std::string::npos) << s.ToString();
  }
  {
    auto tx = Write();
    model::Partner bad{model::PartnerId("P3"), "安全厂商", {model::TenantId("nobody")}, kNow};
    EXPECT_FALSE(tx->intel().InsertPartner(bad).ok());  // an unknown client enterprise
  }
  auto got = Read()->intel().GetPartner(model::PartnerId("P1"));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "城市运营商");
  EXPECT_EQ(got->clients, std::vector<model::TenantId>{model::TenantId("e1")});
  EXPECT_EQ(Read()->intel().ListPartners()->size(), 1u);
  EXPECT_EQ(*Read()->intel().PartnersServing(model::TenantId("e1")), std::vector<model::PartnerId>{p.id});
  EXPECT_TRUE(Read()->intel().PartnersServing(model::TenantId("e2"))->empty());
  EXPECT_EQ(Read()->intel().GetPartner(model::PartnerId("P9")).status().code(), StatusCode::kNotFound);
}

TEST_P(IntelStore, TaxiiFiltersCollectionsAndStatuses) {
  const std::string a = "indicator--11111111-1111-4111-8111-111111111111";
  auto in = [&](std::string collection, const std::string& version, Timestamp added) {
    IntelObject o = Object(a, version, "center", Tlp::kGreen);
    o.collection = std::move(collection);
    o.added_at = added;
    return Put(o);
  };
  ASSERT_TRUE(in("c1", "2026-01-01T00:00:00.000Z", kNow));
  ASSERT_TRUE(in("c1", "2026-02-01T00:00:00.000Z", kNow + std::chrono::seconds(1)));
  ASSERT_TRUE(in("c1", "2026-03-01T00:00:00.000Z", kNow + std::chrono::seconds(2)));
  const IntelReader center = IntelReader::Center();
  EXPECT_EQ(Ids({.reader = center, .versions = {"first"}}), (std::vector<std::string>{a + "@2026-01-01T00:00:00.000Z"}));
  EXPECT_EQ(Ids({.reader = center, .versions = {"first", "last"}}),
            (std::vector<std::string>{a + "@2026-01-01T00:00:00.000Z", a + "@2026-03-01T00:00:00.000Z"}));
  EXPECT_EQ(Ids({.reader = center, .versions = {"2026-02-01T00:00:00.000Z"}}),
            (std::vector<std::string>{a + "@2026-02-01T00:00:00.000Z"}));
  EXPECT_EQ(Ids({.reader = center, .added_after = kNow, .versions = {"all"}}).size(), 2u);
  EXPECT_EQ(Ids({.reader = center, .collection = "c1", .versions = {"all"}}).size(), 3u);
  EXPECT_TRUE(Ids({.reader = center, .collection = "c2"}).empty());

  {
    auto tx = Write();
    ASSERT_TRUE(tx->intel().InsertCollection({"c1", "共享", "d", {"*"}, {"center"}, kNow}).ok());
    ASSERT_TRUE(tx->intel().PutStatus({"s1", "partner:P1", kNow, R"({"status":"pending"})"}).ok());
    ASSERT_TRUE(tx->intel().PutStatus({"s1", "partner:P1", kNow, R"({"status":"complete"})"}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto c = Read()->intel().GetCollection("c1");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->title, "共享");
  EXPECT_EQ(c->readers, std::vector<std::string>{"*"});
  EXPECT_EQ(Read()->intel().ListCollections()->size(), 1u);
  EXPECT_EQ(Read()->intel().GetCollection("c9").status().code(), StatusCode::kNotFound);
  auto st = Read()->intel().GetStatus("s1");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->json, R"({"status":"complete"})");
  EXPECT_EQ(st->owner, "partner:P1");

  EXPECT_TRUE(model::OrgInPatterns("partner:P1", {"partner:*"}));
  EXPECT_TRUE(model::OrgInPatterns("enterprise:e1", {"*"}));
  EXPECT_TRUE(model::OrgInPatterns("center", {}));
  EXPECT_FALSE(model::OrgInPatterns("enterprise:e1", {"partner:*", "enterprise:e2"}));
  EXPECT_FALSE(model::OrgInPatterns("", {"*"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, IntelStore, ::testing::ValuesIn(BackendSchemes()),
                         [](const auto& test_param) { return test_param.param; });

}  // namespace
}  // namespace sw::store
