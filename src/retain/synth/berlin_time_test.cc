#include "retain/synth/berlin_time.h"

#include <gtest/gtest.h>

#include "retain/synth/csv_out.h"

namespace retain::synth {
namespace {

using core::DayFromCivil;

TEST(BerlinTime, LastSundays) {
  EXPECT_EQ(LastSunday(2024, 3), DayFromCivil(2024, 3, 31));
  EXPECT_EQ(LastSunday(2024, 10), DayFromCivil(2024, 10, 27));
  EXPECT_EQ(LastSunday(2025, 3), DayFromCivil(2025, 3, 30));
  EXPECT_EQ(LastSunday(2025, 10), DayFromCivil(2025, 10, 26));
  EXPECT_EQ(LastSunday(2023, 3), DayFromCivil(2023, 3, 26));
}

TEST(BerlinTime, WinterAndSummer) {
  EXPECT_EQ(BerlinOffsetMinutes(DayFromCivil(2024, 1, 15), 12 * 3600), 60);
  EXPECT_EQ(BerlinOffsetMinutes(DayFromCivil(2024, 7, 1), 12 * 3600), 120);
  EXPECT_EQ(BerlinOffsetMinutes(DayFromCivil(2024, 12, 24), 0), 60);
}

TEST(BerlinTime, ChangeDays) {
  const core::Day spring = DayFromCivil(2024, 3, 31);
  EXPECT_EQ(BerlinOffsetMinutes(spring, 3600 + 3599), 60);  // 01:59:59
  EXPECT_EQ(BerlinOffsetMinutes(spring, 3 * 3600), 120);    // 03:00
  EXPECT_EQ(BerlinOffsetMinutes(spring - 1, 23 * 3600), 60);
  const core::Day autumn = DayFromCivil(2024, 10, 27);
  EXPECT_EQ(BerlinOffsetMinutes(autumn, 3600), 120);             // 01:00 CEST
  EXPECT_EQ(BerlinOffsetMinutes(autumn, 2 * 3600 + 1800), 120);  // first 02:30
  EXPECT_EQ(BerlinOffsetMinutes(autumn, 3 * 3600), 60);          // 03:00 CET
  EXPECT_EQ(BerlinOffsetMinutes(autumn + 1, 0), 60);
}

TEST(BerlinTime, NormalizeSkipsTheMissingHour) {
  const core::Day spring = DayFromCivil(2024, 3, 31);
  EXPECT_EQ(NormalizeBerlinTime(spring, 2 * 3600 + 900), 3 * 3600 + 900);
  EXPECT_EQ(NormalizeBerlinTime(spring, 1 * 3600 + 900), 1 * 3600 + 900);
  EXPECT_EQ(NormalizeBerlinTime(spring + 7, 2 * 3600 + 900), 2 * 3600 + 900);
}

TEST(CsvOut, Fields) {
  std::string out;
  AppendCsvField(out, "Müller");
  out += ',';
  AppendCsvField(out, "Laptoptasche 15,6\"");
  EXPECT_EQ(out, "Müller,\"Laptoptasche 15,6\"\"\"");
}

TEST(CsvOut, Numbers) {
  std::string out;
  AppendMinor(out, 12990);
  out += ' ';
  AppendMinor(out, 5);
  out += ' ';
  AppendMinor(out, -150);
  out += ' ';
  AppendPadded(out, 42, 6);
  out += ' ';
  AppendInt(out, -7);
  EXPECT_EQ(out, "129.90 0.05 -1.50 000042 -7");
}

TEST(CsvOut, DatesAndTimestamps) {
  std::string out;
  AppendDay(out, DayFromCivil(2024, 3, 1));
  out += ' ';
  AppendTimestamp(out, DayFromCivil(2024, 3, 1), 14 * 3600 + 5 * 60, 60);
  out += ' ';
  AppendTimestamp(out, DayFromCivil(2024, 7, 1), 9 * 3600 + 59, 120);
  EXPECT_EQ(out, "2024-03-01 2024-03-01T14:05:00+01:00 2024-07-01T09:00:59+02:00");
}

}  // namespace
}  // namespace retain::synth
