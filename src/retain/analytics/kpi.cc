#include "retain/analytics/kpi.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace retain::analytics {
namespace {

double Percent(double part, double whole) { return whole == 0 ? 0.0 : part / whole * 100.0; }
double Ratio(double part, double whole) { return whole == 0 ? 0.0 : part / whole; }

// True if any day in [begin, end) (ascending) lies in lo..hi.
bool AnyIn(const core::Day* begin, const core::Day* end, core::Day lo, core::Day hi) {
  const core::Day* it = std::lower_bound(begin, end, lo);
  return it != end && *it <= hi;
}

// Fills the Lorenz points and Gini from period revenues sorted ascending.
void FillLorenz(const std::vector<int64_t>& sorted, int64_t total, KpiReport& r) {
  const int64_t n = static_cast<int64_t>(sorted.size());
  for (int j = 0; j <= 20; ++j) r.lorenz[j].customer_share = j * 5.0;
  if (n == 0 || total <= 0) {
    // No meaningful distribution: report the line of equality.
    for (int j = 0; j <= 20; ++j) r.lorenz[j].revenue_share = j * 5.0;
    return;
  }
  // Point j covers j*n/20 customers; walk the sorted values once.
  int64_t cum = 0;  // revenue of the first i customers
  int64_t i = 0;
  double area2 = 0;  // twice the area under the exact curve, in units of total*n
  for (int j = 0; j <= 20; ++j) {
    const int64_t whole = j * n / 20;
    const double frac = static_cast<double>(j * n % 20) / 20.0;
    while (i < whole) {
      area2 += static_cast<double>(2 * cum + sorted[i]);
      cum += sorted[i++];
    }
    const double part = i < n ? frac * static_cast<double>(sorted[i]) : 0.0;
    r.lorenz[j].revenue_share =
        Percent(static_cast<double>(cum) + part, static_cast<double>(total));
  }
  // (the loop above stops at i == n because point 20 covers every customer)
  r.gini = 1.0 - area2 / (static_cast<double>(total) * static_cast<double>(n));
}

}  // namespace

const char* BudgetBandName(BudgetBand band) {
  switch (band) {
    case BudgetBand::kUpTo5PerWeek:
      return "up_to_5_per_week";
    case BudgetBand::kAbout1PerDay:
      return "about_1_per_day";
    case BudgetBand::kAbout10PerDay:
      return "about_10_per_day";
    case BudgetBand::kMoreThan10PerDay:
      return "more_than_10_per_day";
  }
  return "?";
}

BudgetAdvice AdviseBudget(int64_t orders, int64_t days) {
  BudgetAdvice a;
  if (days <= 0 || orders <= 0) return a;
  a.sales_per_day = static_cast<double>(orders) / static_cast<double>(days);
  // Exact comparisons: o/d <= 5/7, o/d <= sqrt(10) (o^2 <= 10 d^2), o/d <= 10.
  const __int128 o = orders, d = days;
  if (7 * o <= 5 * d) {
    a.band = BudgetBand::kUpTo5PerWeek, a.acquisition_percent = 85;
  } else if (o * o <= 10 * d * d) {
    a.band = BudgetBand::kAbout1PerDay, a.acquisition_percent = 70;
  } else if (o <= 10 * d) {
    a.band = BudgetBand::kAbout10PerDay, a.acquisition_percent = 50;
  } else {
    a.band = BudgetBand::kMoreThan10PerDay, a.acquisition_percent = 40;
  }
  a.retention_percent = 100 - a.acquisition_percent;
  return a;
}

CustomerTenure ClassifyNewExisting(int64_t order_count, int existing_min_orders) {
  if (order_count <= 0) return CustomerTenure::kProspect;
  return order_count >= std::max(existing_min_orders, 1) ? CustomerTenure::kExisting
                                                         : CustomerTenure::kNew;
}

