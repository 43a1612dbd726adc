// SPDX-License-Identifier: Apache-2.0
//
// Cron expressions and daily time windows, for schedules. A CronSchedule is
// the classic five fields (minute hour day-of-month month day-of-week) with
// `*`, lists, ranges, steps and the English month/day abbreviations; when
// both day fields are restricted a day matching either one fires (Vixie
// cron's rule). A DailyWindow is "HH:MM-HH:MM", possibly crossing midnight.
// Both are evaluated in local time given as a fixed offset from UTC (the
// platform's users are in one time zone without daylight saving time).
// Plain values; thread-safe.
#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace sw {

class CronSchedule {
 public:
  // Errors name the field: `cron: hour "25" is out of range 0-23`.
  static Result<CronSchedule> Parse(std::string_view text);

  // The first firing strictly after `after`; nullopt when none within five
  // years (e.g. "0 0 30 2 *").
  std::optional<Timestamp> Next(Timestamp after, std::chrono::minutes utc_offset) const;

 private:
  bool DayMatches(int day_of_month, int month, int day_of_week) const;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

class DailyWindow {
 public:
  // "22:00-06:00"; errors name the field "window".
  static Result<DailyWindow> Parse(std::string_view text);

  bool Contains(Timestamp t, std::chrono::minutes utc_offset) const;
  // `t` itself when inside, else the next opening.
  Timestamp NextOpen(Timestamp t, std::chrono::minutes utc_offset) const;

 private:
  int start_ = 0;  // minutes after local midnight
  int end_ = 0;
};

// "+08:00", "-05:30", "Z" → the offset; errors name the text.
Result<std::chrono::minutes> ParseUtcOffset(std::string_view text);

}  // namespace sw
