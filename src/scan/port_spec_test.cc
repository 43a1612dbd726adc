// SPDX-License-Identifier: Apache-2.0
#include "scan/port_spec.h"

#include <gtest/gtest.h>

namespace sw::scan {
namespace {

TEST(PortSpec, ListsRangesAndOpenEnds) {
  EXPECT_EQ(*ParsePortSpec("80,22,443,22"), (std::vector<uint16_t>{22, 80, 443}));
  EXPECT_EQ(ParsePortSpec("8000-8100")->size(), 101u);
  EXPECT_EQ(ParsePortSpec("-")->size(), 65535u);
  EXPECT_EQ(ParsePortSpec("-1024")->size(), 1024u);
  EXPECT_EQ(ParsePortSpec("65530-")->front(), 65530);
  EXPECT_EQ(*ParsePortSpec("T:22,T:80"), (std::vector<uint16_t>{22, 80}));
}

TEST(PortSpec, ErrorsNameTheToken) {
  EXPECT_EQ(ParsePortSpec("22,80a").status().message(), "port spec: \"80a\" is not a port number");
  EXPECT_EQ(ParsePortSpec("70000").status().message(), "port spec: \"70000\" is out of range (1-65535)");
  EXPECT_EQ(ParsePortSpec("0").status().message(), "port spec: \"0\" is out of range (1-65535)");
  EXPECT_EQ(ParsePortSpec("100-50").status().message(), "port spec: \"100-50\" is a reversed range");
  EXPECT_EQ(ParsePortSpec("22,,80").status().message(), "port spec: \"22,,80\" has an empty item");
  EXPECT_EQ(ParsePortSpec("U:53").status().message(),
            "port spec: \"U:53\" names a protocol other than TCP (T:)");
  EXPECT_FALSE(ParsePortSpec("").ok());
  EXPECT_FALSE(ParsePortSpec("1-2-3").ok());
}

}  // namespace
}  // namespace sw::scan
