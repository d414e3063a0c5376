// Cohort retention matrix by month of first purchase.
//
// A customer's cohort is the month (core::MonthIndex) of their first order.
// For cohort month m0 and offset k = 0 .. last_month - m0, cell k counts the
// cohort's customers with >= 1 order in month m0 + k; its percent is that count
// / cohort size * 100 (so k = 0 is always 100 %). last_month is the month of
// as_of, or of the last order in the snapshot when as_of is not given; orders
// after as_of are ignored (also for deciding the first order).
//
// Rows run over every month from the earliest cohort to last_month, so the
// matrix is a contiguous triangle; months without new customers are rows with
// size 0 and all cells 0.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

struct CohortOptions {
  // Last day taken into account (inclusive); nullopt = the snapshot's last order day.
  std::optional<core::Day> as_of;
};

struct CohortRow {
  int month = 0;                // cohort month (core::MonthIndex of the first order)
  int64_t size = 0;             // customers whose first order is in `month`
  std::vector<int64_t> active;  // active[k]: cohort customers ordering in month + k
  std::vector<double> percent;  // active[k] / size * 100; 0 when size == 0
};

struct CohortMatrix {
  int first_month = 0;          // month of the earliest cohort
  int last_month = -1;          // month of as_of; last_month < first_month when there are no rows
  std::vector<CohortRow> rows;  // rows[i].month == first_month + i; row i has
                                // last_month - month + 1 cells
};

// Builds the matrix in one pass over the orders. No orders up to as_of gives no rows.
CohortMatrix ComputeCohorts(const Snapshot& s, const CohortOptions& opts);

}  // namespace retain::analytics
