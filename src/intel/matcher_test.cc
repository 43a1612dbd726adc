// SPDX-License-Identifier: Apache-2.0
#include "intel/matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace sw::intel {
namespace {

using model::IndicatorType;

model::Indicator Ind(IndicatorType t, std::string v, std::string name = "", int confidence = 50) {
  model::Indicator i;
  i.type = t;
  i.value = std::move(v);
  i.name = std::move(name);
  i.confidence = confidence;
  return i;
}

const Timestamp kNow = FromUnixMillis(1795305600000);

// "name" of the hit, or "-" for no match: one string to compare.
std::string Name(const std::optional<IntelHit>& hit) { return hit ? hit->context->name : "-"; }
std::string Value(const std::optional<IntelHit>& hit) { return hit ? hit->value : "-"; }

TEST(IntelMatcher, ExactAddressesV4AndV6) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kIpv4, "198.51.100.200", "v4"),
                                Ind(IndicatorType::kIpv4, "0.0.0.0", "zero"),
                                Ind(IndicatorType::kIpv6, "2001:db8::1", "v6"),
                                Ind(IndicatorType::kIpv6, "::ffff:203.0.113.9", "mapped")},
                               kNow);
  auto hit = m->MatchIpText("198.51.100.200");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->type, IndicatorType::kIpv4);
  EXPECT_EQ(hit->value, "198.51.100.200");
  EXPECT_EQ(hit->context->name, "v4");
  EXPECT_EQ(Name(m->MatchIpText("0.0.0.0")), "zero");
  EXPECT_EQ(Name(m->MatchIpText("198.51.100.201")), "-");
  EXPECT_EQ(Value(m->MatchIpText("2001:DB8:0::1")), "2001:db8::1");
  EXPECT_EQ(Name(m->MatchIpText("2001:db8::2")), "-");
  // An IPv4-mapped IPv6 indicator is the IPv4 address it maps.
  EXPECT_EQ(Value(m->MatchIpText("203.0.113.9")), "203.0.113.9");
  EXPECT_EQ(Name(m->MatchIpText("not an address")), "-");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kIpv4, "198.51.100.200")), "v4");
  EXPECT_EQ(m->FindIpv4(0xC63364C8), m->FindValue(IndicatorType::kIpv4, "198.51.100.200"));
}

TEST(IntelMatcher, NetworksLongestMatch) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kCidr, "10.0.0.0/8", "net8"),
                                Ind(IndicatorType::kCidr, "10.20.0.0/16", "net16"),
                                Ind(IndicatorType::kCidr, "10.20.30.0/24", "net24"),
                                Ind(IndicatorType::kCidr, "10.20.30.255/32", "net32"),
                                Ind(IndicatorType::kIpv4, "10.20.30.40", "host"),
                                Ind(IndicatorType::kCidr, "2001:db8::/32", "v6net32"),
                                Ind(IndicatorType::kCidr, "2001:db8:1::/48", "v6net48"),
                                Ind(IndicatorType::kCidr, "::ffff:192.0.2.0/120", "mappednet")},
                               kNow);
  EXPECT_EQ(Name(m->MatchIpText("10.20.30.40")), "host");
  EXPECT_EQ(Name(m->MatchIpText("10.20.30.41")), "net24");
  EXPECT_EQ(Name(m->MatchIpText("10.20.30.255")), "net32");
  EXPECT_EQ(Name(m->MatchIpText("10.20.31.0")), "net16");
  EXPECT_EQ(Name(m->MatchIpText("10.20.255.255")), "net16");
  EXPECT_EQ(Name(m->MatchIpText("10.21.0.0")), "net8");
  EXPECT_EQ(Name(m->MatchIpText("10.0.0.0")), "net8");
  EXPECT_EQ(Name(m->MatchIpText("10.255.255.255")), "net8");
  EXPECT_EQ(Name(m->MatchIpText("9.255.255.255")), "-");
  EXPECT_EQ(Name(m->MatchIpText("11.0.0.0")), "-");
  EXPECT_EQ(Value(m->MatchIpText("10.20.30.41")), "10.20.30.0/24");
  EXPECT_EQ(Name(m->MatchIpText("2001:db8:1:2::9")), "v6net48");
  EXPECT_EQ(Name(m->MatchIpText("2001:db8:2::9")), "v6net32");
  EXPECT_EQ(Name(m->MatchIpText("2001:db9::1")), "-");
  EXPECT_EQ(Value(m->MatchIpText("2001:db8:ffff::9")), "2001:db8::/32");
  EXPECT_EQ(Value(m->MatchIpText("192.0.2.77")), "192.0.2.0/24");
  // A network as a value: exactly, not by containment.
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kCidr, "10.20.0.0/16")), "net16");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kCidr, "10.20.0.0/17")), "-");
}

