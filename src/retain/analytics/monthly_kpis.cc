#include "retain/analytics/monthly_kpis.h"

#include <algorithm>

#include "retain/core/parallel.h"

namespace retain::analytics {

core::Day FirstDayOfMonth(int month_index) {
  return core::DayFromCivil(month_index / 12, month_index % 12 + 1, 1);
}

core::Day LastDayOfMonth(int month_index) { return FirstDayOfMonth(month_index + 1) - 1; }

std::vector<MonthKpis> ComputeMonthlyKpis(const Snapshot& s, int first_month, int last_month,
                                          int window_days, int existing_min_orders) {
  std::vector<MonthKpis> months;
  for (int m = first_month; m <= last_month; ++m) {
    MonthKpis k;
    k.month_index = m;
    k.from = FirstDayOfMonth(m);
    k.to = LastDayOfMonth(m);
    months.push_back(k);
  }
  if (months.empty()) return months;
  const int64_t w = std::max(window_days, 1);
  const int64_t min_orders = std::max(existing_min_orders, 1);
  const core::Day first_from = months.front().from, last_to = months.back().to;
  const core::Day* days = s.order_day.data();

  // Each slice of customers adds into its own copy; the copies are summed after.
  const core::Slices slices = core::SliceRange(s.customers());
  std::vector<std::vector<MonthKpis>> parts(slices.count, months);
  core::ParallelForSlices(s.customers(), [&](size_t slice, size_t begin, size_t end) {
    std::vector<MonthKpis>& out = parts[slice];
    for (size_t c = begin; c < end; ++c) {
      const int64_t lo = s.order_offsets[c], hi = s.order_offsets[c + 1];
      // Nobody is counted, new or active in any month without an order in
      // first_from-w .. last_to.
      if (lo == hi || days[hi - 1] < first_from - w || days[lo] > last_to) continue;
      // A customer is counted at D when their latest order up to D lies in
      // D-w+1..D (kpi.h); `first` is the first order of the month, `upto`
      // the first after it.
      int64_t first = std::lower_bound(days + lo, days + hi, first_from) - days;
      for (MonthKpis& k : out) {
        const int64_t upto = std::upper_bound(days + first, days + hi, k.to) - days;
        const bool at_start = first > lo && days[first - 1] >= k.from - w;
        const bool at_end = upto > lo && days[upto - 1] >= k.to - w + 1;
        k.customers_start += at_start;
        k.customers_end += at_end;
        k.start_not_end += at_start && !at_end;
        k.new_customers += days[lo] >= k.from && days[lo] <= k.to;
        k.existing_customers += upto - lo >= min_orders && at_end;
        if (first < upto) {
          for (int64_t j = first; j < upto; ++j) {
            k.revenue += s.order_amount[j];
            if (j - lo + 1 >= min_orders) k.existing_revenue += s.order_amount[j];
          }
          ++k.active_customers;
          k.orders += upto - first;
          k.repeaters += upto - lo >= 2;
        }
        first = upto;
      }
    }
  });
  for (const auto& part : parts) {
    for (size_t i = 0; i < months.size(); ++i) {
      MonthKpis& k = months[i];
      const MonthKpis& p = part[i];
      k.customers_start += p.customers_start;
      k.customers_end += p.customers_end;
      k.start_not_end += p.start_not_end;
      k.new_customers += p.new_customers;
      k.existing_customers += p.existing_customers;
      k.active_customers += p.active_customers;
      k.orders += p.orders;
      k.revenue += p.revenue;
      k.existing_revenue += p.existing_revenue;
      k.repeaters += p.repeaters;
    }
  }
  return months;
}

}  // namespace retain::analytics
