// SPDX-License-Identifier: Apache-2.0
#include "detect/rule_loader.h"

#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

constexpr std::string_view kFile = R"(# A rule file
#alert tcp any any -> any any (msg:"disabled"; sid:9;)
# a plain comment

alert tcp any any -> any any (msg:"one"; content:"a"; \
    sid:1; rev:1;)
alert tcp any any -> any any (msg:"broken"; content:"|4|"; sid:2;)
alert tcp any any -> any any (msg:"unsupported"; xbits:set,a,track ip_src; sid:3;)
alert tcp any any -> any any (msg:"also unsupported"; xbits:isset,a,track ip_src; sid:4;)
alert tcp any any -> any any (msg:"dup"; sid:1;)
alert udp any any -> any 53 (msg:"last"; sid:5;)
)";

TEST(RuleLoader, LoadsSkipsAndReportsWithFileAndLine) {
  RuleLoader loader(testing::TestContext());
  loader.AddText(kFile, "local.rules");
  const RuleSet set = std::move(loader).Finish();
  EXPECT_EQ(set.enabled, 6u);
  EXPECT_EQ(set.disabled, 1u);
  ASSERT_EQ(set.loaded(), 2u);
  EXPECT_EQ(set.rules[0].sid, 1u);
  EXPECT_EQ(set.rules[0].line, 5u);  // where the continued rule starts
  EXPECT_EQ(set.rules[0].file, "local.rules");
  EXPECT_EQ(set.rules[1].sid, 5u);
  ASSERT_EQ(set.skipped.size(), 2u);
  EXPECT_EQ(set.skip_reasons.at("unsupported keyword \"xbits\""), 2u);
  EXPECT_EQ(set.skipped[0].line, 8u);
  EXPECT_EQ(set.skipped[0].sid, 3u);
  ASSERT_EQ(set.errors.size(), 2u);
  EXPECT_EQ(set.errors[0].file, "local.rules");
  EXPECT_EQ(set.errors[0].line, 7u);
  EXPECT_EQ(set.errors[0].sid, 2u);
  EXPECT_EQ(set.errors[0].message, "content: odd number of hex digits in \"|4|\"");
  EXPECT_EQ(set.errors[1].message, "duplicate sid 1:1 (first at local.rules:5)");

  EXPECT_EQ(FormatLoadReport(set),
            "rules: 6 enabled (1 commented out), 2 loaded, 2 skipped, 2 errors\n"
            "skipped by reason:\n"
            "  2  unsupported keyword \"xbits\"\n"
            "errors:\n"
            "  local.rules:7 (sid 2): content: odd number of hex digits in \"|4|\"\n"
            "  local.rules:10 (sid 1): duplicate sid 1:1 (first at local.rules:5)\n");
  EXPECT_NE(FormatLoadReport(set, 1).find("  ... and 1 more\n"), std::string::npos);
}

TEST(RuleLoader, DuplicateSidKeepsTheHigherRev) {
  RuleLoader loader(testing::TestContext());
  loader.AddText("alert tcp any any -> any any (msg:\"old\"; sid:7; rev:1;)\n"
                 "alert tcp any any -> any any (msg:\"new\"; sid:7; rev:2;)\n",
                 "a.rules");
  const RuleSet set = std::move(loader).Finish();
  ASSERT_EQ(set.loaded(), 1u);
  EXPECT_EQ(set.rules[0].msg, "new");
  EXPECT_EQ(set.rules[0].line, 2u);
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].line, 1u);
  EXPECT_EQ(set.errors[0].message, "duplicate sid 1:7: rev 1 replaced by rev 2 at a.rules:2");
}

TEST(RuleLoader, MissingFileIsAnError) {
  RuleLoader loader(testing::TestContext());
  EXPECT_EQ(loader.AddFile("/nonexistent/x.rules").code(), StatusCode::kUnavailable);
}

TEST(RuleLoader, TrailingBackslashAtEndOfText) {
  RuleLoader loader(testing::TestContext());
  loader.AddText("\xEF\xBB\xBF" "alert tcp any any -> any any (sid:1;) \\", "t.rules");
  const RuleSet set = std::move(loader).Finish();
  EXPECT_EQ(set.enabled, 1u);
  EXPECT_EQ(set.loaded(), 1u);
}

}  // namespace
}  // namespace sw::detect
