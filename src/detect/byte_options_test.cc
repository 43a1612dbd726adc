// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;

TEST(ByteTest, AllFields) {
  auto r = ParseOptions(R"(content:"x"; byte_test:2,!>=,0x1000,-3,relative,little,bitmask 0xff00;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& t = std::get<ByteTest>(r->options[1].kind);
  EXPECT_EQ(t.nbytes, 2);
  EXPECT_TRUE(t.negated);
  EXPECT_EQ(t.op, ByteTest::Op::kGe);
  EXPECT_EQ(t.value, 0x1000u);
  EXPECT_EQ(t.offset, -3);
  EXPECT_TRUE(t.relative);
  EXPECT_EQ(t.endian, Endian::kLittle);
  EXPECT_EQ(t.base, NumBase::kBinary);
  EXPECT_EQ(t.bitmask, 0xff00u);
  auto s = ParseOptions("byte_test:0,<=,30000,0,string,dec;");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(std::get<ByteTest>(s->options[0].kind).base, NumBase::kDec);
  EXPECT_EQ(ParseOptions("byte_test:9,=,1,0;").status().message(),
            "byte_test: byte count must be 1-8 without \"string\"");
  EXPECT_EQ(ParseOptions("byte_test:1,~,1,0;").status().message(), "byte_test: unknown operator \"~\"");
  EXPECT_EQ(ParseOptions("byte_test:1,=,var,0;").status().message(), "byte_test: value \"var\" is not a number");
}

TEST(ByteJump, AllFields) {
  auto r = ParseOptions("byte_jump:4,12,relative,little,multiplier 2,align,post_offset -4,from_beginning;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& j = std::get<ByteJump>(r->options[0].kind);
  EXPECT_EQ(j.nbytes, 4);
  EXPECT_EQ(j.offset, 12);
  EXPECT_TRUE(j.relative);
  EXPECT_EQ(j.multiplier, 2u);
  EXPECT_TRUE(j.align);
  EXPECT_EQ(j.post_offset, -4);
  EXPECT_TRUE(j.from_beginning);
  EXPECT_EQ(ParseOptions("byte_jump:4;").status().message(), "byte_jump: expected bytes,offset[,options]");
  EXPECT_EQ(ParseOptions("byte_jump:2,0,hex;").status().message(), "byte_jump: hex/dec/oct need \"string\"");
}

TEST(IsDataAt, NegatedRelative) {
  auto r = ParseOptions(R"(content:"x"; isdataat:!1,relative;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& d = std::get<IsDataAt>(r->options[1].kind);
  EXPECT_TRUE(d.negated);
  EXPECT_TRUE(d.relative);
  EXPECT_EQ(d.offset, 1);
  EXPECT_EQ(ParseOptions("isdataat:5,sideways;").status().message(), "isdataat: unknown option \"sideways\"");
}

TEST(Sizes, DsizeBsizeUrilen) {
  auto r = ParseOptions(R"(dsize:>10; http.host; bsize:3<>20; urilen:<5,raw;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->dsize, (Compare{Compare::Op::kGt, 10, 0}));
  const auto& b = std::get<BufferSize>(r->options[0].kind);
  EXPECT_EQ(r->options[0].buffer.buffer, Buffer::kHttpHost);
  EXPECT_EQ(b.cmp, (Compare{Compare::Op::kRange, 3, 20}));
  EXPECT_TRUE(b.cmp.Matches(4));
  EXPECT_FALSE(b.cmp.Matches(20));
  EXPECT_EQ(r->options[1].buffer.buffer, Buffer::kHttpUriRaw);
  EXPECT_EQ(std::get<BufferSize>(r->options[1].kind).cmp, (Compare{Compare::Op::kLt, 5, 0}));
  EXPECT_EQ(ParseOptions("dsize:!0;")->dsize, (Compare{Compare::Op::kNe, 0, 0}));
  EXPECT_EQ(ParseOptions("dsize:5<>2;").status().message(), "dsize: range must be low<>high with low < high");
  EXPECT_EQ(ParseOptions("bsize:big;").status().message(), "bsize: bad value \"big\"");
}

}  // namespace
}  // namespace sw::detect
