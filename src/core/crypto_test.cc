// SPDX-License-Identifier: Apache-2.0
#include "core/crypto.h"

#include <gtest/gtest.h>

#include <set>

#include "core/ids.h"

namespace sw {
namespace {

TEST(Crypto, Sha256KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64UrlRoundTripAndRejects) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    std::vector<uint8_t> bytes(s.begin(), s.end());
    auto back = Base64UrlDecode(Base64UrlEncode(bytes));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_EQ(Base64UrlEncode(std::vector<uint8_t>{0xfb, 0xff}), "-_8");
  EXPECT_FALSE(Base64UrlDecode("ab+c").ok());
  EXPECT_FALSE(Base64UrlDecode("a").ok());
}

TEST(Crypto, TokensAreRandomAndSized) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(RandomToken(32));
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(RandomToken(32).size(), 43u);
}

TEST(Crypto, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(Ids, UlidsSortByTime) {
  const std::string a = NewUlid(FromUnixMillis(1000));
  const std::string b = NewUlid(FromUnixMillis(1001));
  EXPECT_EQ(a.size(), 26u);
  EXPECT_LT(a, b);
  EXPECT_TRUE(IsPlausibleId(a));
  EXPECT_FALSE(IsPlausibleId("../etc"));
  EXPECT_FALSE(IsPlausibleId(""));
  EXPECT_FALSE(IsPlausibleId(std::string(65, 'a')));
}

}  // namespace
}  // namespace sw
