#include "retain/analytics/cohorts.h"

#include <algorithm>

namespace retain::analytics {
namespace {

// First day of the month after month index m (core::MonthIndex).
core::Day NextMonthStart(int m) { return core::DayFromCivil((m + 1) / 12, (m + 1) % 12 + 1, 1); }

}  // namespace

CohortMatrix ComputeCohorts(const Snapshot& s, const CohortOptions& opts) {
  CohortMatrix out;
  const core::Day as_of = opts.as_of ? *opts.as_of : s.LastOrderDay();
  const core::Day* days = s.order_day.data();

  // First pass: the earliest first-order day (orders up to as_of only).
  bool any = false;
  core::Day earliest = 0;
  for (size_t c = 0; c < s.customers(); ++c) {
    const int64_t lo = s.order_offsets[c];
    if (lo == s.order_offsets[c + 1] || days[lo] > as_of) continue;
    earliest = any ? std::min(earliest, days[lo]) : days[lo];
    any = true;
  }
  if (!any) return out;
  out.first_month = core::MonthIndex(earliest);
  out.last_month = core::MonthIndex(as_of);
  const int nrows = out.last_month - out.first_month + 1;
  out.rows.resize(nrows);
  for (int i = 0; i < nrows; ++i) {
    out.rows[i].month = out.first_month + i;
    out.rows[i].active.assign(nrows - i, 0);
  }

  for (size_t c = 0; c < s.customers(); ++c) {
    const int64_t lo = s.order_offsets[c], hi = s.order_offsets[c + 1];
    if (lo == hi || days[lo] > as_of) continue;
    const int m0 = core::MonthIndex(days[lo]);
    CohortRow& row = out.rows[m0 - out.first_month];
    ++row.size;
    // Days ascend, so months do too: count each month once. The month index is
    // recomputed only when a day passes the end of the current month.
    core::Day next_month_start = NextMonthStart(m0);
    ++row.active[0];
    for (int64_t k = lo + 1; k < hi && days[k] <= as_of; ++k) {
      if (days[k] < next_month_start) continue;
      const int month = core::MonthIndex(days[k]);
      next_month_start = NextMonthStart(month);
      ++row.active[month - m0];
    }
  }

  for (CohortRow& row : out.rows) {
    row.percent.assign(row.active.size(), 0.0);
    if (row.size == 0) continue;
    for (size_t k = 0; k < row.active.size(); ++k) {
      row.percent[k] = static_cast<double>(row.active[k]) / static_cast<double>(row.size) * 100.0;
    }
  }
  return out;
}

}  // namespace retain::analytics
