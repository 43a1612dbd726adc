// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;

TEST(HeaderOptions, IcmpTtlIpProto) {
  auto r = ParseOptions("itype:8; icode:0; ttl:<5; ip_proto:!tcp;", "icmp");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->itype, (Compare{Compare::Op::kEq, 8, 0}));
  EXPECT_EQ(r->icode, (Compare{Compare::Op::kEq, 0, 0}));
  EXPECT_EQ(r->ttl, (Compare{Compare::Op::kLt, 5, 0}));
  EXPECT_EQ(r->ip_proto, (Compare{Compare::Op::kNe, 6, 0}));
  EXPECT_EQ(ParseOptions("itype:3<>10;")->itype, (Compare{Compare::Op::kRange, 3, 10}));
  EXPECT_EQ(ParseOptions("ip_proto:41;")->ip_proto, (Compare{Compare::Op::kEq, 41, 0}));
  EXPECT_EQ(ParseOptions("itype:300;").status().message(), "itype: values are at most 255");
}

TEST(HeaderOptions, TcpFlags) {
  auto r = ParseOptions("flags: S,12;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tcp_flags, (TcpFlags{TcpFlags::kSyn, TcpFlags::kCwr | TcpFlags::kEce, TcpFlags::Mode::kExact}));
  EXPECT_EQ(ParseOptions("flags:PA+;")->tcp_flags,
            (TcpFlags{TcpFlags::kPsh | TcpFlags::kAck, 0, TcpFlags::Mode::kAll}));
  EXPECT_EQ(ParseOptions("flags:!R;")->tcp_flags->mode, TcpFlags::Mode::kNot);
  EXPECT_EQ(ParseOptions("flags:0;")->tcp_flags->set, 0);
  EXPECT_EQ(ParseOptions("flags:SX;").status().message(), "flags: unknown flag 'X'");
}

TEST(HeaderOptions, StreamSizeAndTlsVersion) {
  auto r = ParseOptions("stream_size:server,<,50; stream_size:client,>=,2;");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stream_sizes.size(), 2u);
  EXPECT_EQ(r->stream_sizes[0].side, StreamSize::Side::kServer);
  EXPECT_EQ(r->stream_sizes[0].cmp, (Compare{Compare::Op::kLt, 50, 0}));
  EXPECT_EQ(r->stream_sizes[1].cmp, (Compare{Compare::Op::kGe, 2, 0}));
  EXPECT_EQ(ParseOptions("stream_size:either,!=,3;")->stream_sizes[0].cmp, (Compare{Compare::Op::kNe, 3, 0}));
  EXPECT_EQ(ParseOptions("stream_size:server,~,1;").status().message(), "stream_size: unknown operator \"~\"");
  auto t = ParseOptions("tls.version:1.2;");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->tls_version, 0x0303);
  EXPECT_EQ(t->header.protocol.app, "tls");
  EXPECT_EQ(ParseOptions("tls.version:9;").status().message(), "tls.version: unknown version \"9\"");
}

}  // namespace
}  // namespace sw::detect
