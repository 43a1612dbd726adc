// SPDX-License-Identifier: Apache-2.0
#include "model/asset.h"

#include <gtest/gtest.h>

namespace sw::model {
namespace {

std::string Norm(const char* v) {
  auto n = NormalizeAssetValue(v, std::nullopt);
  return n.ok() ? std::string(NameIn(kAssetKindNames, n->kind)) + " " + n->value
                : "error " + n.status().message();
}

TEST(AssetValue, InfersKindAndNormalizes) {
  EXPECT_EQ(Norm("192.0.2.10"), "ipv4 192.0.2.10");
  EXPECT_EQ(Norm(" 2001:DB8:0:0::1 "), "ipv6 2001:db8::1");
  EXPECT_EQ(Norm("10.1.0.0/16"), "cidr 10.1.0.0/16");
  EXPECT_EQ(Norm("2001:db8::/48"), "cidr 2001:db8::/48");
  EXPECT_EQ(Norm("WWW.Example.COM"), "domain www.example.com");
  EXPECT_EQ(Norm("HTTPS://Example.com:443"), "url https://example.com/");
  EXPECT_EQ(Norm("http://example.com:8080/app/../admin#frag"), "url http://example.com:8080/admin");
}

TEST(AssetValue, RejectsWithClearReasons) {
  EXPECT_EQ(Norm("10.0.0.0/33"), "error value: prefix length 33 is out of range for IPv4 (16-32)");
  EXPECT_EQ(Norm("10.0.0.0/8"), "error value: prefix length 8 is out of range for IPv4 (16-32)");
  EXPECT_EQ(Norm("10.0.0.1/24"),
            "error value: 10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
  EXPECT_EQ(Norm("10.0.0.0/abc"), "error value: prefix length \"abc\" is not a number");
  EXPECT_EQ(Norm("999.1.1.1/24"), "error value: \"999.1.1.1\" is not an IPv4 or IPv6 address");
  EXPECT_EQ(Norm("ftp://example.com"), "error value: URL scheme must be http or https");
  EXPECT_EQ(Norm("http://user:pw@example.com/"),
            "error value: URL must not contain a user name or password");
  EXPECT_EQ(Norm("localhost"),
            "error value: \"localhost\" is not an IP address, CIDR network, domain name or http(s) URL");
  EXPECT_EQ(Norm("例子.中国"),
            "error value: internationalized domain names must be given in their xn-- (punycode) form");
  EXPECT_EQ(Norm(""), "error value: must not be empty");
  EXPECT_EQ(Norm("-bad-.example.com").substr(0, 12), "error value:");
}

// Found by fuzz/model/asset_value_fuzz.cc: normalizing was not idempotent.
TEST(AssetValue, FuzzRegressionUrlNormalizationIsIdempotent) {
  EXPECT_EQ(Norm("https://example.com:."), "url https://example.com/");
  EXPECT_EQ(Norm("https://example.com"), "url https://example.com/");
  EXPECT_EQ(Norm("http://example.com:080/"), "url http://example.com/");
  EXPECT_EQ(Norm("http://example.com:99999/"), "error value: URL port must be 1-65535");
  for (const char* v : {"https://example.com:.", "https://a.example.com/./x/../y/", "http://example.com:"}) {
    auto once = NormalizeAssetValue(v, std::nullopt);
    ASSERT_TRUE(once.ok()) << v;
    auto twice = NormalizeAssetValue(once->value, once->kind);
    ASSERT_TRUE(twice.ok()) << v;
    EXPECT_EQ(twice->value, once->value) << v;
  }
}

TEST(AssetValue, ExplicitKindMustMatch) {
  auto n = NormalizeAssetValue("192.0.2.1", AssetKind::kDomain);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().message(), "value: \"192.0.2.1\" is a ipv4, not a domain");
}

Asset Make(const char* value) {
  Asset a;
  auto n = NormalizeAssetValue(value, std::nullopt);
  a.kind = n->kind;
  a.value = n->value;
  return a;
}

bool Covers(const char* asset, const char* target) {
  auto t = ParseScanTarget(target);
  EXPECT_TRUE(t.ok()) << target;
  return AssetCovers(Make(asset), *t);
}

TEST(AssetCovers, AddressesAndNetworks) {
  EXPECT_TRUE(Covers("192.0.2.10", "192.0.2.10"));
  EXPECT_FALSE(Covers("192.0.2.10", "192.0.2.11"));
  EXPECT_TRUE(Covers("192.0.2.10", "https://192.0.2.10:8443/login"));
  EXPECT_TRUE(Covers("10.1.0.0/16", "10.1.255.255"));
  EXPECT_FALSE(Covers("10.1.0.0/16", "10.2.0.0"));
  EXPECT_TRUE(Covers("2001:db8::/48", "2001:db8:0:ffff::1"));
  EXPECT_FALSE(Covers("2001:db8::/48", "2001:db9::1"));
  EXPECT_FALSE(Covers("10.1.0.0/16", "www.example.com"));
}

TEST(AssetCovers, NamesAndUrls) {
  EXPECT_TRUE(Covers("www.example.com", "WWW.EXAMPLE.COM"));
  EXPECT_TRUE(Covers("www.example.com", "http://www.example.com/x"));
  EXPECT_FALSE(Covers("example.com", "www.example.com"));  // subdomains need their own asset
  EXPECT_TRUE(Covers("https://example.com/app", "https://example.com/app/login"));
  EXPECT_TRUE(Covers("https://example.com/app", "https://example.com:443/app"));
  EXPECT_FALSE(Covers("https://example.com/app", "https://example.com/application"));
  EXPECT_FALSE(Covers("https://example.com/app", "http://example.com/app"));
  EXPECT_FALSE(Covers("https://example.com/app", "https://example.com:8443/app"));
  EXPECT_FALSE(Covers("https://example.com/", "example.com"));
}

TEST(ScanTarget, RejectsJunk) {
  EXPECT_FALSE(ParseScanTarget("not a host").ok());
  EXPECT_FALSE(ParseScanTarget("gopher://x.example.com").ok());
}

TEST(AssetPatch, DecodesTagsAndRejectsUnknown) {
  auto p = AssetPatchFromJson(*ParseJson(R"({"value":"192.0.2.1","tags":["b"," a ","b",""]})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p->tags, (std::vector<std::string>{"a", "b"}));
  auto bad = AssetPatchFromJson(*ParseJson(R"({"value":"192.0.2.1","criticality":"extreme"})"));
  EXPECT_EQ(bad.status().field(), "criticality");
}

}  // namespace
}  // namespace sw::model
