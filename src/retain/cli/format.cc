#include "retain/cli/format.h"

#include <cmath>
#include <cstdio>

namespace retain::cli {
namespace {

size_t Utf8Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Group(const Context& ctx, std::string digits) {
  const char sep = ctx.lang == Lang::kDe ? '.' : ',';
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string FormatCount(const Context& ctx, int64_t n) {
  const bool neg = n < 0;
  const std::string s = Group(ctx, std::to_string(neg ? -n : n));
  return neg ? "-" + s : s;
}

std::string FormatNumber(const Context& ctx, double v, int decimals) {
  if (!std::isfinite(v)) return "n/a";
  const double scale = std::pow(10.0, decimals);
  const auto scaled = static_cast<int64_t>(std::llround(std::fabs(v) * scale));
  const auto whole = static_cast<int64_t>(scaled / static_cast<int64_t>(scale));
  std::string out = (v < 0 && scaled != 0 ? "-" : "") + Group(ctx, std::to_string(whole));
  if (decimals > 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", decimals,
                  static_cast<long long>(scaled % static_cast<int64_t>(scale)));
    out += (ctx.lang == Lang::kDe ? "," : ".") + std::string(buf);
  }
  return out;
}

std::string FormatMoney(const Context& ctx, int64_t minor) {
  return FormatNumber(ctx, static_cast<double>(minor) / 100.0, 2);
}

std::string FormatPercent(const Context& ctx, double v) {
  return FormatNumber(ctx, v, 1) + (ctx.lang == Lang::kDe ? " %" : "%");
}

void PrintTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                bool values_right) {
  std::vector<size_t> width;
  for (const auto& r : rows) {
    if (width.size() < r.size()) width.resize(r.size(), 0);
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], Utf8Width(r[i]));
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      const std::string pad(width[i] - Utf8Width(r[i]), ' ');
      if (i > 0) line += "  ";
      line += (i == 0 || !values_right) ? r[i] + pad : pad + r[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace retain::cli
