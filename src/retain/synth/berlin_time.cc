#include "retain/synth/berlin_time.h"

namespace retain::synth {
namespace {

// Weekday of a Day with 0 = Sunday (1970-01-01 was a Thursday).
int WeekdaySunday0(core::Day day) {
  const int w = (day + 4) % 7;
  return w < 0 ? w + 7 : w;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

core::Day LastSunday(int year, int month) {
  const core::Day last = core::DayFromCivil(year, month, DaysInMonth(year, month));
  return last - WeekdaySunday0(last);
}

int32_t BerlinOffsetMinutes(core::Day day, int32_t seconds) {
  const int year = core::CivilFromDay(day).year;
  const core::Day spring = LastSunday(year, 3);
  const core::Day autumn = LastSunday(year, 10);
  const bool after_spring = day > spring || (day == spring && seconds >= 2 * 3600);
  const bool before_autumn = day < autumn || (day == autumn && seconds < 3 * 3600);
  return after_spring && before_autumn ? 120 : 60;
}

int32_t NormalizeBerlinTime(core::Day day, int32_t seconds) {
  if (seconds >= 2 * 3600 && seconds < 3 * 3600 &&
      day == LastSunday(core::CivilFromDay(day).year, 3)) {
    return seconds + 3600;
  }
  return seconds;
}

}  // namespace retain::synth
