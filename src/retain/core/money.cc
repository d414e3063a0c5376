#include "retain/core/money.h"

#include <cstdio>
#include <limits>

namespace retain::core {
namespace {

// Parses text into value * 10^scale_digits, rounding extra decimals half away
// from zero when allowed.
Result<int64_t> ParseScaled(std::string_view text, DecimalMark mark, int scale_digits,
                            bool allow_rounding, bool allow_negative) {
  const std::string original(text);
  auto fail = [&](const std::string& why) {
    return Err(InvalidArgument("'" + original + "' is not an amount: " + why));
  };
  // Strip spaces, currency signs and codes around the number.
  auto is_skip = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '$' || c >= 0x80 || (c >= 'A' && c <= 'Z');
  };
  while (!text.empty() && is_skip(text.front()) && text.front() != '-') text.remove_prefix(1);
  while (!text.empty() && is_skip(text.back())) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
    while (!text.empty() && is_skip(text.front())) text.remove_prefix(1);
  }
  if (text.empty()) return fail("no digits");
  const char dec = mark == DecimalMark::kComma ? ',' : '.';
  const char group = mark == DecimalMark::kComma ? '.' : ',';
  __int128 whole = 0;
  int64_t frac = 0;
  int frac_digits = 0;
  bool round_up = false;
  bool seen_dec = false, any_digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (!seen_dec) {
        whole = whole * 10 + (c - '0');
        if (whole > std::numeric_limits<int64_t>::max() / 1000) return fail("too large");
      } else if (frac_digits < scale_digits) {
        frac = frac * 10 + (c - '0');
        ++frac_digits;
      } else if (!allow_rounding && c != '0') {
        return fail("more than " + std::to_string(scale_digits) + " decimals");
      } else if (frac_digits == scale_digits) {
        round_up = c >= '5';
        ++frac_digits;  // only the first extra digit decides the rounding
      }
    } else if (c == dec && !seen_dec) {
      seen_dec = true;
    } else if ((c == group || c == ' ' || c == '\'') && !seen_dec && any_digit) {
      continue;
    } else {
      return fail(std::string("unexpected character '") + c + "'");
    }
  }
  if (!any_digit) return fail("no digits");
  for (int i = std::min(frac_digits, scale_digits); i < scale_digits; ++i) frac *= 10;
  int64_t scale = 1;
  for (int i = 0; i < scale_digits; ++i) scale *= 10;
  int64_t value = static_cast<int64_t>(whole) * scale + frac + (round_up ? 1 : 0);
  if (negative && value != 0) {
    if (!allow_negative) return fail("negative amounts are not allowed here");
    value = -value;
  }
  return value;
}

}  // namespace

Result<int64_t> ParseMoney(std::string_view text, const MoneyParseOptions& o) {
  return ParseScaled(text, o.mark, 2, o.allow_rounding, o.allow_negative);
}

Result<int64_t> ParseMilli(std::string_view text, DecimalMark mark) {
  return ParseScaled(text, mark, 3, true, true);
}

std::string FormatMinor(int64_t minor) {
  char buf[32];
  const int64_t a = minor < 0 ? -minor : minor;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", minor < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return buf;
}

int64_t DivRound(int64_t a, int64_t b) {
  const int64_t q = a / b, r = a % b;
  if (2 * (r < 0 ? -r : r) >= b) return q + (a < 0 ? -1 : 1);
  return q;
}

}  // namespace retain::core
