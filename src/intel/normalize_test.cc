// SPDX-License-Identifier: Apache-2.0
#include "intel/normalize.h"

#include <gtest/gtest.h>

namespace sw::intel {
namespace {

using model::IndicatorType;

std::string Norm(IndicatorType t, std::string_view v) {
  auto r = NormalizeIndicator(t, v);
  return r.ok() ? *r : "ERROR " + r.status().message();
}

TEST(Normalize, Ipv4) {
  EXPECT_EQ(Norm(IndicatorType::kIpv4, " 10.0.0.1 "), "10.0.0.1");
  EXPECT_EQ(Norm(IndicatorType::kIpv4, "256.0.0.1"), "ERROR ipv4 address '256.0.0.1': not a valid address");
  EXPECT_EQ(Norm(IndicatorType::kIpv4, "::1"), "ERROR ipv4 address '::1': is an IPv6 address");
  EXPECT_EQ(Norm(IndicatorType::kIpv4, "1.2.3"), "ERROR ipv4 address '1.2.3': not a valid address");
  EXPECT_EQ(Norm(IndicatorType::kIpv4, ""), "ERROR ipv4 address '': not a valid address");
}

TEST(Normalize, Ipv6) {
  EXPECT_EQ(Norm(IndicatorType::kIpv6, "2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(Norm(IndicatorType::kIpv6, "::ffff:1.2.3.4"), "::ffff:1.2.3.4");
  EXPECT_EQ(Norm(IndicatorType::kIpv6, "fe80::1%eth0"), "ERROR ipv6 address 'fe80::1%eth0': zone ids are not allowed");
  EXPECT_EQ(Norm(IndicatorType::kIpv6, "1.2.3.4"), "ERROR ipv6 address '1.2.3.4': is an IPv4 address");
}

TEST(Normalize, Cidr) {
  EXPECT_EQ(Norm(IndicatorType::kCidr, "58.246.0.0/15"), "58.246.0.0/15");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "0.0.0.0/0"), "0.0.0.0/0");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.1.2.3/32"), "10.1.2.3/32");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "2001:DB8::/32"), "2001:db8::/32");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "::/0"), "::/0");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.1.2.3/8"),
            "ERROR cidr '10.1.2.3/8': host bits are set (the network starts at a lower address)");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.0.0.0/33"), "ERROR cidr '10.0.0.0/33': prefix length 33 is over 32");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "2001:db8::/129"), "ERROR cidr '2001:db8::/129': prefix length 129 is over 128");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.0.0.0/"), "ERROR cidr '10.0.0.0/': prefix length is not a number");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.0.0.0/-1"), "ERROR cidr '10.0.0.0/-1': prefix length is not a number");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "10.0.0.0"), "ERROR cidr '10.0.0.0': no '/<prefix length>'");
  EXPECT_EQ(Norm(IndicatorType::kCidr, "x/8"), "ERROR cidr 'x/8': not a valid network address");
}

TEST(Normalize, Domain) {
  EXPECT_EQ(Norm(IndicatorType::kDomain, "EXAMPLE.com."), "example.com");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "_dmarc.Example.COM"), "_dmarc.example.com");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "xn--fiqs8s.cn"), "xn--fiqs8s.cn");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "中国.cn"),
            "ERROR domain '中国.cn': non-ASCII label (give IDNA names as punycode)");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "domain autuo.xicp.net"),
            "ERROR domain 'domain autuo.xicp.net': invalid character ' '");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "a..b"), "ERROR domain 'a..b': empty label");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "."), "ERROR domain '.': empty domain name");
  EXPECT_EQ(Norm(IndicatorType::kDomain, std::string(64, 'a') + ".com"),
            "ERROR domain '" + std::string(64, 'a') + ".com': label longer than 63 bytes");
  std::string long_name;
  for (int i = 0; i < 4; ++i) long_name += std::string(63, 'a') + ".";
  long_name += "com";  // 259 bytes
  EXPECT_EQ(Norm(IndicatorType::kDomain, long_name).substr(0, 6), "ERROR ");
  EXPECT_NE(Norm(IndicatorType::kDomain, long_name).find("longer than 253 bytes"), std::string::npos);
}