TEST(IntelMatcher, NetworksAtTheEdgesOfTheAddressSpace) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kCidr, "0.0.0.0/0", "all"),
                                Ind(IndicatorType::kCidr, "255.255.255.0/24", "top"),
                                Ind(IndicatorType::kCidr, "0.0.0.0/8", "bottom"),
                                Ind(IndicatorType::kCidr, "ffff::/16", "v6top")},
                               kNow);
  EXPECT_EQ(Name(m->MatchIpText("255.255.255.255")), "top");
  EXPECT_EQ(Name(m->MatchIpText("255.255.254.255")), "all");
  EXPECT_EQ(Name(m->MatchIpText("0.0.0.1")), "bottom");
  EXPECT_EQ(Name(m->MatchIpText("1.0.0.0")), "all");
  EXPECT_EQ(Name(m->MatchIpText("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), "v6top");
  EXPECT_EQ(Name(m->MatchIpText("fffe::1")), "-");
}

// Enough networks for the range table's bucket index, checked against a
// brute-force longest match.
TEST(IntelMatcher, ManyNetworksAgreeWithBruteForce) {
  std::mt19937_64 rng(11);
  struct Net {
    uint32_t first;
    int len;
  };
  std::vector<Net> nets;
  std::vector<model::Indicator> in;
  auto text = [](uint32_t a) {
    return std::to_string(a >> 24) + "." + std::to_string(a >> 16 & 255) + "." + std::to_string(a >> 8 & 255) + "." +
           std::to_string(a & 255);
  };
  for (int i = 0; i < 6000; ++i) {
    const int len = 8 + static_cast<int>(rng() % 25);
    // Few /8s, so that networks nest.
    const uint32_t a = (static_cast<uint32_t>(rng() % 4 + 10) << 24 | static_cast<uint32_t>(rng() & 0xFFFFFF)) &
                       (~uint32_t{0} << (32 - len));
    nets.push_back({a, len});
    in.push_back(Ind(IndicatorType::kCidr, text(a) + "/" + std::to_string(len)));
  }
  auto m = IntelMatcher::Build(in, kNow);
  for (int q = 0; q < 20000; ++q) {
    const uint32_t addr = q % 2 ? (static_cast<uint32_t>(rng() % 5 + 9) << 24 | static_cast<uint32_t>(rng() & 0xFFFFFF))
                                : nets[rng() % nets.size()].first + static_cast<uint32_t>(rng() % 300);
    int best = -1;
    std::string want = "-";
    for (const Net& n : nets) {
      const uint32_t mask = ~uint32_t{0} << (32 - n.len);
      if ((addr & mask) == n.first && n.len > best) {
        best = n.len;
        want = text(n.first) + "/" + std::to_string(n.len);
      }
    }
    ASSERT_EQ(Value(m->MatchIpText(text(addr))), want) << text(addr);
  }
}

TEST(IntelMatcher, DomainsMatchTheirSubdomainsOnly) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kDomain, "evil.example", "d"),
                                Ind(IndicatorType::kDomain, "cdn.evil.example", "cdn")},
                               kNow);
  EXPECT_EQ(Name(m->MatchDomain("evil.example")), "d");
  EXPECT_EQ(Name(m->MatchDomain("WWW.Evil.Example.")), "d");
  EXPECT_EQ(Name(m->MatchDomain("sub.evil.example")), "d");
  EXPECT_EQ(Value(m->MatchDomain("a.b.evil.example")), "evil.example");
  EXPECT_EQ(Name(m->MatchDomain("x.cdn.evil.example")), "cdn");  // the most specific
  EXPECT_EQ(Name(m->MatchDomain("notevil.example")), "-");
  EXPECT_EQ(Name(m->MatchDomain("evil.example.com")), "-");
  EXPECT_EQ(Name(m->MatchDomain("example")), "-");
  EXPECT_EQ(Name(m->MatchDomain("")), "-");
  EXPECT_EQ(Name(m->MatchDomain(std::string(300, 'a') + ".evil.example")), "d");  // longer than any buffer
  // As a value: exactly.
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kDomain, "sub.evil.example")), "-");
}

