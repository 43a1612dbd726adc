// SPDX-License-Identifier: Apache-2.0
//
// Loads the rule file of every test in the suricata-verify development subset
// (../shared/data/suricata-verify, see its README), each on its own as the
// upstream runner does, with Suricata's stock variables and the suite's
// classification.config. The suite's rules are Suricata's own; an error here
// is a parser bug.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "detect/rule_loader.h"

namespace sw::detect {
namespace {

TEST(SuricataVerify, EveryTestRuleFileLoads) {
  const char* data = std::getenv("SW_SHARED_DATA");
  const std::string root = data == nullptr ? std::string() : std::string(data) + "/suricata-verify";
  if (root.empty() || !std::filesystem::exists(root + "/etc/classification.config")) {
    GTEST_SKIP() << "suricata-verify not found: set SW_SHARED_DATA to the shared data folder (../shared/data)";
  }
  auto classes = Classifications::Load(root + "/etc/classification.config");
  ASSERT_TRUE(classes.ok()) << classes.status().ToString();
  const Variables vars = Variables::SuricataDefaults();
  size_t files = 0, enabled = 0, loaded = 0;
  std::map<std::string, size_t> skips;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root + "/tests")) {
    if (e.path().extension() != ".rules") continue;
    ++files;
    RuleLoader loader({.vars = &vars, .classifications = &*classes});
    ASSERT_TRUE(loader.AddFile(e.path().string()).ok());
    const RuleSet set = std::move(loader).Finish();
    enabled += set.enabled;
    loaded += set.loaded();
    for (const auto& [reason, n] : set.skip_reasons) skips[reason] += n;
    for (const auto& err : set.errors) {
      ADD_FAILURE() << e.path().parent_path().filename().string() << "/" << err.file << ":" << err.line << ": "
                    << err.message;
    }
  }
  EXPECT_EQ(files, 150u);
  EXPECT_EQ(enabled, 330u);
  EXPECT_EQ(loaded, 328u);
  const std::map<std::string, size_t> expected = {{"unsupported keyword \"requires\"", 2}};
  EXPECT_EQ(skips, expected);
}

}  // namespace
}  // namespace sw::detect
