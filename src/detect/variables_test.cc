// SPDX-License-Identifier: Apache-2.0
#include "detect/variables.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace sw::detect {
namespace {

TEST(Variables, ReadsSuricataVarsLayout) {
  auto v = Variables::FromYaml(R"(
vars:
  address-groups:
    HOME_NET: "[10.20.0.0/16]"
    EXTERNAL_NET: "!$HOME_NET"
  port-groups:
    HTTP_PORTS: "[80,8080]"
    SSH_PORTS: 22
    ORACLE_PORTS: [1521, 1522]
)");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v->FindAddress("HOME_NET"), "[10.20.0.0/16]");
  EXPECT_EQ(*v->FindAddress("EXTERNAL_NET"), "!$HOME_NET");
  EXPECT_EQ(*v->FindPort("SSH_PORTS"), "22");
  EXPECT_EQ(*v->FindPort("ORACLE_PORTS"), "[1521,1522]");
  EXPECT_EQ(v->FindPort("HOME_NET"), nullptr);
}

TEST(Variables, TopLevelGroupsAndErrors) {
  auto v = Variables::FromYaml("address-groups:\n  HOME_NET: any\n");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v->FindAddress("HOME_NET"), "any");
  auto bad = Variables::FromYaml("vars:\n  port-groups:\n    X: {a: 1}\n");
  EXPECT_EQ(bad.status().field(), "vars.port-groups.X");
  EXPECT_FALSE(Variables::FromYaml("vars: [").ok());
}

TEST(Variables, SuricataDefaultsHaveWhatEtNeeds) {
  const Variables v = Variables::SuricataDefaults();
  for (const char* a : {"HOME_NET", "EXTERNAL_NET", "HTTP_SERVERS", "SQL_SERVERS", "SMTP_SERVERS", "DNS_SERVERS",
                        "TELNET_SERVERS", "AIM_SERVERS"}) {
    EXPECT_NE(v.FindAddress(a), nullptr) << a;
  }
  for (const char* p : {"HTTP_PORTS", "ORACLE_PORTS", "SHELLCODE_PORTS", "SSH_PORTS"}) {
    EXPECT_NE(v.FindPort(p), nullptr) << p;
  }
}

}  // namespace
}  // namespace sw::detect

namespace sw::detect {
namespace {

TEST(Variables, ReadsAFullSuricataYaml) {
  const char* data = std::getenv("SW_SHARED_DATA");
  const std::string path =
      data == nullptr ? std::string() : std::string(data) + "/suricata-verify/etc/suricata-4.0.3.yaml";
  if (path.empty() || !std::filesystem::exists(path)) {
    GTEST_SKIP() << "suricata-verify not found: set SW_SHARED_DATA to the shared data folder (../shared/data)";
  }
  auto v = Variables::LoadYamlFile(path);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v->FindAddress("HOME_NET"), "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
  EXPECT_EQ(*v->FindAddress("EXTERNAL_NET"), "!$HOME_NET");
  EXPECT_EQ(*v->FindPort("HTTP_PORTS"), "80");
  EXPECT_EQ(Variables::LoadYamlFile("/nonexistent.yaml").status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sw::detect
