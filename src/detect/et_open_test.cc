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
#include <map>
#include <variant>

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

  // The counts of the ruleset's README.
  EXPECT_EQ(set.enabled, 24827u);
  EXPECT_EQ(set.disabled, 10023u);
  EXPECT_EQ(set.enabled + set.disabled, 34850u);  // rules seen
  // Measured: 99.7% of the enabled rules load; no ET rule is an error.
  EXPECT_EQ(set.loaded(), 24761u);
  EXPECT_EQ(set.skipped.size(), 66u);
  EXPECT_TRUE(set.errors.empty());
  const std::map<std::string, size_t> expected_skips = {
      {"unsupported keyword \"xbits\"", 29},         {"unsupported keyword \"base64_decode\"", 18},
      {"unsupported keyword \"tag\"", 7},            {"unsupported keyword \"app-layer-event\"", 4},
      {"unsupported keyword \"asn1\"", 4},           {"unsupported keyword \"byte_extract\"", 3},
      {"unsupported keyword \"ftpbounce\"", 1},
  };
  EXPECT_EQ(set.skip_reasons, expected_skips);

  size_t http = 0, dns = 0, tls = 0, pcre_options = 0, with_content = 0;
  for (const Rule& r : set.rules) {
    EXPECT_FALSE(r.class_description.empty()) << r.sid;  // every ET classtype resolves
    http += r.header.protocol.app == "http";
    dns += r.header.protocol.app == "dns";
    tls += r.header.protocol.app == "tls";
    bool has_content = false;
    for (const auto& o : r.options) {
      has_content |= std::holds_alternative<Content>(o.kind);
      pcre_options += std::holds_alternative<Pcre>(o.kind) ? 1 : 0;
    }
    with_content += has_content;
    EXPECT_EQ(has_content, r.fast_pattern.has_value()) << r.sid;
  }
  // The app protocol of a rule includes the one its buffers imply.
  EXPECT_EQ(http, 14503u);
  EXPECT_EQ(dns, 3976u);
  EXPECT_EQ(tls, 2544u);
  EXPECT_EQ(with_content, 23545u);
  EXPECT_EQ(pcre_options, 4496u);

  // One rule in detail: a sticky-buffer HTTP rule with bsize, startswith and
  // the sticky http_content_type alias.
  const auto it = std::find_if(set.rules.begin(), set.rules.end(), [](const Rule& r) { return r.sid == 2042882; });
  ASSERT_NE(it, set.rules.end());
  EXPECT_EQ(it->file, "emerging-info.rules");
  EXPECT_EQ(it->line, 2373u);
  EXPECT_EQ(it->priority, 3);
  ASSERT_EQ(it->options.size(), 7u);
  EXPECT_EQ(it->options[2].buffer.buffer, Buffer::kHttpUri);
  EXPECT_EQ(std::get<BufferSize>(it->options[2].kind).cmp, (Compare{Compare::Op::kEq, 18, 0}));
  EXPECT_EQ(it->options[3].buffer.buffer, Buffer::kHttpContentType);
  EXPECT_EQ(std::get<Content>(it->options[3].kind).bytes, "application/json; ");
  EXPECT_EQ(it->fast_pattern->bytes, "/device_api/device");
}

}  // namespace
}  // namespace sw::detect
