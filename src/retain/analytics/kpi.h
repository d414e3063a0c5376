// Retention KPIs of one period, computed from a Snapshot in one pass.
//
// Definitions (W = window_days, period = from..to, all date ranges inclusive):
//  - A customer is "counted at date D" if they have an order on a day in D-W+1..D.
//  - customers_start S = customers counted at from-1; customers_end E = counted
//    at to; new_customers N = customers whose FIRST order (over all their
//    history) falls in from..to.
//  - retention_rate = (E-N)/S*100; 0 and retention_defined = false when S == 0.
//  - Orders "in the period" are orders dated in from..to. active_customers =
//    customers with >= 1 such order; orders = their count; revenue = the sum of
//    their amounts (minor units).
//  - repeat_purchase_rate = % of active customers with >= 2 orders in total up
//    to `to` (they bought more than once).
//  - purchase_frequency = orders / active_customers;
//    average_order_value = revenue / orders (minor units).
//  - existing_customers = customers with >= existing_min_orders orders up to
//    `to` who are counted at `to`. An order is existing-customer revenue when it
//    is the customer's k-th order (all orders ranked by day, same-day orders in
//    snapshot order) with k >= existing_min_orders; existing_revenue_share =
//    that revenue (of period orders) / revenue * 100.
//  - revenue_per_customer = revenue / active_customers.
//  - return_rate = sum of returns dated in the period / revenue * 100.
//  - churn_rate = % of the S customers who are not counted at `to`; 0 when S == 0.
//  - top20_revenue_share: active customers sorted by period revenue descending;
//    share (%) of revenue of the top ceil(20% * active) of them.
//  - lorenz: 21 points, p = 0, 5, ..., 100 % of active customers sorted
//    ascending by period revenue, with the cumulative revenue share (%) of that
//    fraction (linear within a customer when p% is not a whole number of
//    customers). gini = 1 - 2 * area under the exact Lorenz curve, in 0..1.
//  - budget: sales_per_day = orders / (to-from+1); <= 5/7 -> 85% acquisition /
//    15% retention; <= sqrt(10) -> 70/30; <= 10 -> 50/50; else 40/60.
//
// Every ratio whose denominator is zero (no active customers, no orders, no
// revenue, empty period) is 0. Cost: O(customers * log(orders per customer) +
// period orders + active * log(active)); one allocation (the Lorenz values).
#pragma once

#include <array>
#include <cstdint>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

struct KpiOptions {
  core::Day from = 0;     // first day of the period (inclusive)
  core::Day to = -1;      // last day of the period (inclusive); to < from means an empty period
  int window_days = 365;  // W for "counted at D"; values < 1 are treated as 1
  int existing_min_orders = 2;  // k-th order from which a customer counts as existing; >= 1
};

// Rule of thumb from a German article on splitting marketing budget between
// winning new customers (acquisition) and keeping existing ones (retention).
enum class BudgetBand {
  kUpTo5PerWeek,      // sales_per_day <= 5/7      -> 85 / 15
  kAbout1PerDay,      // sales_per_day <= sqrt(10) -> 70 / 30
  kAbout10PerDay,     // sales_per_day <= 10       -> 50 / 50
  kMoreThan10PerDay,  // above                     -> 40 / 60
};

// "up_to_5_per_week", "about_1_per_day", "about_10_per_day", "more_than_10_per_day".
const char* BudgetBandName(BudgetBand band);

struct BudgetAdvice {
  double sales_per_day = 0;  // orders / days in the period; 0 for an empty period
  BudgetBand band = BudgetBand::kUpTo5PerWeek;
  int acquisition_percent = 85;
  int retention_percent = 15;  // acquisition_percent + retention_percent == 100
};

// The band for `orders` sales over `days` days (exact integer comparisons, so
// 5 orders in 7 days is still kUpTo5PerWeek). days <= 0 gives the lowest band.
BudgetAdvice AdviseBudget(int64_t orders, int64_t days);

struct LorenzPoint {
  double customer_share = 0;  // % of active customers, 0..100
  double revenue_share = 0;   // % of period revenue they account for, 0..100
};

struct KpiReport {
  int64_t customers_start = 0;     // S
  int64_t customers_end = 0;       // E
  int64_t new_customers = 0;       // N
  double retention_rate = 0;       // (E-N)/S*100; may be negative if N > E
  bool retention_defined = false;  // false when S == 0 (print "n/a" for retention and churn)
  double churn_rate = 0;           // % of S not counted at `to`

  int64_t active_customers = 0;
  int64_t orders = 0;
  int64_t revenue = 0;  // minor units
  double repeat_purchase_rate = 0;
  double purchase_frequency = 0;
  double average_order_value = 0;   // minor units
  double revenue_per_customer = 0;  // minor units

  int64_t existing_customers = 0;
  int64_t existing_revenue = 0;  // minor units
  double existing_revenue_share = 0;

  int64_t returns = 0;  // minor units, returns dated in the period
  double return_rate = 0;

  double top20_revenue_share = 0;
  std::array<LorenzPoint, 21> lorenz{};
  double gini = 0;

  BudgetAdvice budget;
};

// Computes every KPI above for the period opts.from..opts.to.
KpiReport ComputeKpis(const Snapshot& s, const KpiOptions& opts);

enum class CustomerTenure {
  kProspect,  // no orders yet
  kNew,       // 1 .. existing_min_orders-1 orders
  kExisting,  // >= existing_min_orders orders
};

// Classifies a customer by how many orders they have placed. existing_min_orders
// below 1 is treated as 1 (so every buyer is existing).
CustomerTenure ClassifyNewExisting(int64_t order_count, int existing_min_orders);

}  // namespace retain::analytics
