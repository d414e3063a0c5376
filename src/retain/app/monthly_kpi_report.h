// The monthly KPI series of the dashboard: for each calendar month of a
// range, the figures `retain kpi` / GET /api/v1/kpis give for that month
// (from its first to its last day), computed for all months at once.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <vector>

#include "retain/analytics/monthly_kpis.h"
#include "retain/core/status.h"

namespace retain::app {

// The longest range one request may ask for.
inline constexpr int kMaxKpiMonths = 60;

struct MonthlyKpiRequest {
  std::optional<int> from_month;  // month index (core::MonthIndex); default: 11 months before to
  std::optional<int> to_month;    // default: the month of the latest order (else of `today`)
  int window_days = 365;          // as KpiRequest
  int existing_min_orders = 2;
};

struct MonthlyKpiResult {
  int window_days = 365;
  int existing_min_orders = 2;
  std::vector<analytics::MonthKpis> months;  // ascending
};

// Parses "YYYY-MM" (month 01..12, year 1..9999) into a month index;
// kInvalidArgument otherwise.
core::Result<int> ParseMonth(std::string_view text);

// Resolves the range and computes. Errors (kInvalidArgument) start with the
// parameter they are about: "from: ... is after to ...", "from: at most 60
// months ...", "window_days: ...", "existing_min_orders: ...". `today`
// stands in for the latest order when there is none.
core::Result<MonthlyKpiResult> RunMonthlyKpis(const analytics::Snapshot& snapshot,
                                              const MonthlyKpiRequest& request, core::Day today);

// {"window_days","existing_min_orders","months":[{"month","from","to","revenue",
//  "existing_revenue","new_revenue","orders","active_customers","new_customers",
//  "customers_start","customers_end","retention_rate","churn_rate",
//  "repeat_purchase_rate"}],"amounts"}; rates are percentages rounded as in
// KpiJson, null when their denominator is 0 (no customers at the start, no
// active customers).
nlohmann::ordered_json MonthlyKpiJson(const MonthlyKpiResult& r);

}  // namespace retain::app