KpiReport ComputeKpis(const Snapshot& s, const KpiOptions& opts) {
  KpiReport r;
  const core::Day from = opts.from, to = opts.to;
  const int w = std::max(opts.window_days, 1);
  const int64_t min_orders = std::max(opts.existing_min_orders, 1);
  const bool has_period = from <= to;

  int64_t start_not_end = 0;  // S customers not counted at `to`
  int64_t repeaters = 0;      // active customers with >= 2 orders up to `to`
  std::vector<int64_t> active_revenue;

  for (size_t c = 0; c < s.customers(); ++c) {
    const int64_t lo = s.order_offsets[c], hi = s.order_offsets[c + 1];
    if (lo < hi) {
      const core::Day* days = s.order_day.data();
      const bool at_start = AnyIn(days + lo, days + hi, from - w, from - 1);
      const bool at_end = AnyIn(days + lo, days + hi, to - w + 1, to);
      r.customers_start += at_start;
      r.customers_end += at_end;
      start_not_end += at_start && !at_end;
      if (has_period && days[lo] >= from && days[lo] <= to) ++r.new_customers;

      // Orders up to `to` are [lo, upto); period orders are [first, upto).
      const int64_t upto = std::upper_bound(days + lo, days + hi, to) - days;
      const int64_t first = std::lower_bound(days + lo, days + upto, from) - days;
      if (upto - lo >= min_orders && at_end) ++r.existing_customers;
      if (first < upto) {
        int64_t rev = 0;
        for (int64_t k = first; k < upto; ++k) {
          rev += s.order_amount[k];
          if (k - lo + 1 >= min_orders) r.existing_revenue += s.order_amount[k];
        }
        ++r.active_customers;
        r.orders += upto - first;
        r.revenue += rev;
        repeaters += upto - lo >= 2;
        active_revenue.push_back(rev);
      }
    }
    const int64_t rlo = s.return_offsets[c], rhi = s.return_offsets[c + 1];
    if (rlo < rhi && has_period) {
      const core::Day* rd = s.return_day.data();
      const int64_t a = std::lower_bound(rd + rlo, rd + rhi, from) - rd;
      const int64_t b = std::upper_bound(rd + a, rd + rhi, to) - rd;
      for (int64_t k = a; k < b; ++k) r.returns += s.return_amount[k];
    }
  }

  const double S = static_cast<double>(r.customers_start);
  r.retention_defined = r.customers_start > 0;
  r.retention_rate = Percent(static_cast<double>(r.customers_end - r.new_customers), S);
  r.churn_rate = Percent(static_cast<double>(start_not_end), S);

  const double active = static_cast<double>(r.active_customers);
  const double revenue = static_cast<double>(r.revenue);
  r.repeat_purchase_rate = Percent(static_cast<double>(repeaters), active);
  r.purchase_frequency = Ratio(static_cast<double>(r.orders), active);
  r.average_order_value = Ratio(revenue, static_cast<double>(r.orders));
  r.revenue_per_customer = Ratio(revenue, active);
  r.existing_revenue_share = Percent(static_cast<double>(r.existing_revenue), revenue);
  r.return_rate = Percent(static_cast<double>(r.returns), revenue);

  // Top 20%: the ceil(active/5) largest revenues.
  const int64_t top = (r.active_customers + 4) / 5;
  if (top > 0) {
    std::nth_element(active_revenue.begin(), active_revenue.begin() + top - 1, active_revenue.end(),
                     std::greater<>());
    int64_t top_rev = 0;
    for (int64_t i = 0; i < top; ++i) top_rev += active_revenue[i];
    r.top20_revenue_share = Percent(static_cast<double>(top_rev), revenue);
  }
  std::sort(active_revenue.begin(), active_revenue.end());
  FillLorenz(active_revenue, r.revenue, r);

  r.budget = AdviseBudget(r.orders, has_period ? int64_t{to} - from + 1 : 0);
  return r;
}

}  // namespace retain::analytics