TEST(Normalize, Url) {
  EXPECT_EQ(Norm(IndicatorType::kUrl, "HTTP://Example.COM"), "http://example.com/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://example.com:80/a"), "http://example.com/a");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "https://example.com:443?q=1"), "https://example.com/?q=1");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "https://example.com:8443/"), "https://example.com:8443/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://x4z9arb.cn/4712/"), "http://x4z9arb.cn/4712/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://a.com/%7euser/%41%2f%2F?x=%3d#frag"), "http://a.com/~user/A%2F%2F?x=%3D");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://User:Pw@A.com/Path"), "http://User:Pw@a.com/Path");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://[2001:DB8::1]:8080/x"), "http://[2001:db8::1]:8080/x");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://1.2.3.4:0080/"), "http://1.2.3.4/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "example.com/a"), "ERROR url 'example.com/a': no scheme (\"http://...\")");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http:///a"), "ERROR url 'http:///a': empty host");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://a.com:99999/"), "ERROR url 'http://a.com:99999/': port over 65535");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://a.com/%4"), "ERROR url 'http://a.com/%4': truncated %-escape");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://a.com/%zz"), "ERROR url 'http://a.com/%zz': invalid %-escape");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://a.com/a b"),
            "ERROR url 'http://a.com/a b': white space or control character");
}

TEST(Normalize, Email) {
  EXPECT_EQ(Norm(IndicatorType::kEmail, "John.Doe@Example.COM"), "John.Doe@example.com");
  EXPECT_EQ(Norm(IndicatorType::kEmail, "a@b@c.com"), "a@b@c.com");
  EXPECT_EQ(Norm(IndicatorType::kEmail, "nobody"), "ERROR email 'nobody': no '@'");
  EXPECT_EQ(Norm(IndicatorType::kEmail, "@x.com"), "ERROR email '@x.com': empty local part");
  EXPECT_EQ(Norm(IndicatorType::kEmail, "a@"), "ERROR email 'a@': empty domain name");
}

TEST(Normalize, Hashes) {
  EXPECT_EQ(Norm(IndicatorType::kMd5, "00DBB9E1C09DBDAFB360F3163BA5A3DE"), "00dbb9e1c09dbdafb360f3163ba5a3de");
  EXPECT_EQ(Norm(IndicatorType::kSha1, std::string(40, 'A')), std::string(40, 'a'));
  EXPECT_EQ(Norm(IndicatorType::kSha256, std::string(64, 'f')), std::string(64, 'f'));
  EXPECT_EQ(Norm(IndicatorType::kJa3, "E7D705A3286E19EA42F587B344EE6865"), "e7d705a3286e19ea42f587b344ee6865");
  EXPECT_EQ(Norm(IndicatorType::kMd5, "abc"), "ERROR md5 'abc': 3 characters, expected 32 hex digits");
  EXPECT_EQ(Norm(IndicatorType::kSha1, std::string(39, 'g') + "a"),
            "ERROR sha1 '" + std::string(39, 'g') + "a': not hex ('g')");
  EXPECT_EQ(Norm(IndicatorType::kSha256, std::string(63, 'a')),
            "ERROR sha256 '" + std::string(63, 'a') + "': 63 characters, expected 64 hex digits");
}

TEST(Normalize, GuessType) {
  EXPECT_EQ(GuessType("1.2.3.4"), IndicatorType::kIpv4);
  EXPECT_EQ(GuessType("2001:db8::1"), IndicatorType::kIpv6);
  EXPECT_EQ(GuessType("10.0.0.0/8"), IndicatorType::kCidr);
  EXPECT_EQ(GuessType("Evil.Example.com"), IndicatorType::kDomain);
  EXPECT_EQ(GuessType("http://evil.example.com/x"), IndicatorType::kUrl);
  EXPECT_EQ(GuessType("bad@evil.example.com"), IndicatorType::kEmail);
  EXPECT_EQ(GuessType(std::string(32, 'a')), IndicatorType::kMd5);
  EXPECT_EQ(GuessType(std::string(40, 'a')), IndicatorType::kSha1);
  EXPECT_EQ(GuessType(std::string(64, 'a')), IndicatorType::kSha256);
  EXPECT_EQ(GuessType("1.2.3"), std::nullopt);
  EXPECT_EQ(GuessType("word"), std::nullopt);
  EXPECT_EQ(GuessType(""), std::nullopt);
  EXPECT_EQ(GuessType("10.1.0.0/8"), std::nullopt);
  EXPECT_EQ(GuessType("has space.com"), std::nullopt);
}

}  // namespace
}  // namespace sw::intel
