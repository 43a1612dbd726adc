// SPDX-License-Identifier: Apache-2.0
#include "intel/warninglist.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sw::intel {
namespace {

using model::IndicatorType;

// ../shared/data/misp-warninglists, or "" when it is not there.
std::string WarningListsDir() {
  const char* d = std::getenv("SW_SHARED_DATA");
  if (d == nullptr) return "";
  const std::string dir = std::string(d) + "/misp-warninglists";
  return std::filesystem::is_directory(dir + "/lists") ? dir : "";
}

std::vector<std::string> Names(const std::vector<const WarningList*>& hits) {
  std::vector<std::string> out;
  for (const auto* l : hits) out.push_back(l->origin);
  return out;
}

// The shared folder, loaded and compiled once for all tests.
class RealWarningLists : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (WarningListsDir().empty()) return;
    const auto start = std::chrono::steady_clock::now();
    auto load = LoadWarningLists(WarningListsDir());
    ASSERT_TRUE(load.ok()) << load.status().message();
    const auto loaded = std::chrono::steady_clock::now();
    load_ = new WarningListsLoad{{}, load->failures};
    lists_ = load->lists.size();
    entries_ = load->EntryCount();
    for (const auto& l : load->lists) skipped_ += l.skipped.size();
    auto set = WarningListSet::Build(std::move(load->lists));
    ASSERT_TRUE(set.ok()) << set.status().message();
    const auto built = std::chrono::steady_clock::now();
    set_ = new std::shared_ptr<const WarningListSet>(*set);
    using ms = std::chrono::milliseconds;
    std::printf("[ timing ] %zu warning lists, %zu entries: load %lld ms, compile %lld ms\n",
                lists_, entries_,
                static_cast<long long>(std::chrono::duration_cast<ms>(loaded - start).count()),
                static_cast<long long>(std::chrono::duration_cast<ms>(built - loaded).count()));
  }
  static void TearDownTestSuite() {
    delete set_;
    delete load_;
    set_ = nullptr;
    load_ = nullptr;
  }
  void SetUp() override {
    if (set_ == nullptr) {
      GTEST_SKIP() << "../shared/data/misp-warninglists is missing (SW_SHARED_DATA unset or "
                      "the folder absent): run via ctest with the shared data";
    }
  }

  static std::vector<std::string> Check(IndicatorType t, std::string_view v) {
    return Names((*set_)->Check(t, v));
  }

  static inline std::shared_ptr<const WarningListSet>* set_ = nullptr;
  static inline WarningListsLoad* load_ = nullptr;
  static inline size_t lists_ = 0, entries_ = 0, skipped_ = 0;
};

TEST_F(RealWarningLists, LoadsEveryList) {
  EXPECT_EQ(lists_, 136u);
  EXPECT_EQ(entries_, 528972u);
  EXPECT_EQ(skipped_, 0u);
  EXPECT_TRUE(load_->failures.empty());
  ASSERT_EQ((*set_)->lists().size(), 136u);
  EXPECT_EQ((*set_)->entry_count(), 528972u);
  EXPECT_EQ((*set_)->lists().front().origin, "akamai");
  EXPECT_EQ((*set_)->lists().back().origin, "zscaler");
  const WarningList* dns = nullptr;
  for (const auto& l : (*set_)->lists()) {
    if (l.origin == "public-dns-v4") dns = &l;
  }
  ASSERT_NE(dns, nullptr);
  EXPECT_EQ(dns->name, "List of known IPv4 public DNS resolvers");
  EXPECT_EQ(dns->type, WarningListType::kCidr);
  EXPECT_EQ(dns->entries.size(), 62745u);
}

