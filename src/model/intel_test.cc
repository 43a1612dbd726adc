// SPDX-License-Identifier: Apache-2.0
#include "model/intel.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace sw::model {
namespace {

// The readers of the TLP matrix, for intelligence owned by a partner that
// serves enterprise e1.
struct Readers {
  PartnerId owner{"P1"};
  std::map<std::string, IntelReader> by_kind{
      {"same org", IntelReader::OfPartner(PartnerId("P1"))},
      {"client enterprise", IntelReader::Enterprise(TenantId("e1"), {PartnerId("P1")})},
      {"other enterprise", IntelReader::Enterprise(TenantId("e2"), {})},
      {"partner", IntelReader::OfPartner(PartnerId("P2"))},
      {"anonymous", IntelReader::Anonymous()},
      {"center", IntelReader::Center()},
  };
};

std::string Visible(const IntelReader& r, std::string_view owner, const std::vector<std::string>& recipients) {
  std::string out;
  for (const auto& [tlp, name] : kTlpNames) {
    if (CanRead(r, owner, tlp, recipients)) out += std::string(out.empty() ? "" : " ") + std::string(name);
  }
  return out;
}

TEST(IntelPolicyTest, PartnerOwnedIntelligenceFollowsTlp) {
  Readers rs;
  const std::string owner = PartnerOrg(rs.owner);
  const std::vector<std::string> recipients = {EnterpriseOrg(TenantId("e2"))};
  const std::map<std::string, std::string> expected = {
      {"same org", "clear green amber amber+strict red"},
      {"client enterprise", "clear green amber"},
      {"other enterprise", "clear green red"},  // named on the RED object
      {"partner", "clear green"},
      {"anonymous", "clear"},
      {"center", "clear green amber amber+strict red"},
  };
  for (const auto& [kind, reader] : rs.by_kind) {
    EXPECT_EQ(Visible(reader, owner, recipients), expected.at(kind)) << kind;
  }
}

TEST(IntelPolicyTest, CenterOwnedAmberReachesEveryEnterpriseButNoPartner) {
  Readers rs;
  EXPECT_EQ(Visible(rs.by_kind.at("client enterprise"), kCenterOrg, {}), "clear green amber");
  EXPECT_EQ(Visible(rs.by_kind.at("other enterprise"), kCenterOrg, {}), "clear green amber");
  EXPECT_EQ(Visible(rs.by_kind.at("partner"), kCenterOrg, {}), "clear green");
  EXPECT_EQ(Visible(rs.by_kind.at("anonymous"), kCenterOrg, {}), "clear");
}

TEST(IntelPolicyTest, EnterpriseOwnedAmberStaysWithTheEnterpriseAndTheCenter) {
  Readers rs;
  const std::string owner = EnterpriseOrg(TenantId("e1"));
  EXPECT_EQ(Visible(rs.by_kind.at("client enterprise"), owner, {}), "clear green amber amber+strict red");
  EXPECT_EQ(Visible(rs.by_kind.at("other enterprise"), owner, {}), "clear green");
  EXPECT_EQ(Visible(rs.by_kind.at("same org"), owner, {}), "clear green");
  EXPECT_EQ(Visible(rs.by_kind.at("center"), owner, {}), "clear green amber amber+strict red");
}

TEST(IntelPolicyTest, OrganizationKeys) {
  EXPECT_EQ(EnterpriseOrg(TenantId("01ABC")), "enterprise:01ABC");
  EXPECT_EQ(PartnerOrg(PartnerId("01XYZ")), "partner:01XYZ");
  EXPECT_TRUE(IsOrgKey("center"));
  EXPECT_TRUE(IsOrgKey("enterprise:01ABC"));
  EXPECT_TRUE(IsOrgKey("partner:01XYZ"));
  EXPECT_FALSE(IsOrgKey("partner:"));
  EXPECT_FALSE(IsOrgKey("enterprise:../x"));
  EXPECT_FALSE(IsOrgKey("vendor:1"));
}

}  // namespace
}  // namespace sw::model
