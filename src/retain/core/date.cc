#include "retain/core/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace retain::core {
namespace {

// Reads exactly `n` digits at `pos`; returns -1 if they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Parses the date part at the start of s; sets `used` to the characters consumed.
bool ParseDatePart(std::string_view s, int& y, int& m, int& d, size_t& used) {
  if (s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
    used = 10;
  } else if (s.size() >= 10 && s[2] == '.' && s[5] == '.') {
    d = Digits(s, 0, 2), m = Digits(s, 3, 2), y = Digits(s, 6, 4);
    used = 10;
  } else if (s.size() >= 8 && Digits(s, 0, 8) >= 0 &&
             (s.size() == 8 || s[8] == ' ' || s[8] == 'T')) {
    y = Digits(s, 0, 4), m = Digits(s, 4, 2), d = Digits(s, 6, 2);
    used = 8;
  } else {
    return false;
  }
  return y >= 0 && m >= 0 && d >= 0 && IsValidCivil(y, m, d);
}

Status BadDate(std::string_view text) {
  return InvalidArgument("'" + std::string(text) +
                         "' is not a date (expected YYYY-MM-DD, DD.MM.YYYY or YYYYMMDD)");
}

}  // namespace

Day DayFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

CivilDate CivilFromDay(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

bool IsValidCivil(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string FormatDay(Day day) {
  const CivilDate c = CivilFromDay(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

int MonthIndex(Day day) {
  const CivilDate c = CivilFromDay(day);
  return c.year * 12 + c.month - 1;
}

std::string FormatMonthIndex(int month_index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buf;
}

Result<Day> ParseDate(std::string_view text) {
  const std::string_view s = Trim(text);
  int y, m, d;
  size_t used = 0;
  if (!ParseDatePart(s, y, m, d, used) || used != s.size()) return Err(BadDate(text));
  return DayFromCivil(y, m, d);
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  const std::string_view s = Trim(text);
  int y, m, d;
  size_t pos = 0;
  if (!ParseDatePart(s, y, m, d, pos)) return Err(BadDate(text));
  Timestamp ts;
  ts.day = DayFromCivil(y, m, d);
  auto bad_time = [&] {
    return Err(InvalidArgument("'" + std::string(text) +
                               "' is not a timestamp (expected a date, then HH:MM[:SS] and "
                               "optionally Z or +hh:mm)"));
  };
  if (pos == s.size()) return ts;
  if (s[pos] != ' ' && s[pos] != 'T') return bad_time();
  ++pos;
  // Hours may have one digit ("8:26").
  int hh = -1;
  if (pos + 1 < s.size() && s[pos + 1] == ':') {
    hh = Digits(s, pos, 1), pos += 1;
  } else {
    hh = Digits(s, pos, 2), pos += 2;
  }
  if (hh < 0 || hh > 23 || pos >= s.size() || s[pos] != ':') return bad_time();
  const int mm = Digits(s, pos + 1, 2);
  pos += 3;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    ss = Digits(s, pos + 1, 2);
    pos += 3;
  }
  if (mm < 0 || mm > 59 || ss < 0 || ss > 60) return bad_time();
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  ts.seconds = hh * 3600 + mm * 60 + ss;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos == s.size()) return ts;
  if (s[pos] == 'Z' && pos + 1 == s.size()) {
    ts.utc_offset_minutes = 0;
    return ts;
  }
  if (s[pos] != '+' && s[pos] != '-') return bad_time();
  const int sign = s[pos] == '-' ? -1 : 1;
  std::string_view off = s.substr(pos + 1);
  int oh = -1, om = 0;
  if (off.size() == 2) {
    oh = Digits(off, 0, 2);
  } else if (off.size() == 4) {
    oh = Digits(off, 0, 2), om = Digits(off, 2, 2);
  } else if (off.size() == 5 && off[2] == ':') {
    oh = Digits(off, 0, 2), om = Digits(off, 3, 2);
  }
  if (oh < 0 || oh > 14 || om < 0 || om > 59) return bad_time();
  ts.utc_offset_minutes = sign * (oh * 60 + om);
  return ts;
}

std::string FormatTimestamp(const Timestamp& ts) {
  // Hand-formatted: this runs once per imported order.
  const CivilDate c = CivilFromDay(ts.day);
  char buf[32];
  auto put2 = [&](int at, int v) {
    buf[at] = static_cast<char>('0' + v / 10 % 10);
    buf[at + 1] = static_cast<char>('0' + v % 10);
  };
  put2(0, c.year / 100);
  put2(2, c.year % 100);
  buf[4] = '-';
  put2(5, c.month);
  buf[7] = '-';
  put2(8, c.day);
  buf[10] = 'T';
  put2(11, ts.seconds / 3600);
  buf[13] = ':';
  put2(14, ts.seconds / 60 % 60);
  buf[16] = ':';
  put2(17, ts.seconds % 60);
  size_t n = 19;
  if (ts.utc_offset_minutes) {
    const int o = *ts.utc_offset_minutes;
    if (o == 0) {
      buf[n++] = 'Z';
    } else {
      const int a = std::abs(o);
      buf[n] = o < 0 ? '-' : '+';
      put2(static_cast<int>(n) + 1, a / 60);
      buf[n + 3] = ':';
      put2(static_cast<int>(n) + 4, a % 60);
      n += 6;
    }
  }
  return std::string(buf, n);
}

std::string UtcNowIso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

Day LocalToday() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return DayFromCivil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

int IsoWeekday(Day day) {
  // 1970-01-01 was a Thursday (4).
  const int w = static_cast<int>(((static_cast<int64_t>(day) + 3) % 7 + 7) % 7);
  return w + 1;
}

Day AddWorkingDays(Day day, int n) {
  while (n > 0) {
    ++day;
    if (IsoWeekday(day) <= 5) --n;
  }
  return day;
}

}  // namespace retain::core