TEST_F(RealWarningLists, PublicResolvers) {
  const auto h = (*set_)->Check(IndicatorType::kIpv4, "8.8.8.8");
  // vpn-ipv4 lists 8.8.8.0/24 as a datacenter range.
  ASSERT_EQ(Names(h), (std::vector<std::string>{"public-dns-v4", "vpn-ipv4"}));
  EXPECT_EQ(h[0]->name, "List of known IPv4 public DNS resolvers");
  EXPECT_EQ(h[1]->name,
            "Specialized list of vpn-ipv4 addresses belonging to common VPN providers and "
            "datacenters");
  EXPECT_EQ(Check(IndicatorType::kIpv4, "1.1.1.1"), (std::vector<std::string>{"public-dns-v4"}));
  const auto v6 = (*set_)->Check(IndicatorType::kIpv6, "2001:4860:4860::8888");
  ASSERT_EQ(Names(v6), (std::vector<std::string>{"public-dns-v6"}));
  EXPECT_EQ(v6[0]->name, "List of known IPv6 public DNS resolvers");
}

TEST_F(RealWarningLists, DocumentationAndPrivateRanges) {
  // TEST-NET-3 is in RFC 5735's special-use list, and in nothing else.
  EXPECT_EQ(Check(IndicatorType::kIpv4, "203.0.113.77"), (std::vector<std::string>{"rfc5735"}));
  EXPECT_EQ(Check(IndicatorType::kIpv4, "10.1.2.3"),
            (std::vector<std::string>{"rfc1918", "rfc5735"}));
  EXPECT_EQ(Check(IndicatorType::kCidr, "10.20.0.0/16"),
            (std::vector<std::string>{"rfc1918", "rfc5735"}));
  // A network wider than every listed one is inside none of them.
  EXPECT_EQ(Check(IndicatorType::kCidr, "10.0.0.0/7"), std::vector<std::string>{});
  EXPECT_EQ(Check(IndicatorType::kIpv6, "2001:db8::1"), (std::vector<std::string>{"rfc3849"}));
  EXPECT_EQ(Check(IndicatorType::kIpv6, "fe80::1"), (std::vector<std::string>{"ipv6-linklocal"}));
  EXPECT_EQ(Check(IndicatorType::kIpv4, "100.127.255.254"), (std::vector<std::string>{"rfc6598"}));
  // An address nobody lists.
  EXPECT_EQ(Check(IndicatorType::kIpv4, "39.156.66.10"), std::vector<std::string>{});
}

TEST_F(RealWarningLists, TopDomains) {
  const auto google = (*set_)->Check(IndicatorType::kDomain, "google.com");
  EXPECT_EQ(Names(google),
            (std::vector<std::string>{"alexa", "cisco_top1000", "cisco_top10k", "cisco_top20k",
                                      "cisco_top5k", "cloudflare-top100k", "cloudflare-top10k",
                                      "cloudflare-top1k", "cloudflare-top200", "cloudflare-top20k",
                                      "cloudflare-top2k", "cloudflare-top50k", "cloudflare-top5k",
                                      "digitalside", "google", "majestic_million", "tranco10k"}));
  EXPECT_EQ(google.front()->name, "Top 1000 website from Alexa");
  EXPECT_EQ(google.back()->name, "Top 10K most-used sites from Tranco");
  // www.google.com: the hostname lists (alexa, digitalside, tranco10k) by the
  // parent domain, the string lists only where they hold the name itself.
  EXPECT_EQ(Check(IndicatorType::kDomain, "www.google.com"),
            (std::vector<std::string>{"alexa", "captive-portals", "cisco_top1000", "cisco_top10k",
                                      "cisco_top20k", "cisco_top5k", "digitalside", "google",
                                      "moz-top500", "tranco10k"}));
  // A URL is checked by its host against the lists that name "url";
  // captive-portals and digitalside do, moz-top500 does, google does.
  EXPECT_EQ(Check(IndicatorType::kUrl, "https://www.google.com/search?q=x"),
            (std::vector<std::string>{"alexa", "captive-portals", "cisco_top1000", "cisco_top10k",
                                      "cisco_top20k", "cisco_top5k", "google", "moz-top500",
                                      "tranco10k"}));
  EXPECT_EQ(Check(IndicatorType::kDomain, "shouwang-made-up-example-9f3c.com"),
            std::vector<std::string>{});
  EXPECT_EQ(Check(IndicatorType::kUrl, "http://shouwang-made-up-example-9f3c.com/"),
            std::vector<std::string>{});
}

