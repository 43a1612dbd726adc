// SPDX-License-Identifier: Apache-2.0
//
// Loads the whole Emerging Threats Open ruleset from the shared data folder
// (../shared/data/rules, see its README) with Suricata's stock variables and
// classification.config, and pins the measured outcome: any parse error of
// an ET rule is our bug unless the rule is genuinely invalid.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "detect/rule_loader.h"

namespace sw::detect {
namespace {

std::string RulesDir() {
  const char* data = std::getenv("SW_SHARED_DATA");
  return data == nullptr ? std::string() : std::string(data) + "/rules";
}

TEST(EtOpen, WholeRulesetLoads) {
  const std::string dir = RulesDir();
  if (dir.empty() || !std::filesystem::exists(dir + "/classification.config")) {
    GTEST_SKIP() << "ET Open rules not found: set SW_SHARED_DATA to the shared data folder (../shared/data)";
  }
  auto classes = Classifications::Load(dir + "/classification.config");
  ASSERT_TRUE(classes.ok()) << classes.status().ToString();
  const Variables vars = Variables::SuricataDefaults();
  RuleLoader loader({.vars = &vars, .classifications = &*classes});
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".rules") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 51u);
  for (const auto& f : files) ASSERT_TRUE(loader.AddFile(f).ok()) << f;
  const RuleSet set = std::move(loader).Finish();
  std::cout << FormatLoadReport(set, 100);

  EXPECT_EQ(set.enabled, 24827u);
  EXPECT_EQ(set.disabled, 10023u);
}

}  // namespace
}  // namespace sw::detect
