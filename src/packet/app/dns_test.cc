// SPDX-License-Identifier: Apache-2.0
#include "packet/app/dns.h"

#include <gtest/gtest.h>

#include <vector>

namespace sw::packet::app {
namespace {

std::vector<uint8_t> Header(uint16_t flags, uint16_t qd, uint16_t an) {
  return {0x12, 0x34, static_cast<uint8_t>(flags >> 8), static_cast<uint8_t>(flags), 0, static_cast<uint8_t>(qd),
          0,    static_cast<uint8_t>(an), 0, 0, 0, 0};
}

void Name(std::vector<uint8_t>& m, std::initializer_list<std::string> labels) {
  for (const auto& l : labels) {
    m.push_back(static_cast<uint8_t>(l.size()));
    m.insert(m.end(), l.begin(), l.end());
  }
  m.push_back(0);
}

TEST(Dns, ResponseWithCompressedAnswers) {
  auto m = Header(0x8180, 1, 2);
  Name(m, {"www", "example", "com"});  // at offset 12
  m.insert(m.end(), {0, 1, 0, 1});
  // CNAME: name -> pointer to 12, rdata "web" + pointer to "example.com" (offset 16)
  m.insert(m.end(), {0xC0, 12, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 6, 3, 'w', 'e', 'b', 0xC0, 16});
  // A record for web.example.com (pointer to the rdata name above, offset 45)
  m.insert(m.end(), {0xC0, 45, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 80});
  auto d = ParseDns(Bytes(m));
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->response);
  EXPECT_EQ(d->id, 0x1234);
  EXPECT_EQ(DnsRcodeName(d->rcode), "NOERROR");
  ASSERT_EQ(d->questions.size(), 1u);
  EXPECT_EQ(d->questions[0].name, "www.example.com");
  EXPECT_EQ(DnsTypeName(d->questions[0].type), "A");
  ASSERT_EQ(d->answers.size(), 2u);
  EXPECT_EQ(d->answers[0].data, "web.example.com");
  EXPECT_EQ(d->answers[0].ttl, 3600u);
  EXPECT_EQ(d->answers[1].name, "web.example.com");
  EXPECT_EQ(d->answers[1].data, "192.0.2.80");
}

TEST(Dns, PointerLoopsAndLiesAreRejected) {
  auto loop = Header(0x0100, 1, 0);
  loop.insert(loop.end(), {0xC0, 12, 0, 1, 0, 1});  // a name pointing at itself
  EXPECT_FALSE(ParseDns(Bytes(loop)).has_value());
  auto forward = Header(0x0100, 1, 0);
  forward.insert(forward.end(), {0xC0, 20, 0, 1, 0, 1, 0, 0, 3, 'a', 'b', 'c', 0});
  EXPECT_FALSE(ParseDns(Bytes(forward)).has_value());
  auto lying = Header(0x0100, 5, 0);  // five questions promised, none present
  EXPECT_FALSE(ParseDns(Bytes(lying)).has_value());
  EXPECT_FALSE(ParseDns(Bytes(std::vector<uint8_t>(11, 0))).has_value());
}

}  // namespace
}  // namespace sw::packet::app
