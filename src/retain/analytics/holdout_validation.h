// Calibration/holdout validation of a purchase-count model (BG/NBD,
// Pareto/NBD): fit on the purchases up to the calibration end, then compare
// the forecast with what the customers really did up to the holdout end.
//
// Customers are those with a first purchase by the calibration end; purchases
// are distinct purchase days (same-day orders are one purchase), repeat
// purchases are all but the first. The report holds
//  - per customer: predicted (conditional expectation over the holdout
//    length) and actual repeat purchases in the holdout, summed up as the
//    mean absolute error and the aggregate error;
//  - the weekly cumulative tracking series: repeat purchases of all those
//    customers from the first purchase day on, actual and predicted (the
//    sum over customers of the model's expected repeat purchases in the
//    (last day of the week - first purchase day) / time unit since their
//    first purchase);
//  - the "conditional expectations" table: mean predicted and actual holdout
//    purchases by number of repeat purchases in the calibration period.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

// A fitted model's forecasts, in model time units. Both must be thread-safe.
struct PurchaseForecaster {
  // Expected purchases in (T, T + t] given the history (x, t_x, T).
  std::function<double(double t, double x, double t_x, double T)> conditional;
  // Expected repeat purchases in (0, t] of a customer who just made the first.
  std::function<double(double t)> unconditional;
};

struct TrackingWeek {
  int week = 0;            // 1-based
  core::Day last_day = 0;  // the week's last day (the holdout end for a short last week)
  double actual = 0;       // cumulative repeat purchases up to and including last_day
  double predicted = 0;
};

struct ConditionalRow {
  int x = 0;  // calibration repeat purchases; the last row holds x >= this
  bool and_more = false;
  int64_t customers = 0;
  double actual = 0, predicted = 0;  // mean holdout purchases per customer
};

struct HoldoutReport {
  int64_t customers = 0;
  double holdout_length = 0;  // in model time units
  double actual_total = 0, predicted_total = 0;
  double mean_absolute_error = 0;  // per customer
  double aggregate_error = 0;  // (predicted_total - actual_total) / actual_total; 0 if no actual
  std::vector<TrackingWeek> tracking;
  std::vector<ConditionalRow> by_calibration_purchases;
  std::vector<double> actual, predicted;  // per customer, in BuildRfSummary's order
};

// calibration_end < holdout_end; `max_x` is the first x of the "x and more" row.
HoldoutReport ValidateHoldout(const Snapshot& s, core::Day calibration_end, core::Day holdout_end,
                              double time_unit_days, const PurchaseForecaster& model,
                              int max_x = 7);

}  // namespace retain::analytics