TEST_F(RealWarningLists, LookupTime) {
  const char* values[][2] = {{"ipv4", "8.8.8.8"},
                             {"ipv4", "39.156.66.10"},
                             {"ipv6", "2001:db8::1"},
                             {"domain", "www.google.com"},
                             {"domain", "a.b.c.example.net"},
                             {"url", "https://x.example/a"},
                             {"email", "abuse@example.org"},
                             {"md5", "d41d8cd98f00b204e9800998ecf8427e"}};
  constexpr int kRounds = 2000;
  size_t hits = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) {
    for (const auto& v : values) {
      hits += (*set_)
                  ->Check(*model::ParseIn(model::kIndicatorTypeNames, std::string_view(v[0])), v[1])
                  .size();
    }
  }
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("[ timing ] %d lookups: %lld ns each\n", kRounds * 8,
              static_cast<long long>(ns / (kRounds * 8)));
  EXPECT_GT(hits, 0u);
}

TEST_F(RealWarningLists, TypesOutsideMatchingAttributes) {
  // public-dns-v4 names address attribute types only.
  EXPECT_EQ(Check(IndicatorType::kDomain, "8.8.8.8"), std::vector<std::string>{});
  EXPECT_EQ(Check(IndicatorType::kMd5, "8.8.8.8"), std::vector<std::string>{});
  // The md5 of nothing: three hash lists name md5, none names ja3.
  EXPECT_EQ(
      Check(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e"),
      (std::vector<std::string>{"common-ioc-false-positive", "empty-hashes", "ti-falsepositives"}));
  EXPECT_EQ(Check(IndicatorType::kJa3, "d41d8cd98f00b204e9800998ecf8427e"),
            std::vector<std::string>{});
  // The cisco lists hold "8.8.8.8" as a string but are domain lists.
  EXPECT_EQ(Check(IndicatorType::kIpv4, "8.8.4.4"),
            (std::vector<std::string>{"public-dns-v4", "vpn-ipv4"}));
  // Substring and regex lists on e-mail addresses.
  EXPECT_EQ(Check(IndicatorType::kEmail, "abuse@example.org"),
            (std::vector<std::string>{"common-contact-emails"}));
  EXPECT_EQ(Check(IndicatorType::kEmail, "someone@mailinator.com"),
            (std::vector<std::string>{"disposable-email"}));
}

// --- Synthetic lists: semantics and hostile input ---------------------------

std::string ListJson(std::string_view type, std::string_view attributes, std::string_view entries) {
  return std::string(R"({"name": "test list", "description": "d", "version": 3, "type": ")") +
         std::string(type) + R"(", "matching_attributes": )" + std::string(attributes) +
         R"(, "list": )" + std::string(entries) + "}";
}

std::shared_ptr<const WarningListSet> BuildOne(const std::string& json) {
  auto l = LoadWarningList(json, "t");
  EXPECT_TRUE(l.ok()) << l.status().message();
  std::vector<WarningList> lists;
  if (l.ok()) lists.push_back(std::move(*l));
  auto set = WarningListSet::Build(std::move(lists));
  EXPECT_TRUE(set.ok()) << set.status().message();
  return *set;
}

size_t Hits(const std::shared_ptr<const WarningListSet>& s, IndicatorType t, std::string_view v) {
  return s->Check(t, v).size();
}

