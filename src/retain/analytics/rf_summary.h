// RfSummary: the per-customer recency/frequency summary the BTYD models fit on.
//
// Same-day orders are one purchase. For a calibration period ending on day E
// and a time unit of u days, a customer whose first purchase day f is <= E has
//   x   = distinct purchase days in f..E minus 1 (repeat purchases),
//   t_x = (last purchase day in f..E - f) / u,
//   T   = (E - f) / u,
//   m   = mean value of the repeat purchase days (0 when x = 0).
// Customers are then compressed to unique (x, t_x, T) tuples with a weight, so
// a fit costs the number of distinct tuples, not customers.
#pragma once

#include <cstdint>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

struct RfCustomer {
  size_t customer = 0;  // snapshot customer index
  double x = 0, t_x = 0, T = 0;
  double monetary = 0;  // mean repeat purchase value, minor units
};

struct RfTuple {
  double x = 0, t_x = 0, T = 0;
  double weight = 1;  // number of customers with this tuple
};

// One pass over the snapshot; customers without a purchase by
// `calibration_end` are left out. time_unit_days is 7 for weeks, 1 for days.
std::vector<RfCustomer> BuildRfSummary(const Snapshot& s, core::Day calibration_end,
                                       double time_unit_days);

// Unique (x, t_x, T) tuples with their counts, sorted.
std::vector<RfTuple> CompressRf(const std::vector<RfCustomer>& customers);

}  // namespace retain::analytics
