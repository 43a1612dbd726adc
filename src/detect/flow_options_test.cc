// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;

TEST(Flow, StateSideAndStream) {
  auto r = ParseOptions("flow:established,to_server,only_stream;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->flow.has_value());
  EXPECT_EQ(r->flow->state, FlowCondition::State::kEstablished);
  EXPECT_EQ(r->flow->side, FlowCondition::Side::kToServer);
  EXPECT_EQ(r->flow->stream, FlowCondition::Stream::kOnlyStream);
  EXPECT_EQ(ParseOptions("flow:from_server,no_frag;")->flow->side, FlowCondition::Side::kToClient);
  EXPECT_EQ(ParseOptions("flow:stateless;")->flow->state, FlowCondition::State::kStateless);
  EXPECT_EQ(ParseOptions("flow:to_server,to_client;").status().message(),
            "flow: \"to_client\" contradicts an earlier option");
  EXPECT_EQ(ParseOptions("flow:sideways;").status().message(), "flow: unknown option \"sideways\"");
}

TEST(Flowbits, CommandsGroupsAndNoalert) {
  auto r = ParseOptions("flowbits:set,ET.a; flowbits:isset,b|c; flowbits:unset,d&e; flowbits:noalert;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->flowbits.size(), 3u);
  EXPECT_EQ(r->flowbits[0].cmd, Flowbit::Cmd::kSet);
  EXPECT_EQ(r->flowbits[0].names, std::vector<std::string>{"ET.a"});
  EXPECT_EQ(r->flowbits[1].cmd, Flowbit::Cmd::kIsSet);
  EXPECT_TRUE(r->flowbits[1].any_of);
  EXPECT_EQ(r->flowbits[1].names, (std::vector<std::string>{"b", "c"}));
  EXPECT_FALSE(r->flowbits[2].any_of);
  EXPECT_EQ(r->flowbits[2].names, (std::vector<std::string>{"d", "e"}));
  EXPECT_TRUE(r->noalert);
  EXPECT_EQ(ParseOptions("flowbits:set,a|b;").status().message(),
            "flowbits: '|' is only allowed with isset and isnotset");
  EXPECT_EQ(ParseOptions("flowbits:isset;").status().message(), "flowbits: isset needs a name");
  EXPECT_EQ(ParseOptions("flowbits:flip,a;").status().message(), "flowbits: unknown command \"flip\"");
}

TEST(AppLayerProtocol, NamesNegationAndModes) {
  auto r = ParseOptions("app-layer-protocol:!http; app-layer-protocol:ssh,to_client;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->app_layer_protocols.size(), 2u);
  EXPECT_EQ(r->app_layer_protocols[0].name, "http");
  EXPECT_TRUE(r->app_layer_protocols[0].negated);
  EXPECT_EQ(r->app_layer_protocols[1].mode, "to_client");
  EXPECT_EQ(ParseOptions("app-layer-protocol:tls,sometimes;").status().message(),
            "app-layer-protocol: unknown mode \"sometimes\"");
}

TEST(Threshold, ThresholdAndDetectionFilter) {
  auto r = ParseOptions(
      "threshold: type both, track by_src, count 5, seconds 60; detection_filter:track by_dst, count 10, seconds 1;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->threshold->type, Threshold::Type::kBoth);
  EXPECT_EQ(r->threshold->track, Threshold::Track::kBySrc);
  EXPECT_EQ(r->threshold->count, 5u);
  EXPECT_EQ(r->threshold->seconds, 60u);
  EXPECT_EQ(r->detection_filter->type, Threshold::Type::kDetectionFilter);
  EXPECT_EQ(r->detection_filter->track, Threshold::Track::kByDst);
  EXPECT_EQ(r->detection_filter->count, 10u);
  EXPECT_EQ(ParseOptions("threshold: type limit, track by_src, count 1;").status().message(),
            "threshold: needs type, track, count and seconds");
  EXPECT_EQ(ParseOptions("threshold: type some, track by_src, count 1, seconds 1;").status().message(),
            "threshold: unknown type \"some\"");
}

}  // namespace
}  // namespace sw::detect
