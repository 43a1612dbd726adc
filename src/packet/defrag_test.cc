// SPDX-License-Identifier: Apache-2.0
#include "packet/defrag.h"

#include <gtest/gtest.h>

namespace sw::packet {
namespace {

FragmentKey Key(uint32_t id) {
  FragmentKey k;
  k.id = id;
  k.proto = 17;
  return k;
}

const uint8_t kHeader[4] = {'H', 'D', 'R', ':'};

TEST(Defragmenter, MemoryIsBoundedOldestDroppedFirst) {
  // A flood of incomplete datagrams never holds more than the bound.
  Defragmenter d({.max_bytes = 64 * 1024, .timeout = std::chrono::seconds(60), .max_fragments = 512});
  std::vector<uint8_t> data(1000, 'x'), out;
  for (uint32_t id = 0; id < 1000; ++id) {
    auto r = d.Add(Key(id), PacketTime{}, 8, true, Bytes(kHeader), Bytes(data), out);
    EXPECT_NE(r, Defragmenter::Outcome::kComplete);
    EXPECT_LE(d.bytes_held(), 64u * 1024u);
  }
  EXPECT_GT(d.stats().evicted, 900u);
}

TEST(Defragmenter, TimeoutsAndInvalidDatagrams) {
  Defragmenter d;
  std::vector<uint8_t> data(8, 'y'), out;
  d.Add(Key(1), PacketTime{}, 8, true, Bytes(kHeader), Bytes(data), out);
  // 61 s later, the first fragment of datagram 1 has expired.
  d.Add(Key(2), PacketTime{} + std::chrono::seconds(61), 8, true, Bytes(kHeader), Bytes(data), out);
  EXPECT_EQ(d.stats().timeouts, 1u);
  // Past 65,535 bytes.
  EXPECT_EQ(d.Add(Key(3), PacketTime{}, 65532, false, Bytes(kHeader), Bytes(data), out),
            Defragmenter::Outcome::kDropped);
  // Two different ends.
  d.Add(Key(4), PacketTime{}, 8, false, Bytes(kHeader), Bytes(data), out);
  EXPECT_EQ(d.Add(Key(4), PacketTime{}, 16, false, Bytes(kHeader), Bytes(data), out),
            Defragmenter::Outcome::kDropped);
  EXPECT_EQ(d.stats().invalid, 2u);
}

TEST(Defragmenter, OutOfOrderCompletes) {
  Defragmenter d;
  std::vector<uint8_t> a(8, 'a'), b(8, 'b'), c(4, 'c'), out;
  EXPECT_EQ(d.Add(Key(9), PacketTime{}, 16, false, Bytes(kHeader), Bytes(c), out), Defragmenter::Outcome::kHeld);
  EXPECT_EQ(d.Add(Key(9), PacketTime{}, 0, true, Bytes(kHeader), Bytes(a), out), Defragmenter::Outcome::kHeld);
  ASSERT_EQ(d.Add(Key(9), PacketTime{}, 8, true, Bytes(kHeader), Bytes(b), out), Defragmenter::Outcome::kComplete);
  EXPECT_EQ(std::string(out.begin(), out.end()), "HDR:aaaaaaaabbbbbbbbcccc");
  EXPECT_EQ(d.bytes_held(), 0u);
}

}  // namespace
}  // namespace sw::packet