TEST(WarningList, ParsesFields) {
  auto l = LoadWarningList(
      ListJson("hostname", R"(["domain", "url"])", R"([".A.example", "b.example"])"), "t");
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->origin, "t");
  EXPECT_EQ(l->name, "test list");
  EXPECT_EQ(l->description, "d");
  EXPECT_EQ(l->version, 3);
  EXPECT_EQ(l->type, WarningListType::kHostname);
  EXPECT_EQ(l->matching_attributes, (std::vector<std::string>{"domain", "url"}));
  EXPECT_EQ(l->entries, (std::vector<std::string>{".A.example", "b.example"}));
  EXPECT_TRUE(l->skipped.empty());
  EXPECT_TRUE(WarningListApplies(*l, IndicatorType::kDomain));
  EXPECT_TRUE(WarningListApplies(*l, IndicatorType::kUrl));
  EXPECT_FALSE(WarningListApplies(*l, IndicatorType::kIpv4));
  EXPECT_EQ(WarningListTypeName(l->type), "hostname");
}

TEST(WarningList, HostileInput) {
  struct Case {
    std::string text;
    StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"", StatusCode::kInvalidArgument, "x: malformed JSON at line 1 column 1: incomplete JSON"},
      {"[1]", StatusCode::kInvalidArgument, "x: expected a JSON object"},
      {R"({"description": "d", "version": 1, "type": "string", "list": []})",
       StatusCode::kInvalidArgument, "x: name: required"},
      {R"({"name": 7, "description": "d", "version": 1, "type": "string", "list": []})",
       StatusCode::kInvalidArgument, "x: name: expected a string"},
      {R"({"name": "n", "description": "d", "version": "1", "type": "string", "list": []})",
       StatusCode::kInvalidArgument, "x: version: expected an integer"},
      {R"({"name": "n", "description": "d", "version": 1.5, "type": "string", "list": []})",
       StatusCode::kInvalidArgument, "x: version: expected an integer"},
      {R"({"name": "n", "description": "d", "version": 1, "type": ["string"], "list": []})",
       StatusCode::kInvalidArgument, "x: type: expected a string"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "glob", "list": []})",
       StatusCode::kInvalidArgument,
       "x: type: unknown list type \"glob\" (string, substring, hostname, cidr or regex)"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string"})",
       StatusCode::kInvalidArgument, "x: list: required"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string", "list": "a"})",
       StatusCode::kInvalidArgument, "x: list: expected an array of strings"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string", "list": ["a", 2]})",
       StatusCode::kInvalidArgument, "x: list[1]: expected a string"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string", "list": ["a", null]})",
       StatusCode::kInvalidArgument, "x: list[1]: expected a string"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string", "list": [],
           "matching_attributes": "domain"})",
       StatusCode::kInvalidArgument, "x: matching_attributes: expected an array of strings"},
      {R"({"name": "n", "description": "d", "version": 1, "type": "string", "list": [],
           "matching_attributes": ["domain", {}]})",
       StatusCode::kInvalidArgument,
       "x: matching_attributes[1]: expected a string of at most 256 bytes"},
      {std::string(100, '[') + std::string(100, ']'), StatusCode::kInvalidArgument,
       "x: malformed JSON at line 1 column 9: too deep"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = LoadWarningList(c.text, "x");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code);
    EXPECT_EQ(r.status().message(), c.message);
  }

  WarningListLimits small;
  small.max_bytes = 64;
  auto big =
      LoadWarningList(ListJson("string", "[]", R"(["a very long entry indeed"])"), "x", small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(big.status().message(), "x: larger than 64 bytes");
  small = {};
  small.max_entries = 2;
  auto many = LoadWarningList(ListJson("string", "[]", R"(["a", "b", "c"])"), "x", small);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().message(), "x: list: more than 2 entries");
}

