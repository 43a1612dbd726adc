// SPDX-License-Identifier: Apache-2.0
#include "core/cron.h"

#include <array>
#include <charconv>
#include <vector>

namespace sw {
namespace {

using std::chrono::minutes;

struct FieldSpec {
  const char* name;
  int lo;
  int hi;
  const char* const* names;  // abbreviations for lo.., or null
};

constexpr const char* kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", nullptr};
constexpr const char* kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", nullptr};

constexpr std::array<FieldSpec, 5> kFields = {{{"minute", 0, 59, nullptr},
                                               {"hour", 0, 23, nullptr},
                                               {"day-of-month", 1, 31, nullptr},
                                               {"month", 1, 12, kMonthNames},
                                               {"day-of-week", 0, 7, kDayNames}}};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

Status FieldError(const FieldSpec& f, std::string_view token, std::string_view why) {
  return InvalidArgument("cron: " + std::string(f.name) + " \"" + std::string(token) + "\" " +
                             std::string(why),
                         "cron");
}

Result<int> ParseValue(const FieldSpec& f, std::string_view token, std::string_view whole) {
  if (f.names != nullptr && token.size() == 3) {
    std::string upper(token);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    for (int i = 0; f.names[i] != nullptr; ++i) {
      if (upper == f.names[i]) return f.lo + i;
    }
  }
  int v = 0;
  auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (token.empty() || ec != std::errc() || p != token.data() + token.size()) {
    return FieldError(f, whole, "is not a number");
  }
  if (v < f.lo || v > f.hi) {
    return FieldError(f, whole,
                      "is out of range " + std::to_string(f.lo) + "-" + std::to_string(f.hi));
  }
  return v;
}

// Sets the bits of one field; `restricted` is false for a bare "*".
template <size_t N>
Status ParseField(const FieldSpec& f, std::string_view text, std::bitset<N>& bits, bool& restricted) {
  restricted = text != "*";
  for (std::string_view item : Split(text, ',')) {
    int step = 1;
    std::string_view range = item;
    if (const size_t slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      const std::string_view s = item.substr(slash + 1);
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
      if (s.empty() || ec != std::errc() || p != s.data() + s.size() || step < 1 || step > f.hi) {
        return FieldError(f, item, "has a bad step");
      }
    }
    int lo = f.lo, hi = f.hi;
    if (range != "*") {
      const size_t dash = range.find('-');
      SW_ASSIGN_OR_RETURN(lo, ParseValue(f, range.substr(0, dash), item));
      if (dash != std::string_view::npos) {
        SW_ASSIGN_OR_RETURN(hi, ParseValue(f, range.substr(dash + 1), item));
        if (hi < lo) return FieldError(f, item, "is a range that runs backwards");
      } else if (item.find('/') != std::string_view::npos) {
        hi = f.hi;  // "5/15": from 5 on, every 15
      } else {
        hi = lo;
      }
    }
    for (int v = lo; v <= hi; v += step) bits.set(static_cast<size_t>(v % static_cast<int>(N)));
  }
  return {};
}

using Days = std::chrono::sys_days;

}  // namespace

Result<CronSchedule> CronSchedule::Parse(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::string_view p : Split(text, ' ')) {
    if (!p.empty()) parts.push_back(p);
  }
  if (parts.size() != 5) {
    return InvalidArgument("cron: needs five fields (minute hour day-of-month month day-of-week), got " +
                               std::to_string(parts.size()),
                           "cron");
  }
  CronSchedule c;
  bool ignored = false;
  SW_RETURN_IF_ERROR(ParseField(kFields[0], parts[0], c.minutes_, ignored));
  SW_RETURN_IF_ERROR(ParseField(kFields[1], parts[1], c.hours_, ignored));
  SW_RETURN_IF_ERROR(ParseField(kFields[2], parts[2], c.days_, c.days_restricted_));
  SW_RETURN_IF_ERROR(ParseField(kFields[3], parts[3], c.months_, ignored));
  // Day-of-week 7 is Sunday too: a bitset of 7 folds it onto 0.
  SW_RETURN_IF_ERROR(ParseField(kFields[4], parts[4], c.weekdays_, c.weekdays_restricted_));
  return c;
}

