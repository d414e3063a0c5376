// Number formatting and aligned text tables for reports, in German or English.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "retain/cli/context.h"

namespace retain::cli {

// 1234567 -> "1,234,567" (en) / "1.234.567" (de).
std::string FormatCount(const Context& ctx, int64_t n);
// A number with `decimals` digits and grouping: 1234.5 -> "1,234.50" / "1.234,50".
std::string FormatNumber(const Context& ctx, double v, int decimals);
// Minor units as an amount: 123450 -> "1,234.50" / "1.234,50".
std::string FormatMoney(const Context& ctx, int64_t minor);
// A percentage with one decimal and a % sign.
std::string FormatPercent(const Context& ctx, double v);

// Prints rows as columns; the first row is the header. With values_right,
// columns after the first are right-aligned (numbers); otherwise all are
// left-aligned. Widths count UTF-8 characters.
void PrintTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                bool values_right = true);

}  // namespace retain::cli