TEST(IntelMatcher, UrlsAreNormalizedBeforeMatching) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kUrl, "http://evil.example/payload.exe", "u")}, kNow);
  EXPECT_EQ(Name(m->MatchUrl("http://evil.example/payload.exe")), "u");
  EXPECT_EQ(Name(m->MatchUrl("HTTP://EVIL.example:80/%70ayload.exe#frag")), "u");
  EXPECT_EQ(Name(m->MatchUrl("http://evil.example/other")), "-");
  EXPECT_EQ(Name(m->MatchUrl("http://evil.example/PAYLOAD.exe")), "-");  // the path keeps its case
  EXPECT_NE(m->FindUrl("http://evil.example/payload.exe"), IntelMatcher::kNoMatch);
}

TEST(IntelMatcher, HashesJa3AndEmailInAnyCase) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e", "md5"),
                                Ind(IndicatorType::kSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1"),
                                Ind(IndicatorType::kSha256,
                                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256"),
                                Ind(IndicatorType::kJa3, "a607f3a5c94c2ee592af1456f36c8367", "chrome34"),
                                Ind(IndicatorType::kEmail, "Phish@Evil.example", "mail")},
                               kNow);
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kMd5, "D41D8CD98F00B204E9800998ECF8427E")), "md5");
  EXPECT_EQ(Value(m->MatchValue(IndicatorType::kMd5, "D41D8CD98F00B204E9800998ECF8427E")),
            "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kSha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709")), "sha1");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kSha256,
                               "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")),
            "sha256");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kJa3, "A607F3A5C94C2EE592AF1456F36C8367")), "chrome34");
  // Same bytes, other type: no match.
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kJa3, "d41d8cd98f00b204e9800998ecf8427e")), "-");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kMd5, "a607f3a5c94c2ee592af1456f36c8367")), "-");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kMd5, "not hex")), "-");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kEmail, "phish@evil.EXAMPLE")), "mail");
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kEmail, "other@evil.example")), "-");
}

