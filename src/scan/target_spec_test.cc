// SPDX-License-Identifier: Apache-2.0
#include "scan/target_spec.h"

#include <gtest/gtest.h>

#include <map>

namespace sw::scan {
namespace {

class FakeResolver final : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(std::string_view name) override {
    ++calls;
    auto it = table.find(std::string(name));
    if (it == table.end()) return Unavailable("Name or service not known");
    std::vector<boost::asio::ip::address> out;
    for (const auto& a : it->second) out.push_back(boost::asio::ip::make_address(a));
    return out;
  }
  std::map<std::string, std::vector<std::string>> table;
  int calls = 0;
};

std::vector<std::string> Addresses(const Result<std::vector<TargetHost>>& r) {
  std::vector<std::string> out;
  for (const auto& h : *r) out.push_back(h.address.to_string());
  return out;
}

TEST(TargetSpec, ExpandsAddressesNetworksRangesAndNames) {
  FakeResolver dns;
  dns.table["www.example.com"] = {"192.0.2.80", "192.0.2.81"};
  auto r = ExpandTargets({"192.0.2.1", "198.51.100.0/30", "203.0.113.1-3", "www.example.com", "2001:db8::1"}, {}, dns);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Addresses(r), (std::vector<std::string>{"192.0.2.1", "198.51.100.0", "198.51.100.1", "198.51.100.2",
                                                    "198.51.100.3", "203.0.113.1", "203.0.113.2", "203.0.113.3",
                                                    "192.0.2.80", "2001:db8::1"}));
  EXPECT_EQ((*r)[8].hostname, "www.example.com");
  EXPECT_EQ(dns.calls, 1);
}

TEST(TargetSpec, OctetRangesIpv6NetworksExclusionsAndDuplicates) {
  FakeResolver dns;
  EXPECT_EQ(ExpandTargets({"10.0-1.0.1-2"}, {}, dns)->size(), 4u);
  EXPECT_EQ(Addresses(ExpandTargets({"2001:db8::/126"}, {}, dns)),
            (std::vector<std::string>{"2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3"}));
  EXPECT_EQ(Addresses(ExpandTargets({"192.0.2.0/30", "192.0.2.1"}, {"192.0.2.2"}, dns)),
            (std::vector<std::string>{"192.0.2.0", "192.0.2.1", "192.0.2.3"}));
}

TEST(TargetSpec, ErrorsNameTheTokenAndBoundTheSize) {
  FakeResolver dns;
  EXPECT_EQ(ExpandTargets({"10.0.0.0/33"}, {}, dns).status().message(),
            "target \"10.0.0.0/33\": prefix length must be 0-32");
  EXPECT_NE(ExpandTargets({"10.0.0.0/8"}, {}, dns).status().message().find("more hosts than allowed"),
            std::string::npos);
  EXPECT_NE(ExpandTargets({"10.0.0.0/24"}, {}, dns, {.max_hosts = 100}).status().message().find("more hosts"),
            std::string::npos);
  EXPECT_EQ(ExpandTargets({"10.0.0.300"}, {}, dns).status().message(),
            "target \"10.0.0.300\": octet \"300\" is not 0-255 or a range of them");
  EXPECT_EQ(ExpandTargets({"10.0.0.9-2"}, {}, dns).status().message(),
            "target \"10.0.0.9-2\": octet range \"9-2\" is reversed");
  EXPECT_EQ(ExpandTargets({"no.such.host"}, {}, dns).status().message(),
            "target \"no.such.host\": cannot resolve: Name or service not known");
  EXPECT_EQ(ExpandTargets({"bad host!"}, {}, dns).status().message(),
            "target \"bad host!\": not an address, network, range or host name");
  EXPECT_FALSE(ExpandTargets({}, {}, dns).ok());
}

}  // namespace
}  // namespace sw::scan
