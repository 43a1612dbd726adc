// SPDX-License-Identifier: Apache-2.0
#include "core/time.h"

#include <charconv>

namespace sw {
namespace {

bool ReadDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

Status Bad(std::string_view text, std::string_view why) {
  std::string m = "invalid RFC 3339 time \"";
  m.append(text.substr(0, 64));
  m += "\": ";
  m += why;
  return InvalidArgument(std::move(m));
}

}  // namespace

std::string FormatRfc3339(Timestamp t) {
  // Hand-formatted: this runs for every timestamp of every API response, and
  // snprintf showed up in profiles.
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  const int ms = static_cast<int>(hms.subseconds().count());
  char buf[32];
  auto put = [&buf](size_t pos, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      buf[pos + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return "0000-01-01T00:00:00Z";  // outside RFC 3339
  put(0, year, 4);
  buf[4] = '-';
  put(5, static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  buf[7] = '-';
  put(8, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  buf[10] = 'T';
  put(11, static_cast<int>(hms.hours().count()), 2);
  buf[13] = ':';
  put(14, static_cast<int>(hms.minutes().count()), 2);
  buf[16] = ':';
  put(17, static_cast<int>(hms.seconds().count()), 2);
  size_t len = 19;
  if (ms != 0) {
    buf[19] = '.';
    put(20, ms, 3);
    len = 23;
  }
  buf[len++] = 'Z';
  return std::string(buf, len);
}

Result<Timestamp> ParseRfc3339(std::string_view s) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!ReadDigits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !ReadDigits(s, 5, 2, mo) ||
      s[7] != '-' || !ReadDigits(s, 8, 2, d)) {
    return Bad(s, "expected YYYY-MM-DD");
  }
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return Bad(s, "no such date");
  if (s.size() == 10) return Timestamp(sys_days(ymd));
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !ReadDigits(s, 11, 2, h) || s.size() < 19 ||
      s[13] != ':' || !ReadDigits(s, 14, 2, mi) || s[16] != ':' || !ReadDigits(s, 17, 2, se)) {
    return Bad(s, "expected THH:MM:SS");
  }
  // A leap second (60) is folded onto the next second's start.
  if (h > 23 || mi > 59 || se > 60) return Bad(s, "time of day out of range");
  size_t pos = 19;
  int64_t ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return Bad(s, "empty fraction");
    for (int i = digits; i < 3; ++i) ms *= 10;
  }
  int offset_min = 0;
  if (pos >= s.size()) return Bad(s, "missing time zone (Z or +HH:MM)");
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!ReadDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return Bad(s, "bad offset");
    }
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return Bad(s, "bad time zone");
  }
  if (pos != s.size()) return Bad(s, "trailing characters");
  auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(se) + milliseconds(ms) -
           minutes(offset_min);
  // An offset can push a year-0000 or year-9999 time out of what RFC 3339
  // (and FormatRfc3339) can write.
  if (t < sys_days(year(0) / 1 / 1) || t >= sys_days(year(10000) / 1 / 1)) {
    return Bad(s, "outside years 0000-9999 in UTC");
  }
  return Timestamp(duration_cast<milliseconds>(t.time_since_epoch()));
}

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace sw
