#include "retain/app/monthly_kpi_report.h"

#include <charconv>
#include <cmath>
#include <string>

namespace retain::app {
namespace {

// A percentage rounded to 4 places as KpiJson rounds it; null without a denominator.
nlohmann::ordered_json Rate(int64_t part, int64_t whole) {
  if (whole == 0) return nullptr;
  const double v = static_cast<double>(part) / static_cast<double>(whole) * 100.0;
  return std::round(v * 10000.0) / 10000.0;
}

}  // namespace

core::Result<int> ParseMonth(std::string_view text) {
  int year = 0, month = 0;
  const bool shaped = text.size() == 7 && text[4] == '-';
  if (shaped) {
    auto [p1, e1] = std::from_chars(text.data(), text.data() + 4, year);
    auto [p2, e2] = std::from_chars(text.data() + 5, text.data() + 7, month);
    if (e1 != std::errc() || p1 != text.data() + 4 || e2 != std::errc() || p2 != text.data() + 7) {
      year = 0;
    }
  }
  if (year < 1 || month < 1 || month > 12) {
    return core::Err(core::InvalidArgument("'" + std::string(text) +
                                           "' is not a month (YYYY-MM, e.g. 2025-01)"));
  }
  return year * 12 + month - 1;
}

core::Result<MonthlyKpiResult> RunMonthlyKpis(const analytics::Snapshot& snapshot,
                                              const MonthlyKpiRequest& request, core::Day today) {
  if (request.window_days < 1) {
    return core::Err(core::InvalidArgument("window_days: must be at least 1"));
  }
  if (request.existing_min_orders < 1) {
    return core::Err(core::InvalidArgument("existing_min_orders: must be at least 1"));
  }
  const core::Day latest = snapshot.orders() > 0 ? snapshot.LastOrderDay() : today;
  int to = request.to_month.value_or(core::MonthIndex(latest));
  int from = request.from_month.value_or(to - 11);
  if (request.from_month && !request.to_month) to = std::max(to, from);
  if (from > to) {
    return core::Err(core::InvalidArgument("from: " + core::FormatMonthIndex(from) +
                                           " is after to (" + core::FormatMonthIndex(to) + ")"));
  }
  if (to - from + 1 > kMaxKpiMonths) {
    return core::Err(core::InvalidArgument("from: at most " + std::to_string(kMaxKpiMonths) +
                                           " months per request (" + core::FormatMonthIndex(from) +
                                           " to " + core::FormatMonthIndex(to) + " are " +
                                           std::to_string(to - from + 1) + ")"));
  }
  MonthlyKpiResult r;
  r.window_days = request.window_days;
  r.existing_min_orders = request.existing_min_orders;
  r.months = analytics::ComputeMonthlyKpis(snapshot, from, to, request.window_days,
                                           request.existing_min_orders);
  return r;
}

nlohmann::ordered_json MonthlyKpiJson(const MonthlyKpiResult& r) {
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (const auto& k : r.months) {
    months.push_back(
        {{"month", core::FormatMonthIndex(k.month_index)},
         {"from", core::FormatDay(k.from)},
         {"to", core::FormatDay(k.to)},
         {"revenue", k.revenue},
         {"existing_revenue", k.existing_revenue},
         {"new_revenue", k.revenue - k.existing_revenue},
         {"orders", k.orders},
         {"active_customers", k.active_customers},
         {"new_customers", k.new_customers},
         {"customers_start", k.customers_start},
         {"customers_end", k.customers_end},
         {"retention_rate", Rate(k.customers_end - k.new_customers, k.customers_start)},
         {"churn_rate", Rate(k.start_not_end, k.customers_start)},
         {"repeat_purchase_rate", Rate(k.repeaters, k.active_customers)}});
  }
  return {{"window_days", r.window_days},
          {"existing_min_orders", r.existing_min_orders},
          {"months", months},
          {"amounts", "minor units (cents)"}};
}

}  // namespace retain::app