TEST(IntelMatcher, ExpiredAndInvalidAreLeftOut) {
  auto expired = Ind(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e", "old");
  expired.valid_until = kNow - std::chrono::hours(1);
  auto current = Ind(IndicatorType::kIpv4, "192.0.2.1", "current");
  current.valid_until = kNow + std::chrono::hours(1);
  auto m = IntelMatcher::Build({expired, current, Ind(IndicatorType::kIpv4, "192.0.2.300", "bad")}, kNow);
  EXPECT_EQ(m->size(), 1u);
  EXPECT_EQ(m->stats().expired, 1u);
  EXPECT_EQ(m->stats().invalid, 1u);
  EXPECT_EQ(Name(m->MatchValue(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e")), "-");
  auto hit = m->MatchIpText("192.0.2.1");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->context->valid_until, current.valid_until);
}

TEST(IntelMatcher, DuplicatesKeepTheHighestConfidenceAndTiesTheFirst) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kDomain, "evil.example", "low", 30),
                                Ind(IndicatorType::kDomain, "evil.example", "high", 90),
                                Ind(IndicatorType::kDomain, "evil.example", "tie", 90),
                                Ind(IndicatorType::kDomain, "EVIL.example.", "lower", 10),
                                Ind(IndicatorType::kIpv4, "192.0.2.1", "first", 50),
                                Ind(IndicatorType::kIpv6, "::ffff:192.0.2.1", "mapped", 60)},
                               kNow);
  EXPECT_EQ(m->size(), 2u);
  EXPECT_EQ(m->stats().duplicates, 4u);
  EXPECT_EQ(Name(m->MatchDomain("evil.example")), "high");
  EXPECT_EQ(m->MatchDomain("evil.example")->context->confidence, 90);
  EXPECT_EQ(Name(m->MatchIpText("192.0.2.1")), "mapped");
}

TEST(IntelMatcher, IndicatorsWithTheSameContextShareOneRecord) {
  std::vector<model::Indicator> in;
  for (int i = 0; i < 100; ++i) {
    auto ind = Ind(IndicatorType::kIpv4, "192.0.2." + std::to_string(i), i % 2 ? "odd" : "even");
    ind.labels = {"c2"};
    in.push_back(ind);
  }
  auto m = IntelMatcher::Build(in, kNow);
  EXPECT_EQ(m->stats().contexts, 2u);
  EXPECT_EQ(m->MatchIpText("192.0.2.1")->context, m->MatchIpText("192.0.2.3")->context);
  EXPECT_NE(m->MatchIpText("192.0.2.1")->context, m->MatchIpText("192.0.2.2")->context);
  EXPECT_EQ(m->MatchIpText("192.0.2.2")->context->labels, std::vector<std::string>{"c2"});
  EXPECT_GT(m->MemoryBytes(), 0u);
}

// Many values in, many near-misses out: a fingerprint match is never taken
// for a hit without the bytes agreeing, and every listed value is found.
TEST(IntelMatcher, NoFalsePositivesAmongManyValues) {
  std::mt19937_64 rng(7);
  std::vector<model::Indicator> in;
  std::vector<std::string> absent;
  auto hex = [&](size_t digits) {
    std::string s;
    for (size_t i = 0; i < digits; ++i) s.push_back("0123456789abcdef"[rng() % 16]);
    return s;
  };
  for (int i = 0; i < 50000; ++i) {
    in.push_back(Ind(IndicatorType::kMd5, hex(32)));
    in.push_back(Ind(IndicatorType::kDomain, "d" + std::to_string(i) + ".example"));
    absent.push_back(hex(32));
  }
  auto m = IntelMatcher::Build(in, kNow);
  ASSERT_EQ(m->size(), in.size());
  for (const auto& ind : in) {
    auto hit = ind.type == IndicatorType::kMd5 ? m->MatchValue(ind.type, ind.value) : m->MatchDomain(ind.value);
    ASSERT_TRUE(hit) << ind.value;
    ASSERT_EQ(hit->value, ind.value);
  }
  for (int i = 0; i < 50000; ++i) {
    ASSERT_FALSE(m->MatchValue(IndicatorType::kMd5, absent[static_cast<size_t>(i)]));
    ASSERT_FALSE(m->MatchDomain("e" + std::to_string(i) + ".example"));
    ASSERT_FALSE(m->MatchValue(IndicatorType::kJa3, in[static_cast<size_t>(2 * i)].value));
  }
}

