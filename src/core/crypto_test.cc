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

TEST(UuidTest, Version4IsRandomAndWellFormed) {
  const std::string a = NewUuid4();
  EXPECT_TRUE(IsUuid(a));
  EXPECT_EQ(a[14], '4');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b') << a;
  EXPECT_NE(a, NewUuid4());
}

TEST(UuidTest, Version5MatchesTheRfcAndStixDerivations) {
  // Python's uuid.uuid5(NAMESPACE_DNS, "python.org").
  EXPECT_EQ(Uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // The STIX 2.1 SCO namespace: ipv4-addr--<this> for value 198.51.100.3.
  EXPECT_EQ(Uuid5("00abedb4-aa42-466c-9c01-fed23315a9b7", R"({"value":"198.51.100.3"})"),
            "28bb3599-77cd-5a82-a950-b5bc3caf07c4");
}

TEST(UuidTest, RecognizesTheTextForm) {
  EXPECT_TRUE(IsUuid("886313E1-3B8A-5372-9B90-0C9AEE199E5D"));
  EXPECT_FALSE(IsUuid("886313e1-3b8a-5372-9b90-0c9aee199e5"));
  EXPECT_FALSE(IsUuid("886313e1x3b8a-5372-9b90-0c9aee199e5d"));
  EXPECT_FALSE(IsUuid("886313e1-3b8a-5372-9b90-0c9aee199e5g"));
}

}  // namespace
}  // namespace sw