TEST(WarningList, BadEntriesAreSkippedAndReported) {
  auto l = LoadWarningList(
      ListJson("cidr", R"(["ip-dst"])",
               R"(["10.0.0.0/8", "10.0.0.0/33", "not-an-ip", "", "2001:DB8::/32", "1.2.3.4/"])"),
      "x");
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->entries, (std::vector<std::string>{"10.0.0.0/8", "2001:DB8::/32"}));
  ASSERT_EQ(l->skipped.size(), 4u);
  EXPECT_EQ(l->skipped[0].index, 1u);
  EXPECT_EQ(l->skipped[0].entry, "10.0.0.0/33");
  EXPECT_EQ(l->skipped[0].reason, "not an IPv4 or IPv6 address or network");
  EXPECT_EQ(l->skipped[1].index, 2u);
  EXPECT_EQ(l->skipped[2].index, 3u);
  EXPECT_EQ(l->skipped[2].reason, "empty");
  EXPECT_EQ(l->skipped[3].entry, "1.2.3.4/");

  auto rx = LoadWarningList(ListJson("regex", R"(["email-src"])",
                                     R"(["/^ok$/i", "no-delimiters", "/(unclosed/", "/x/q"])"),
                            "x");
  ASSERT_TRUE(rx.ok()) << rx.status().message();
  EXPECT_EQ(rx->entries, (std::vector<std::string>{"/^ok$/i"}));
  ASSERT_EQ(rx->skipped.size(), 3u);
  EXPECT_EQ(rx->skipped[0].reason, "not a /pattern/flags regex");
  EXPECT_EQ(rx->skipped[1].reason, "missing closing parenthesis at offset 9");
  EXPECT_EQ(rx->skipped[2].reason, "unknown regex flag 'q'");

  // A list made by hand with a bad entry is refused by Build.
  WarningList hand;
  hand.name = "hand";
  hand.type = WarningListType::kCidr;
  hand.entries = {"1.2.3.0/24", "300.1.1.1"};
  std::vector<WarningList> lists;
  lists.push_back(hand);
  auto set = WarningListSet::Build(std::move(lists));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(),
            "warning list \"hand\": entry 1 '300.1.1.1': not an IPv4 or IPv6 address or network");
}

TEST(WarningList, StringSemantics) {
  auto s = BuildOne(ListJson("string", R"(["domain", "md5"])",
                             R"([".Example.COM", "D41D8CD98F00B204E9800998ECF8427E"])"));
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "example.com"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "www.example.com"), 0u);  // exact only
  EXPECT_EQ(Hits(s, IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kSha1, "d41d8cd98f00b204e9800998ecf8427e"), 0u);  // not named
  EXPECT_EQ(Hits(s, IndicatorType::kUrl, "http://example.com/"), 0u);  // url not named
}

TEST(WarningList, HostnameSemantics) {
  auto s = BuildOne(ListJson("hostname", R"(["hostname", "url", "email-src"])",
                             R"([".example.com", "Other.ORG.", "com.cn"])"));
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "example.com"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "a.b.example.com"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "notexample.com"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "www.other.org"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "example.com.evil.net"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kUrl, "https://user@www.example.com:8443/a?b"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kUrl, "https://evil.net/www.example.com"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kEmail, "x@mail.other.org"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kEmail, "other.org@evil.net"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "1.2.3.4"), 0u);
}

TEST(WarningList, CidrSemantics) {
  auto s = BuildOne(ListJson("cidr", R"(["ip-src", "url"])",
                             R"(["192.0.2.0/24", "198.51.100.7", "2001:DB8::/32", "10.1.2.3/8"])"));
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "192.0.2.255"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "192.0.3.0"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "198.51.100.7"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "198.51.100.8"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "10.200.0.1"), 1u);  // host bits of 10.1.2.3/8 cleared
  EXPECT_EQ(Hits(s, IndicatorType::kIpv6, "2001:db8:ffff::1"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv6, "2001:db9::1"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv6, "::ffff:192.0.2.1"), 0u);  // families kept apart
  EXPECT_EQ(Hits(s, IndicatorType::kCidr, "192.0.2.128/25"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kCidr, "192.0.2.0/24"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kCidr, "192.0.2.0/23"), 0u);  // wider than the listed one
  EXPECT_EQ(Hits(s, IndicatorType::kCidr, "2001:db8:1::/48"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kUrl, "http://192.0.2.9/x"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kUrl, "http://[2001:db8::5]:8080/"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "192.0.2.1"), 0u);
  EXPECT_EQ(Hits(s, IndicatorType::kIpv4, "not an address"), 0u);
}

