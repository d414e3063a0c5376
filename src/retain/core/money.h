// Money as integer minor units (cents), parsed from the decimal texts shops export.
//
// Amounts are never held in floating point. Parsing understands both decimal
// marks used in practice: "1234.56", "1,234.56" (point) and "1234,56",
// "1.234,56" (German comma), plus an optional currency sign or code.
//
//   Result<int64_t> c = ParseMoney("1.234,56 €", DecimalMark::kComma);  // 123456
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "retain/core/status.h"

namespace retain::core {

enum class DecimalMark { kPoint, kComma };

struct MoneyParseOptions {
  DecimalMark mark = DecimalMark::kPoint;
  // When false, more than two decimals is an error; when true the value is
  // rounded half away from zero to whole minor units.
  bool allow_rounding = false;
  // When false, a negative amount is an error.
  bool allow_negative = true;
};

// Parses a decimal amount into minor units (two decimals). Grouping marks
// (the other mark, spaces, apostrophes) are accepted between digit groups.
// Returns kInvalidArgument saying what is wrong for anything else.
Result<int64_t> ParseMoney(std::string_view text, const MoneyParseOptions& options);

// Parses a decimal number of units into thousandths (for quantities such as
// 0.001 GBP unit prices that must be multiplied before rounding).
Result<int64_t> ParseMilli(std::string_view text, DecimalMark mark);

// "1234.56" style text of an amount in minor units (point, no grouping).
std::string FormatMinor(int64_t minor);

// Rounds a / b half away from zero (b > 0).
int64_t DivRound(int64_t a, int64_t b);

}  // namespace retain::core
