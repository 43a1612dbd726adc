// SPDX-License-Identifier: Apache-2.0
#include "core/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sw {
namespace {

ConfigSchema Schema() {
  ConfigSchema s;
  s.String("listen", "127.0.0.1:8443", "address");
  s.Int("http.max_body_bytes", 1024, 10, 4096, "body limit");
  s.Bool("tls.enabled", true, "tls");
  s.String("log.format", "text", "format", {"text", "json"});
  s.String("db.password", "", "secret", {}, true);
  return s;
}

std::string WriteFile(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("sw_config_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                     std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsFileEnvironmentFlagsInOrder) {
  const ConfigSchema s = Schema();
  const std::string file = WriteFile("version: 1\nhttp:\n  max_body_bytes: 2000\nlog:\n  format: json\n");
  auto c = Config::Load(s, file, {{"SW_HTTP_MAX_BODY_BYTES", "3000"}}, {{"listen", "0.0.0.0:1"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->GetInt("http.max_body_bytes"), 3000);  // environment beats file
  EXPECT_EQ(c->GetString("log.format"), "json");       // file beats default
  EXPECT_EQ(c->GetString("listen"), "0.0.0.0:1");      // flag beats all
  EXPECT_TRUE(c->GetBool("tls.enabled"));
}

TEST(Config, ReportsEveryErrorWithItsKey) {
  const ConfigSchema s = Schema();
  const std::string file = WriteFile("http:\n  max_body_bytes: 99999\n  bogus: 1\ntls:\n  enabled: maybe\n");
  auto c = Config::Load(s, file, {}, {});
  ASSERT_FALSE(c.ok());
  const std::string m = c.status().message();
  EXPECT_NE(m.find("http.max_body_bytes: must be at most 4096"), std::string::npos) << m;
  EXPECT_NE(m.find("http.bogus: unknown key"), std::string::npos) << m;
  EXPECT_NE(m.find("tls.enabled: expected true or false"), std::string::npos) << m;
}

TEST(Config, RejectsBadChoicesAndYamlSyntax) {
  const ConfigSchema s = Schema();
  auto c = Config::Load(s, "", {{"SW_LOG_FORMAT", "xml"}}, {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("log.format: must be one of text json"), std::string::npos);
  auto y = Config::Load(s, WriteFile("listen: [unclosed\n"), {}, {});
  ASSERT_FALSE(y.ok());
  EXPECT_NE(y.status().message().find("line"), std::string::npos);
}

TEST(Config, SecretsResolveAndAreRedacted) {
  const ConfigSchema s = Schema();
  setenv("SW_TEST_DB_PASSWORD", "hunter22", 1);
  auto c = Config::Load(s, "", {}, {{"db.password", "env:SW_TEST_DB_PASSWORD"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->GetString("db.password"), "hunter22");
  EXPECT_EQ(c->Describe().find("hunter22"), std::string::npos);
  EXPECT_NE(c->Describe().find("db.password = <redacted>"), std::string::npos);
}

TEST(Config, EnvNames) { EXPECT_EQ(EnvNameForKey("http.max_body_bytes"), "SW_HTTP_MAX_BODY_BYTES"); }

}  // namespace
}  // namespace sw
