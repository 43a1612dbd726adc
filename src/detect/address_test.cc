// SPDX-License-Identifier: Apache-2.0
#include "detect/address.h"

#include <gtest/gtest.h>

#include "detect/variables.h"

namespace sw::detect {
namespace {

Ip128 Ip(std::string_view s) { return *ParseIp(s); }

class AddressTest : public ::testing::Test {
 protected:
  Variables vars = Variables::SuricataDefaults();
};

TEST_F(AddressTest, AnyAndSingleValues) {
  auto any = ParseAddressSpec("any", vars);
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(any->any());
  EXPECT_EQ(any->text, "any");
  auto one = ParseAddressSpec("192.0.2.7", vars);
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(one->set.Contains(Ip("192.0.2.7")));
  EXPECT_FALSE(one->set.Contains(Ip("192.0.2.8")));
  EXPECT_EQ(one->set.ranges().size(), 1u);
}

TEST_F(AddressTest, CidrsAndRangesBothFamilies) {
  auto s = ParseAddressSpec("[10.1.2.3/24,2001:db8::/32,192.0.2.10-192.0.2.20,172.16.0.0/255.255.0.0]", vars);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->set.Contains(Ip("10.1.2.0")));
  EXPECT_TRUE(s->set.Contains(Ip("10.1.2.255")));
  EXPECT_FALSE(s->set.Contains(Ip("10.1.3.0")));
  EXPECT_TRUE(s->set.Contains(Ip("2001:db8:ffff::1")));
  EXPECT_FALSE(s->set.Contains(Ip("2001:db9::")));
  EXPECT_TRUE(s->set.Contains(Ip("192.0.2.15")));
  EXPECT_FALSE(s->set.Contains(Ip("192.0.2.21")));
  EXPECT_TRUE(s->set.Contains(Ip("172.16.200.1")));
  EXPECT_FALSE(s->set.Contains(Ip("172.17.0.1")));
}

TEST_F(AddressTest, NegationListsAndNestedGroups) {
  auto s = ParseAddressSpec("[10.0.0.0/8, ![10.1.0.0/16, !10.1.2.0/24]]", vars);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->set.Contains(Ip("10.2.0.1")));
  EXPECT_FALSE(s->set.Contains(Ip("10.1.5.1")));
  // The inner list is "10.1/16 except 10.1.2/24", so 10.1.2.x stays in.
  EXPECT_TRUE(s->set.Contains(Ip("10.1.2.9")));
  EXPECT_FALSE(s->set.Contains(Ip("11.0.0.1")));

  auto only_negated = ParseAddressSpec("[!192.0.2.1,!192.0.2.2]", vars);
  ASSERT_TRUE(only_negated.ok());
  EXPECT_FALSE(only_negated->set.Contains(Ip("192.0.2.1")));
  EXPECT_TRUE(only_negated->set.Contains(Ip("8.8.8.8")));
  EXPECT_TRUE(only_negated->set.Contains(Ip("::1")));
}

TEST_F(AddressTest, VariablesResolveRecursively) {
  auto home = ParseAddressSpec("$HOME_NET", vars);
  auto ext = ParseAddressSpec("$EXTERNAL_NET", vars);
  ASSERT_TRUE(home.ok() && ext.ok());
  EXPECT_TRUE(home->set.Contains(Ip("192.168.1.1")));
  EXPECT_FALSE(ext->set.Contains(Ip("192.168.1.1")));
  EXPECT_TRUE(ext->set.Contains(Ip("8.8.8.8")));
  auto not_ext = ParseAddressSpec("!$EXTERNAL_NET", vars);
  ASSERT_TRUE(not_ext.ok());
  EXPECT_EQ(not_ext->set, home->set);
  auto http = ParseAddressSpec("$HTTP_SERVERS", vars);
  ASSERT_TRUE(http.ok());
  EXPECT_EQ(http->set, home->set);
}

