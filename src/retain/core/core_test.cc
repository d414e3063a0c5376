#include <gtest/gtest.h>

#include "retain/core/date.h"
#include "retain/core/json_out.h"
#include "retain/core/money.h"
#include "retain/core/parallel.h"
#include "retain/core/text.h"

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace retain::core {
namespace {

TEST(Date, RoundTripsOverCenturiesAndLeapDays) {
  for (Day d = DayFromCivil(1899, 12, 1); d < DayFromCivil(2101, 3, 1); d += 7) {
    const CivilDate c = CivilFromDay(d);
    EXPECT_EQ(DayFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DayFromCivil(2000, 3, 1) - DayFromCivil(2000, 2, 28), 2);  // 2000 is a leap year
  EXPECT_EQ(DayFromCivil(1900, 3, 1) - DayFromCivil(1900, 2, 28), 1);  // 1900 is not
}

TEST(Date, ParsesIsoGermanAndCompactForms) {
  EXPECT_EQ(*ParseDate("2024-03-01"), DayFromCivil(2024, 3, 1));
  EXPECT_EQ(*ParseDate("01.03.2024"), DayFromCivil(2024, 3, 1));
  EXPECT_EQ(*ParseDate("20240301"), DayFromCivil(2024, 3, 1));
  EXPECT_EQ(*ParseDate(" 2024/03/01 "), DayFromCivil(2024, 3, 1));
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("31.04.2024").has_value());
  EXPECT_FALSE(ParseDate("2024-3-1").has_value());
  EXPECT_FALSE(ParseDate("").has_value());
  EXPECT_NE(ParseDate("morgen").error().message().find("DD.MM.YYYY"), std::string::npos);
}

TEST(Date, TimestampsKeepTheirOffset) {
  auto t = ParseTimestamp("2024-03-01T14:05:09+01:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->day, DayFromCivil(2024, 3, 1));
  EXPECT_EQ(t->seconds, 14 * 3600 + 5 * 60 + 9);
  EXPECT_EQ(t->utc_offset_minutes, 60);
  EXPECT_EQ(FormatTimestamp(*t), "2024-03-01T14:05:09+01:00");
  EXPECT_EQ(ParseTimestamp("2024-01-15 10:23:45 -0530")->utc_offset_minutes, -330);
  EXPECT_EQ(ParseTimestamp("2024-01-15T10:23:45Z")->utc_offset_minutes, 0);
  EXPECT_EQ(ParseTimestamp("2024-01-15T10:23:45.123Z")->seconds, 10 * 3600 + 23 * 60 + 45);
  EXPECT_FALSE(ParseTimestamp("2024-01-15 10:23")->utc_offset_minutes.has_value());
  EXPECT_EQ(ParseTimestamp("01.12.2010 8:26")->seconds, 8 * 3600 + 26 * 60);
  EXPECT_FALSE(ParseTimestamp("2024-01-15 25:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-01-15 10:00 +25:00").has_value());
}

TEST(Date, MonthIndex) {
  EXPECT_EQ(FormatMonthIndex(MonthIndex(DayFromCivil(2024, 12, 31))), "2024-12");
  EXPECT_EQ(MonthIndex(DayFromCivil(2025, 1, 1)) - MonthIndex(DayFromCivil(2024, 12, 31)), 1);
}

TEST(Date, WorkingDaysSkipTheWeekend) {
  const Day fri = *ParseDate("2026-11-27");
  EXPECT_EQ(IsoWeekday(fri), 5);
  EXPECT_EQ(IsoWeekday(*ParseDate("1970-01-01")), 4);
  EXPECT_EQ(IsoWeekday(*ParseDate("1969-12-28")), 7);
  EXPECT_EQ(FormatDay(AddWorkingDays(fri, 1)), "2026-11-30");  // Monday
  EXPECT_EQ(FormatDay(AddWorkingDays(fri, 2)), "2026-12-01");
  EXPECT_EQ(FormatDay(AddWorkingDays(fri + 1, 1)), "2026-11-30");  // from Saturday
  EXPECT_EQ(FormatDay(AddWorkingDays(*ParseDate("2026-11-24"), 2)), "2026-11-26");
  EXPECT_EQ(AddWorkingDays(fri, 0), fri);
}

TEST(Money, BothDecimalMarksAndGrouping) {
  const MoneyParseOptions point{DecimalMark::kPoint};
  const MoneyParseOptions comma{DecimalMark::kComma};
  EXPECT_EQ(*ParseMoney("1234.56", point), 123456);
  EXPECT_EQ(*ParseMoney("1,234.56", point), 123456);
  EXPECT_EQ(*ParseMoney("1.234,56", comma), 123456);
  EXPECT_EQ(*ParseMoney("1234,5", comma), 123450);
  EXPECT_EQ(*ParseMoney("12 €", comma), 1200);
  EXPECT_EQ(*ParseMoney("EUR 9,99", comma), 999);
  EXPECT_EQ(*ParseMoney("-0,01", comma), -1);
  EXPECT_EQ(*ParseMoney("$29.33", point), 2933);
  EXPECT_FALSE(ParseMoney("12.345", point).has_value());  // three decimals
  EXPECT_FALSE(ParseMoney("abc", point).has_value());
  EXPECT_FALSE(ParseMoney("1.2.3", point).has_value());
  MoneyParseOptions no_neg = point;
  no_neg.allow_negative = false;
  EXPECT_FALSE(ParseMoney("-1.00", no_neg).has_value());
  MoneyParseOptions round = point;
  round.allow_rounding = true;
  EXPECT_EQ(*ParseMoney("0.005", round), 1);
  EXPECT_EQ(*ParseMoney("-0.125", round), -13);
}

TEST(Money, MilliAndRounding) {
  EXPECT_EQ(*ParseMilli("0.001", DecimalMark::kPoint), 1);
  EXPECT_EQ(*ParseMilli("2,55", DecimalMark::kComma), 2550);
  EXPECT_EQ(DivRound(15, 10), 2);
  EXPECT_EQ(DivRound(-15, 10), -2);
  EXPECT_EQ(DivRound(14, 10), 1);
  EXPECT_EQ(FormatMinor(-123456), "-1234.56");
  EXPECT_EQ(FormatMinor(5), "0.05");
}

TEST(Text, Utf8FloorNeverSplitsACharacter) {
  const std::string s = "Größe";  // G r ö(2) ß(2) e: 7 bytes
  EXPECT_EQ(Utf8Floor(s, 10), 7u);
  EXPECT_EQ(Utf8Floor(s, 7), 7u);
  EXPECT_EQ(Utf8Floor(s, 3), 2u);  // not inside ö
  EXPECT_EQ(Utf8Floor(s, 4), 4u);
  EXPECT_EQ(Utf8Floor(s, 5), 4u);  // not inside ß
  EXPECT_EQ(Utf8Floor(s, 0), 0u);
}

TEST(Text, Utf8AndWindows1252) {
  EXPECT_EQ(ValidUtf8Prefix("M\xC3\xBCller"), 7u);
  EXPECT_EQ(ValidUtf8Prefix("M\xFCller"), 1u);
  EXPECT_EQ(ValidUtf8Prefix("\xC0\xAF"), 0u);  // overlong
  std::string out;
  EXPECT_EQ(AppendWindows1252AsUtf8("M\xFCller \x80", out), std::string_view::npos);
  EXPECT_EQ(out, "M\xC3\xBCller \xE2\x82\xAC");
  out.clear();
  EXPECT_EQ(AppendWindows1252AsUtf8("ab\x81", out), 2u);
  EXPECT_TRUE(HasUtf8Bom("\xEF\xBB\xBFx"));
}

}  // namespace
}  // namespace retain::core

namespace retain::core {
namespace {

TEST(Parallel, SlicesCoverTheRangeOnceInOrder) {
  for (size_t n : {0, 1, 5, 1000, 100001}) {
    const Slices s = SliceRange(n, 10);
    std::vector<int> seen(n, 0);
    std::vector<std::pair<size_t, size_t>> bounds(s.count);
    ParallelForSlices(
        n,
        [&](size_t slice, size_t begin, size_t end) {
          bounds[slice] = {begin, end};
          for (size_t i = begin; i < end; ++i) ++seen[i];
        },
        10);
    for (int v : seen) ASSERT_EQ(v, 1) << n;
    for (size_t k = 0; k < s.count; ++k) {
      EXPECT_EQ(bounds[k].first, k * s.step);
      EXPECT_LT(bounds[k].first, bounds[k].second);
    }
    if (n > 0) {
      EXPECT_EQ(bounds.back().second, n);
    }
  }
}

TEST(JsonOut, WritesEscapedTextNumbersAndNulls) {
  JsonOut out;
  out.StartObject();
  out.Field("name", std::string("Jörg \"der\" \\ Große\n\x01"));
  out.Field("n", int64_t{-42});
  out.Field("ratio", 0.1);
  out.Field("whole", 52.0);
  out.Field("nan", std::nan(""));
  out.Field("none", std::optional<int>());
  out.Field("some", std::optional<int>(7));
  out.Field("flag", true);
  out.Key("list");
  out.StartArray();
  out.String("a");
  out.EndArray();
  out.EndObject();
  EXPECT_EQ(out.Take(),
            "{\"name\":\"Jörg \\\"der\\\" \\\\ Große\\n\\u0001\",\"n\":-42,\"ratio\":0.1,"
            "\"whole\":52.0,\"nan\":null,\"none\":null,\"some\":7,\"flag\":true,\"list\":[\"a\"]}");
  // Take empties the writer for the next document.
  out.StartArray();
  out.EndArray();
  EXPECT_EQ(out.Take(), "[]");
}

}  // namespace
}  // namespace retain::core
