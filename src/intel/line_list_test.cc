// SPDX-License-Identifier: Apache-2.0
#include "intel/line_list.h"

#include <gtest/gtest.h>

namespace sw::intel {
namespace {

TEST(LineList, ValuesTypesCommentsAndBadLines) {
  const auto r = ParseLineList(
      "# feed of the week\n"
      "198.51.100.7\n"
      "Evil.Example.   # trailing dot and case\n"
      "\n"
      "cidr,203.0.113.0/24\n"
      "ja3,A607F3A5C94C2EE592AF1456F36C8367\n"
      "not a value at all\n"
      "ipv4,300.1.1.1\n"
      "frob,x\n",
      "weekly.txt");
  ASSERT_EQ(r.indicators.size(), 4u);
  EXPECT_EQ(r.indicators[0].type, model::IndicatorType::kIpv4);
  EXPECT_EQ(r.indicators[1].value, "evil.example");
  EXPECT_EQ(r.indicators[2].value, "203.0.113.0/24");
  EXPECT_EQ(r.indicators[3].value, "a607f3a5c94c2ee592af1456f36c8367");
  EXPECT_EQ(r.indicators[3].source, "weekly.txt");
  ASSERT_EQ(r.rejected.size(), 3u);
  EXPECT_EQ(r.rejected[0].line, 7u);
  EXPECT_EQ(r.rejected[1].line, 8u);
  EXPECT_EQ(r.rejected[2].line, 9u);
  EXPECT_EQ(r.rejected[2].reason, "unknown indicator type \"frob\"");
}

}  // namespace
}  // namespace sw::intel
