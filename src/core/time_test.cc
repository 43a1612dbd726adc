// SPDX-License-Identifier: Apache-2.0
#include "core/time.h"

#include <gtest/gtest.h>

namespace sw {
namespace {

TEST(Rfc3339, FormatsUtcWithOptionalMillis) {
  EXPECT_EQ(FormatRfc3339(FromUnixMillis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(FromUnixMillis(1795305600250)), "2026-11-22T00:00:00.250Z");
}

TEST(Rfc3339, ParsesZonesFractionsAndDates) {
  EXPECT_EQ(ToUnixMillis(*ParseRfc3339("2026-11-22T00:00:00Z")), 1795305600000);
  EXPECT_EQ(ToUnixMillis(*ParseRfc3339("2026-11-22T08:00:00+08:00")), 1795305600000);
  EXPECT_EQ(ToUnixMillis(*ParseRfc3339("2026-11-21T23:00:00.123456-01:00")), 1795305600123);
  EXPECT_EQ(ToUnixMillis(*ParseRfc3339("2026-11-22")), 1795305600000);
}

TEST(Rfc3339, RoundTrips) {
  const Timestamp t = FromUnixMillis(1795305600999);
  EXPECT_EQ(*ParseRfc3339(FormatRfc3339(t)), t);
}

TEST(Rfc3339, RejectsGarbageWithReason) {
  for (const char* bad : {"", "2026", "2026-02-30", "2026-11-22T25:00:00Z", "2026-11-22T00:00:00",
                          "2026-11-22T00:00:00Zjunk", "2026-11-22T00:00:00.Z", "x026-11-22"}) {
    auto r = ParseRfc3339(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock c(FromUnixMillis(1000));
  EXPECT_EQ(ToUnixMillis(c.Now()), 1000);
  c.Advance(std::chrono::minutes(1));
  EXPECT_EQ(ToUnixMillis(c.Now()), 61000);
}

}  // namespace
}  // namespace sw