TEST(WarningList, SubstringAndRegexSemantics) {
  auto sub = BuildOne(ListJson("substring", R"(["domain", "email-dst"])",
                               R"(["Sandbox", "zz", "analysis.example"])"));
  EXPECT_EQ(Hits(sub, IndicatorType::kDomain, "my-sandbox.example.net"), 1u);
  EXPECT_EQ(Hits(sub, IndicatorType::kDomain, "fizz.example.net"), 1u);  // "zz" (short entry)
  EXPECT_EQ(Hits(sub, IndicatorType::kDomain, "good.example.net"), 0u);
  EXPECT_EQ(Hits(sub, IndicatorType::kEmail, "a@analysis.example"), 1u);
  EXPECT_EQ(Hits(sub, IndicatorType::kIpv4, "1.2.3.4"), 0u);

  auto rx = BuildOne(
      ListJson("regex", R"(["email-src"])", R"(["/^(security|abuse)@.*\\..*$/i", "#^x{3}$#"])"));
  EXPECT_EQ(Hits(rx, IndicatorType::kEmail, "abuse@example.org"), 1u);
  EXPECT_EQ(Hits(rx, IndicatorType::kEmail, "ABUSE@example.org"), 1u);
  EXPECT_EQ(Hits(rx, IndicatorType::kEmail, "xxx"), 1u);
  EXPECT_EQ(Hits(rx, IndicatorType::kEmail, "ceo@example.org"), 0u);
  EXPECT_EQ(Hits(rx, IndicatorType::kDomain, "abuse@example.org"), 0u);
  // Catastrophic backtracking stops at the match limit and counts as no match.
  auto slow = BuildOne(ListJson("regex", "[]", R"(["/^(a+)+$/"])"));
  EXPECT_EQ(Hits(slow, IndicatorType::kEmail, std::string(40, 'a') + "!"), 0u);
}

TEST(WarningList, NoMatchingAttributesMeansEveryType) {
  auto s = BuildOne(R"({"name": "n", "description": "d", "version": 1, "type": "string",
                        "list": ["evil.example"]})");
  EXPECT_EQ(Hits(s, IndicatorType::kDomain, "evil.example"), 1u);
  EXPECT_EQ(Hits(s, IndicatorType::kMd5, "evil.example"), 1u);
  // An attribute type we have no indicator type for adds nothing.
  auto none = BuildOne(ListJson("string", R"(["phone-number"])", R"(["evil.example"])"));
  EXPECT_EQ(Hits(none, IndicatorType::kDomain, "evil.example"), 0u);
}

TEST(WarningList, SeveralListsInOrder) {
  std::vector<WarningList> lists;
  for (
      const char* json :
      {R"({"name": "b", "description": "", "version": 1, "type": "hostname", "list": ["example.com"]})",
       R"({"name": "a", "description": "", "version": 1, "type": "string", "list": ["www.example.com"]})",
       R"({"name": "c", "description": "", "version": 1, "type": "string", "list": ["other"]})"}) {
    auto l = LoadWarningList(json, "");
    ASSERT_TRUE(l.ok()) << l.status().message();
    lists.push_back(std::move(*l));
  }
  auto set = WarningListSet::Build(std::move(lists));
  ASSERT_TRUE(set.ok());
  const auto hits = (*set)->Check(IndicatorType::kDomain, "www.example.com");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0]->name, "b");
  EXPECT_EQ(hits[1]->name, "a");
}

TEST(WarningList, MissingFolder) {
  auto r = LoadWarningLists("/nonexistent/shouwang-warninglists");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(),
            "warning lists: /nonexistent/shouwang-warninglists/lists is not a folder");
}

}  // namespace
}  // namespace sw::intel
