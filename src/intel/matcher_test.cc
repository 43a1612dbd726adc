// SPDX-License-Identifier: Apache-2.0
#include "intel/matcher.h"

#include <gtest/gtest.h>

#include <thread>

namespace sw::intel {
namespace {

using model::IndicatorType;

model::Indicator Ind(IndicatorType t, std::string v, std::string name = "") {
  model::Indicator i;
  i.type = t;
  i.value = std::move(v);
  i.name = std::move(name);
  return i;
}

const Timestamp kNow = FromUnixMillis(1795305600000);

TEST(IntelMatcher, AddressesNetworksLongestMatch) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kCidr, "198.51.100.0/24", "net24"),
                                Ind(IndicatorType::kCidr, "198.51.100.128/25", "net25"),
                                Ind(IndicatorType::kIpv4, "198.51.100.200", "host"),
                                Ind(IndicatorType::kCidr, "2001:db8::/32", "v6net"),
                                Ind(IndicatorType::kIpv6, "2001:db8::1", "v6host")},
                               kNow);
  EXPECT_EQ(m->MatchIpText("198.51.100.200")->name, "host");
  EXPECT_EQ(m->MatchIpText("198.51.100.201")->name, "net25");
  EXPECT_EQ(m->MatchIpText("198.51.100.7")->name, "net24");
  EXPECT_EQ(m->MatchIpText("198.51.101.7"), nullptr);
  EXPECT_EQ(m->MatchIpText("2001:db8::1")->name, "v6host");
  EXPECT_EQ(m->MatchIpText("2001:db8:ffff::9")->name, "v6net");
  EXPECT_EQ(m->MatchIpText("2001:db9::1"), nullptr);
  EXPECT_EQ(m->MatchIpText("not an address"), nullptr);
}

TEST(IntelMatcher, DomainsMatchTheirSubdomainsOnly) {
  auto m = IntelMatcher::Build({Ind(IndicatorType::kDomain, "evil.example", "d")}, kNow);
  EXPECT_NE(m->MatchDomain("evil.example"), nullptr);
  EXPECT_NE(m->MatchDomain("WWW.Evil.Example."), nullptr);
  EXPECT_NE(m->MatchDomain("a.b.evil.example"), nullptr);
  EXPECT_EQ(m->MatchDomain("notevil.example"), nullptr);
  EXPECT_EQ(m->MatchDomain("example"), nullptr);
}

TEST(IntelMatcher, ExactValuesAndExpiry) {
  auto expired = Ind(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e", "old");
  expired.valid_until = kNow - std::chrono::hours(1);
  auto m = IntelMatcher::Build({Ind(IndicatorType::kJa3, "a607f3a5c94c2ee592af1456f36c8367", "chrome34"),
                                Ind(IndicatorType::kUrl, "http://evil.example/payload.exe", "u"), expired},
                               kNow);
  EXPECT_EQ(m->size(), 2u);
  EXPECT_EQ(m->MatchValue(IndicatorType::kJa3, "A607F3A5C94C2EE592AF1456F36C8367")->name, "chrome34");
  EXPECT_NE(m->MatchUrl("http://evil.example/payload.exe"), nullptr);
  EXPECT_EQ(m->MatchUrl("http://evil.example/other"), nullptr);
  EXPECT_EQ(m->MatchValue(IndicatorType::kMd5, "d41d8cd98f00b204e9800998ecf8427e"), nullptr);
}

TEST(IntelHolder, ReadersKeepTheirSnapshotWhileANewOneIsPublished) {
  IntelHolder holder;
  holder.Publish(IntelMatcher::Build({Ind(IndicatorType::kIpv4, "192.0.2.1", "v1")}, kNow));
  auto held = holder.Get();
  std::thread writer([&] { holder.Publish(IntelMatcher::Build({Ind(IndicatorType::kIpv4, "192.0.2.2", "v2")}, kNow)); });
  writer.join();
  EXPECT_EQ(held->MatchIpText("192.0.2.1")->name, "v1");  // still valid
  EXPECT_EQ(holder.Get()->MatchIpText("192.0.2.1"), nullptr);
  EXPECT_EQ(holder.Get()->MatchIpText("192.0.2.2")->name, "v2");
}

}  // namespace
}  // namespace sw::intel
