// SPDX-License-Identifier: Apache-2.0
#include "detect/classification.h"

#include <gtest/gtest.h>

namespace sw::detect {
namespace {

TEST(Classifications, ParsesNamesTextsAndPriorities) {
  auto c = Classifications::Parse(
      "# comment\n\nconfig classification: trojan-activity,A Network Trojan was detected,1\r\n"
      "config classification: bad-unknown,Potentially Bad Traffic, 2\n",
      "classification.config");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->size(), 2u);
  const ClassType* t = c->Find("Trojan-Activity");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->description, "A Network Trojan was detected");
  EXPECT_EQ(t->priority, 1);
  EXPECT_EQ(c->Find("bad-unknown")->priority, 2);
  EXPECT_EQ(c->Find("nope"), nullptr);
}

TEST(Classifications, ErrorsNameFileAndLine) {
  EXPECT_EQ(Classifications::Parse("\nconfig classification: x,y,high\n", "c.config").status().message(),
            "c.config:2: bad classification \"config classification: x,y,high\"");
  EXPECT_EQ(Classifications::Parse("classification: x,y,1\n", "c.config").status().message(),
            "c.config:1: expected \"config classification: name,description,priority\"");
}

}  // namespace
}  // namespace sw::detect
