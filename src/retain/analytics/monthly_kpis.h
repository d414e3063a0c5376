// Retention KPIs of consecutive calendar months, all in one pass over the
// snapshot: for every month the figures ComputeKpis (kpi.h) gives for that
// month alone (first..last day of the month), with the same definitions and
// settings. Only the counts and sums a month-by-month series needs are kept
// (no Lorenz curve, top 20 %, returns or budget advice).
//
// Cost: O(customers * months) steps plus each order once per month it
// touches, in parallel over blocks of customers; no allocation per customer.
#pragma once

#include <cstdint>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

struct MonthKpis {
  int month_index = 0;  // core::MonthIndex of the month
  core::Day from = 0;   // its first day
  core::Day to = 0;     // its last day
  // As in KpiReport for the period from..to:
  int64_t customers_start = 0, customers_end = 0, new_customers = 0;
  int64_t start_not_end = 0;     // S customers not counted at `to` (churned)
  int64_t active_customers = 0;  // customers with an order in the month
  int64_t orders = 0;
  int64_t revenue = 0;           // minor units
  int64_t existing_revenue = 0;  // minor units: orders that are a k-th order, k >= min orders
  int64_t existing_customers = 0;
  int64_t repeaters = 0;  // active customers with >= 2 orders up to `to`
};

// The first day of a month index (core::MonthIndex) and its last day.
core::Day FirstDayOfMonth(int month_index);
core::Day LastDayOfMonth(int month_index);

// The KPIs of the months first_month .. last_month (month indices, ascending;
// empty when last_month < first_month). window_days and existing_min_orders
// below 1 are treated as 1, as ComputeKpis does.
std::vector<MonthKpis> ComputeMonthlyKpis(const Snapshot& s, int first_month, int last_month,
                                          int window_days, int existing_min_orders);

}  // namespace retain::analytics
