// SPDX-License-Identifier: Apache-2.0
#include "packet/stream.h"

#include <gtest/gtest.h>

#include <string>

namespace sw::packet {
namespace {

class Collect {
 public:
  TcpStream::Deliver fn() {
    return [this](Bytes b) { out.append(b.begin(), b.end()); };
  }
  std::string out;
};

Bytes B(const std::string& s) { return Bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

TEST(TcpStream, InOrderOutOfOrderAndRetransmissions) {
  TcpStream s;
  Collect c;
  s.Syn(999);  // data starts at 1000
  const std::string a = "GET /", b = "index", d = ".html";
  s.Segment(1000 + 5, B(b), c.fn());   // early: held
  EXPECT_EQ(c.out, "");
  s.Segment(1000, B(a), c.fn());       // fills the hole: both come out
  EXPECT_EQ(c.out, "GET /index");
  s.Segment(1000, B(a), c.fn());       // a retransmission: nothing new
  s.Segment(1000 + 8, B("exZhtml"), c.fn());  // overlaps "ex" already delivered
  EXPECT_EQ(c.out, "GET /indexZhtml");
  EXPECT_EQ(s.stats().retransmitted_bytes, 5u + 2u);
  EXPECT_EQ(s.stats().out_of_order, 1u);
  EXPECT_EQ(s.stats().gaps, 0u);
}

TEST(TcpStream, FirstCopyWinsWhileHeld) {
  TcpStream s;
  Collect c;
  s.Syn(0);
  s.Segment(5, B("AAAA"), c.fn());
  s.Segment(5, B("BBBB"), c.fn());  // same place, different bytes: ignored
  s.Segment(1, B("1234"), c.fn());
  EXPECT_EQ(c.out, "1234AAAA");
}

TEST(TcpStream, WrapsAroundTheSequenceSpace) {
  TcpStream s;
  Collect c;
  s.Syn(0xFFFFFFFD);  // data starts at 0xFFFFFFFE
  s.Segment(0xFFFFFFFE, B("ab"), c.fn());
  s.Segment(0x00000002, B("ef"), c.fn());  // held
  s.Segment(0x00000000, B("cd"), c.fn());
  EXPECT_EQ(c.out, "abcdef");
}

TEST(TcpStream, BoundedHoldSkipsTheHoleAndCountsAGap) {
  TcpStream s(/*max_held=*/8);
  Collect c;
  s.Syn(0);
  s.Segment(101, B("later"), c.fn());
  EXPECT_EQ(c.out, "");  // 5 bytes held, within the bound
  s.Segment(201, B("muchlater"), c.fn());  // 14 held: skip holes until within the bound
  EXPECT_EQ(c.out, "latermuchlater");
  EXPECT_EQ(s.stats().gaps, 2u);
  EXPECT_EQ(s.held(), 0u);
  s.Segment(210, B("next"), c.fn());  // continues after the skipped data
  EXPECT_EQ(c.out, "latermuchlaternext");
}

TEST(TcpStream, MidStreamPickup) {
  TcpStream s;
  Collect c;
  s.Segment(5000, B("HTTP/1.1 200 OK"), c.fn());
  s.Segment(5015, B("\r\n"), c.fn());
  EXPECT_EQ(c.out, "HTTP/1.1 200 OK\r\n");
}

}  // namespace
}  // namespace sw::packet