bool CronSchedule::DayMatches(int day_of_month, int month, int day_of_week) const {
  if (!months_.test(static_cast<size_t>(month))) return false;
  const bool dom = days_.test(static_cast<size_t>(day_of_month));
  const bool dow = weekdays_.test(static_cast<size_t>(day_of_week));
  if (days_restricted_ && weekdays_restricted_) return dom || dow;
  return dom && dow;
}

std::optional<Timestamp> CronSchedule::Next(Timestamp after, minutes utc_offset) const {
  using namespace std::chrono;
  // Work in local wall-clock minutes; convert back at the end.
  const auto local = floor<minutes>(after + utc_offset) + minutes(1);
  Days day = floor<days>(local);
  int first_minute = static_cast<int>((local - day).count());
  for (int i = 0; i < 5 * 366 + 1; ++i, ++day, first_minute = 0) {
    const year_month_day ymd(day);
    const weekday wd(day);
    if (!DayMatches(static_cast<int>(static_cast<unsigned>(ymd.day())),
                    static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(wd.c_encoding()))) {
      continue;
    }
    for (int m = first_minute; m < 24 * 60; ++m) {
      if (hours_.test(static_cast<size_t>(m / 60)) && minutes_.test(static_cast<size_t>(m % 60))) {
        return Timestamp(day + minutes(m) - utc_offset);
      }
    }
  }
  return std::nullopt;
}

Result<DailyWindow> DailyWindow::Parse(std::string_view text) {
  auto clock = [&](std::string_view hm) -> Result<int> {
    int h = 0, m = 0;
    const bool shape = hm.size() == 5 && hm[2] == ':';
    if (shape) {
      auto r1 = std::from_chars(hm.data(), hm.data() + 2, h);
      auto r2 = std::from_chars(hm.data() + 3, hm.data() + 5, m);
      if (r1.ec == std::errc() && r1.ptr == hm.data() + 2 && r2.ec == std::errc() &&
          r2.ptr == hm.data() + 5 && h >= 0 && h <= 24 && m >= 0 && m < 60 && (h < 24 || m == 0)) {
        return h * 60 + m;
      }
    }
    return InvalidArgument("window: \"" + std::string(text) + "\" must be HH:MM-HH:MM, e.g. 22:00-06:00",
                           "window");
  };
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) return clock("").status();
  DailyWindow w;
  SW_ASSIGN_OR_RETURN(w.start_, clock(text.substr(0, dash)));
  SW_ASSIGN_OR_RETURN(w.end_, clock(text.substr(dash + 1)));
  if (w.start_ == w.end_) {
    return InvalidArgument("window: start and end are the same; leave it empty for any time", "window");
  }
  return w;
}

bool DailyWindow::Contains(Timestamp t, minutes utc_offset) const {
  using namespace std::chrono;
  const auto local = floor<minutes>(t + utc_offset);
  const int m = static_cast<int>((local - floor<days>(local)).count());
  return start_ < end_ ? (m >= start_ && m < end_) : (m >= start_ || m < end_);
}

Timestamp DailyWindow::NextOpen(Timestamp t, minutes utc_offset) const {
  using namespace std::chrono;
  if (Contains(t, utc_offset)) return t;
  const auto local = t + utc_offset;
  auto open = floor<days>(local) + minutes(start_);
  if (open <= local) open += days(1);
  return Timestamp(time_point_cast<Timestamp::duration>(open - utc_offset));
}

Result<minutes> ParseUtcOffset(std::string_view text) {
  if (text == "Z" || text == "+00:00") return minutes(0);
  int h = 0, m = 0;
  if (text.size() == 6 && (text[0] == '+' || text[0] == '-') && text[3] == ':') {
    auto r1 = std::from_chars(text.data() + 1, text.data() + 3, h);
    auto r2 = std::from_chars(text.data() + 4, text.data() + 6, m);
    if (r1.ec == std::errc() && r1.ptr == text.data() + 3 && r2.ec == std::errc() &&
        r2.ptr == text.data() + 6 && h <= 14 && m < 60) {
      const minutes v(h * 60 + m);
      return text[0] == '-' ? -v : v;
    }
  }
  return InvalidArgument("UTC offset \"" + std::string(text) + "\" must look like +08:00");
}

}  // namespace sw
