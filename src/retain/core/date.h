// Calendar days and timestamps.
//
// A Day is the number of days since 1970-01-01 in the proleptic Gregorian
// calendar: cheap to store in columns, compare and subtract. A Timestamp keeps
// the local wall-clock time as written plus its UTC offset when the source
// gave one, so no time zone is ever guessed silently.
//
//   Result<Day> d = ParseDate("01.03.2024");   // German order works too
//   std::string s = FormatDay(*d);             // "2024-03-01"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retain/core/status.h"

namespace retain::core {

using Day = int32_t;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since 1970-01-01 for a valid civil date (no validation).
Day DayFromCivil(int year, int month, int day);
// The civil date of a Day.
CivilDate CivilFromDay(Day day);
// True if year/month/day name a real calendar date.
bool IsValidCivil(int year, int month, int day);
// "YYYY-MM-DD".
std::string FormatDay(Day day);
// Day of the week, ISO numbering: 1 = Monday .. 7 = Sunday.
int IsoWeekday(Day day);
// The day `n` working days (Monday to Friday) after `day`: from a Friday, one
// working day is the Monday; from a Saturday too. n = 0 gives `day` itself.
Day AddWorkingDays(Day day, int n);
// Months since year 0 (year*12 + month-1): a month index for cohorts.
int MonthIndex(Day day);
// "YYYY-MM" of a month index from MonthIndex.
std::string FormatMonthIndex(int month_index);

// Parses a date in one of: YYYY-MM-DD, DD.MM.YYYY, YYYYMMDD, YYYY/MM/DD.
// Surrounding whitespace is ignored. Returns kInvalidArgument naming the
// expected forms when the text is not a real date.
Result<Day> ParseDate(std::string_view text);

struct Timestamp {
  Day day = 0;                                // local calendar day as written
  int32_t seconds = 0;                        // seconds since local midnight
  std::optional<int32_t> utc_offset_minutes;  // set when the text carried Z or +hh:mm
};

// Parses a date, optionally followed by ' ' or 'T' and HH:MM[:SS[.fff]], and
// optionally by 'Z' or an offset (+hh:mm, +hhmm, +hh, with or without a space
// before it). Fractions of seconds are dropped.
Result<Timestamp> ParseTimestamp(std::string_view text);

// ISO 8601 text of a Timestamp: "YYYY-MM-DDTHH:MM:SS" plus "+hh:mm"/"Z" when
// the offset is known.
std::string FormatTimestamp(const Timestamp& ts);

// The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ" (for records of when something ran).
std::string UtcNowIso();

// Today's calendar day where the program runs (the TZ environment variable,
// else the system's time zone): the shop's day when the server stands in
// the shop's time zone.
Day LocalToday();

}  // namespace retain::core