TEST(IntelMatcher, BatchesEqualSingleLookups) {
  std::vector<model::Indicator> in;
  for (int i = 0; i < 300; ++i) {
    in.push_back(Ind(IndicatorType::kIpv4, "198.51.100." + std::to_string(i % 256)));
    in.push_back(Ind(IndicatorType::kDomain, "d" + std::to_string(i) + ".example"));
    in.push_back(Ind(IndicatorType::kSha1, std::string(38, 'a') + std::to_string(10 + i % 90)));
  }
  in.push_back(Ind(IndicatorType::kCidr, "203.0.113.0/24", "net"));
  in.push_back(Ind(IndicatorType::kIpv6, "2001:db8::5", "v6"));
  auto m = IntelMatcher::Build(in, kNow);

  std::vector<Ip16> ips;
  std::vector<uint32_t> v4s;
  std::vector<std::string> names, hashes;
  for (int i = 0; i < 1000; ++i) {
    Ip16 a{};
    a[10] = a[11] = 0xff;
    a[12] = static_cast<uint8_t>(i % 3 ? 198 : 203);
    a[13] = static_cast<uint8_t>(i % 3 ? 51 : 0);
    a[14] = static_cast<uint8_t>(100 + i % 14);
    a[15] = static_cast<uint8_t>(i % 256);
    ips.push_back(a);
    v4s.push_back(uint32_t{a[12]} << 24 | uint32_t{a[13]} << 16 | uint32_t{a[14]} << 8 | a[15]);
    names.push_back("x.d" + std::to_string(i % 400) + ".example");
    hashes.push_back(std::string(38, i % 2 ? 'a' : 'A') + std::to_string(10 + i % 99));
  }
  Ip16 v6{0x20, 0x01, 0x0d, 0xb8};
  v6[15] = 5;
  ips.push_back(v6);
  const std::vector<std::string_view> name_views(names.begin(), names.end());
  const std::vector<std::string_view> hash_views(hashes.begin(), hashes.end());

  std::vector<IntelMatcher::Id> out(ips.size());
  m->FindIps(ips, out);
  size_t hits = 0;
  for (size_t i = 0; i < ips.size(); ++i) {
    ASSERT_EQ(out[i], m->FindIp(ips[i])) << i;
    hits += out[i] != IntelMatcher::kNoMatch;
  }
  EXPECT_GT(hits, 50u);  // 198.51.100.x and 203.0.113.x
  EXPECT_EQ(m->Describe(out.back()).value, "2001:db8::5");
  m->FindIpv4s(v4s, out);
  for (size_t i = 0; i < v4s.size(); ++i) ASSERT_EQ(out[i], m->FindIpv4(v4s[i])) << i;
  m->FindDomains(name_views, out);
  for (size_t i = 0; i < names.size(); ++i) ASSERT_EQ(out[i], m->FindDomain(names[i])) << i;
  m->FindValues(IndicatorType::kSha1, hash_views, out);
  hits = 0;
  for (size_t i = 0; i < hashes.size(); ++i) {
    ASSERT_EQ(out[i], m->FindValue(IndicatorType::kSha1, hashes[i])) << i;
    hits += out[i] != IntelMatcher::kNoMatch;
  }
  EXPECT_GT(hits, 100u);
}

TEST(IntelHolder, ReadersKeepTheirSnapshotWhileANewOneIsPublished) {
  IntelHolder holder;
  holder.Publish(IntelMatcher::Build({Ind(IndicatorType::kIpv4, "192.0.2.1", "v1")}, kNow));
  auto held = holder.Get();
  std::thread writer([&] { holder.Publish(IntelMatcher::Build({Ind(IndicatorType::kIpv4, "192.0.2.2", "v2")}, kNow)); });
  writer.join();
  EXPECT_EQ(Name(held->MatchIpText("192.0.2.1")), "v1");  // still valid
  EXPECT_EQ(Name(holder.Get()->MatchIpText("192.0.2.1")), "-");
  EXPECT_EQ(Name(holder.Get()->MatchIpText("192.0.2.2")), "v2");
}

}  // namespace
}  // namespace sw::intel