TEST_F(AddressTest, Errors) {
  EXPECT_EQ(ParseAddressSpec("10.0.0.256", vars).status().message(),
            "address \"10.0.0.256\": not an IP address or CIDR");
  EXPECT_EQ(ParseAddressSpec("$NOPE_NET", vars).status().message(), "unknown address variable $NOPE_NET");
  EXPECT_EQ(ParseAddressSpec("!any", vars).status().message(), "address \"!any\" matches no address");
  EXPECT_EQ(ParseAddressSpec("10.0.0.0/33", vars).status().message(), "address \"10.0.0.0/33\": bad IPv4 prefix length");
  EXPECT_FALSE(ParseAddressSpec("[10.0.0.1", vars).ok());
  EXPECT_FALSE(ParseAddressSpec("[10.0.0.1,]", vars).ok());
  EXPECT_EQ(ParsePortSpec(std::string(100, '[') + "80" + std::string(100, ']'), vars).status().message().substr(0, 4),
            "port");
  EXPECT_NE(ParseAddressSpec(std::string(10000, '!') + "any", vars).status().message().find("nested too deeply"),
            std::string::npos);
  Variables loop;
  loop.SetAddress("A", "$B");
  loop.SetAddress("B", "$A");
  EXPECT_NE(ParseAddressSpec("$A", loop).status().message().find("nests too deeply"), std::string::npos);
}

TEST_F(AddressTest, Ports) {
  auto p = ParsePortSpec("[80,8000:8080,!8008]", vars);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->set.Contains(80));
  EXPECT_TRUE(p->set.Contains(8080));
  EXPECT_FALSE(p->set.Contains(8008));
  EXPECT_FALSE(p->set.Contains(81));

  auto high = ParsePortSpec("1024:", vars);
  ASSERT_TRUE(high.ok());
  EXPECT_FALSE(high->set.Contains(1023));
  EXPECT_TRUE(high->set.Contains(65535));
  auto low = ParsePortSpec(":80", vars);
  ASSERT_TRUE(low.ok());
  EXPECT_TRUE(low->set.Contains(0));
  EXPECT_FALSE(low->set.Contains(81));

  auto negated = ParsePortSpec("!$HTTP_PORTS", vars);
  ASSERT_TRUE(negated.ok());
  EXPECT_FALSE(negated->set.Contains(80));
  EXPECT_TRUE(negated->set.Contains(443));
  EXPECT_EQ(negated->set.ranges().size(), 2u);  // 0-79, 81-65535

  auto shell = ParsePortSpec("$SHELLCODE_PORTS", vars);  // "!80"
  ASSERT_TRUE(shell.ok());
  EXPECT_EQ(shell->set, negated->set);
  auto file = ParsePortSpec("$FILE_DATA_PORTS", vars);  // [$HTTP_PORTS,110,143]
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->set.Contains(110));
  EXPECT_TRUE(file->set.Contains(80));

  EXPECT_EQ(ParsePortSpec("90:80", vars).status().message(), "port \"90:80\": reversed range");
  EXPECT_EQ(ParsePortSpec("70000", vars).status().message(), "port \"70000\": not a port number (0-65535)");
  EXPECT_EQ(ParsePortSpec("!any", vars).status().message(), "port \"!any\" matches no port");
  EXPECT_EQ(ParsePortSpec("$NOPE", vars).status().message(), "unknown port variable $NOPE");
}

TEST(IntervalSet, ComplementAndSubtract) {
  PortSet s;
  s.Add(10, 20);
  s.Add(21, 30);  // adjacent ranges merge
  EXPECT_EQ(s.ranges().size(), 1u);
  const PortSet c = s.Complement();
  ASSERT_EQ(c.ranges().size(), 2u);
  EXPECT_EQ(c.ranges()[0], (PortSet::Range{0, 9}));
  EXPECT_EQ(c.ranges()[1], (PortSet::Range{31, 65535}));
  EXPECT_TRUE(PortSet::All().Complement().empty());
  PortSet hole;
  hole.Add(15, 15);
  const PortSet d = s.Subtract(hole);
  EXPECT_FALSE(d.Contains(15));
  EXPECT_TRUE(d.Contains(14));
  EXPECT_TRUE(d.Contains(16));
}

}  // namespace
}  // namespace sw::detect
