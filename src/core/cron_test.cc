// SPDX-License-Identifier: Apache-2.0
#include "core/cron.h"

#include <gtest/gtest.h>

namespace sw {
namespace {

using std::chrono::minutes;
constexpr minutes kBeijing{8 * 60};

Timestamp At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }
std::string Next(const char* expr, const char* after, minutes offset = kBeijing) {
  auto c = CronSchedule::Parse(expr);
  EXPECT_TRUE(c.ok()) << c.status().message();
  auto n = c->Next(At(after), offset);
  return n ? FormatRfc3339(*n) : "none";
}

TEST(Cron, DailyAtTwoInBeijingIsEighteenUtc) {
  EXPECT_EQ(Next("0 2 * * *", "2026-11-22T03:00:00Z"), "2026-11-22T18:00:00Z");
  // Strictly after: a firing time itself moves on to the next day.
  EXPECT_EQ(Next("0 2 * * *", "2026-11-22T18:00:00Z"), "2026-11-23T18:00:00Z");
}

TEST(Cron, StepsListsRangesAndNames) {
  EXPECT_EQ(Next("*/15 * * * *", "2026-11-22T03:07:30Z", minutes(0)), "2026-11-22T03:15:00Z");
  EXPECT_EQ(Next("5,35 9-17 * * *", "2026-11-22T17:40:00Z", minutes(0)), "2026-11-23T09:05:00Z");
  // 2026-11-22 is a Sunday; the next Monday 02:00 local.
  EXPECT_EQ(Next("0 2 * * MON", "2026-11-22T00:00:00Z"), "2026-11-22T18:00:00Z");
  EXPECT_EQ(Next("0 0 1 jan *", "2026-11-22T00:00:00Z", minutes(0)), "2027-01-01T00:00:00Z");
  EXPECT_EQ(Next("30 4 * * 7", "2026-11-22T05:00:00Z", minutes(0)), "2026-11-29T04:30:00Z");
}

TEST(Cron, BothDayFieldsRestrictedMeansEither) {
  // The 1st of the month or any Friday: Friday 2026-11-27 comes first.
  EXPECT_EQ(Next("0 0 1 * FRI", "2026-11-22T00:00:00Z", minutes(0)), "2026-11-27T00:00:00Z");
}

TEST(Cron, ImpossibleDateHasNoNext) { EXPECT_EQ(Next("0 0 30 2 *", "2026-11-22T00:00:00Z"), "none"); }

TEST(Cron, ErrorsNameTheField) {
  auto bad = [](const char* e) { return CronSchedule::Parse(e).status().message(); };
  EXPECT_EQ(bad("0 25 * * *"), "cron: hour \"25\" is out of range 0-23");
  EXPECT_EQ(bad("* * *"), "cron: needs five fields (minute hour day-of-month month day-of-week), got 3");
  EXPECT_EQ(bad("x * * * *"), "cron: minute \"x\" is not a number");
  EXPECT_EQ(bad("*/0 * * * *"), "cron: minute \"*/0\" has a bad step");
  EXPECT_EQ(bad("0 0 * 5-2 *"), "cron: month \"5-2\" is a range that runs backwards");
  EXPECT_EQ(CronSchedule::Parse("0 0 * * *x").status().field(), "cron");
}

TEST(DailyWindow, CrossesMidnight) {
  auto w = DailyWindow::Parse("22:00-06:00");
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w->Contains(At("2026-11-22T15:00:00Z"), kBeijing));   // 23:00 local
  EXPECT_TRUE(w->Contains(At("2026-11-22T21:59:00Z"), kBeijing));   // 05:59 local
  EXPECT_FALSE(w->Contains(At("2026-11-22T22:00:00Z"), kBeijing));  // 06:00 local
  EXPECT_EQ(FormatRfc3339(w->NextOpen(At("2026-11-22T03:00:00Z"), kBeijing)), "2026-11-22T14:00:00Z");
  EXPECT_EQ(FormatRfc3339(w->NextOpen(At("2026-11-22T15:00:00Z"), kBeijing)), "2026-11-22T15:00:00Z");
}

TEST(DailyWindow, SameDayAndErrors) {
  auto w = DailyWindow::Parse("09:30-17:00");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(FormatRfc3339(w->NextOpen(At("2026-11-22T18:00:00Z"), minutes(0))), "2026-11-23T09:30:00Z");
  EXPECT_EQ(DailyWindow::Parse("9-17").status().message(),
            "window: \"9-17\" must be HH:MM-HH:MM, e.g. 22:00-06:00");
  EXPECT_EQ(DailyWindow::Parse("10:00-10:00").status().field(), "window");
  EXPECT_FALSE(DailyWindow::Parse("25:00-01:00").ok());
}

TEST(UtcOffset, Parses) {
  EXPECT_EQ(*ParseUtcOffset("+08:00"), minutes(480));
  EXPECT_EQ(*ParseUtcOffset("-05:30"), minutes(-330));
  EXPECT_EQ(*ParseUtcOffset("Z"), minutes(0));
  EXPECT_FALSE(ParseUtcOffset("8").ok());
}

}  // namespace
}  // namespace sw
