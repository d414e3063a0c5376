#include "retain/analytics/holdout_validation.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "retain/analytics/distinct_index.h"
#include "retain/analytics/rf_summary.h"
#include "retain/core/parallel.h"

namespace retain::analytics {
namespace {

double Finite(double v) { return std::isfinite(v) ? v : 0.0; }

struct RfKey {
  double x, t_x, T;
  bool operator==(const RfKey&) const = default;
};

struct RfKeyHash {
  size_t operator()(const RfKey& k) const {
    uint64_t a, b, c;
    std::memcpy(&a, &k.x, sizeof a);
    std::memcpy(&b, &k.t_x, sizeof b);
    std::memcpy(&c, &k.T, sizeof c);
    return std::hash<uint64_t>{}((a * 0x9E3779B97F4A7C15ULL ^ b) * 0xC2B2AE3D27D4EB4FULL ^ c);
  }
};

}  // namespace

HoldoutReport ValidateHoldout(const Snapshot& s, core::Day calibration_end, core::Day holdout_end,
                              double time_unit_days, const PurchaseForecaster& model, int max_x) {
  HoldoutReport rep;
  const auto summary = BuildRfSummary(s, calibration_end, time_unit_days);
  const size_t n = summary.size();
  rep.customers = static_cast<int64_t>(n);
  rep.holdout_length = (holdout_end - calibration_end) / time_unit_days;
  rep.actual.assign(n, 0);
  rep.predicted.assign(n, 0);
  if (n == 0) return rep;

  // First purchase days (for the tracking forecast) and all repeat purchase days.
  // FirstOrderDay scans all customers: once, not per purchase.
  const core::Day origin = s.FirstOrderDay();
  core::Day start = holdout_end;
  std::map<core::Day, int64_t> first_days;
  std::vector<int64_t> repeats_on(static_cast<size_t>(holdout_end - origin + 1), 0);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = summary[i].customer;
    const int64_t begin = s.order_offsets[c], end = s.order_offsets[c + 1];
    const core::Day first = s.order_day[begin];
    start = std::min(start, first);
    ++first_days[first];
    core::Day previous = first;
    for (int64_t k = begin; k < end && s.order_day[k] <= holdout_end; ++k) {
      const core::Day d = s.order_day[k];
      if (d == previous) continue;
      previous = d;
      ++repeats_on[d - origin];
      if (d > calibration_end) rep.actual[i] += 1;
    }
  }

  // The conditional expectation once per distinct (x, t_x, T).
  const DistinctIndex<RfKey> tuples = IndexDistinct<RfKey, RfKeyHash>(n, [&](size_t i) {
    return RfKey{summary[i].x, summary[i].t_x, summary[i].T};
  });
  std::vector<double> expected(tuples.values.size());
  core::ParallelFor(
      tuples.values.size(),
      [&](size_t begin, size_t end) {
        for (size_t k = begin; k < end; ++k) {
          const RfKey& c = tuples.values[k];
          expected[k] = Finite(model.conditional(rep.holdout_length, c.x, c.t_x, c.T));
        }
      },
      64);
  for (size_t i = 0; i < n; ++i) rep.predicted[i] = expected[tuples.index[i]];
  double abs_error = 0;
  for (size_t i = 0; i < n; ++i) {
    rep.actual_total += rep.actual[i];
    rep.predicted_total += rep.predicted[i];
    abs_error += std::fabs(rep.predicted[i] - rep.actual[i]);
  }
  rep.mean_absolute_error = abs_error / static_cast<double>(n);
  if (rep.actual_total > 0) {
    rep.aggregate_error = (rep.predicted_total - rep.actual_total) / rep.actual_total;
  }

  // Conditional expectations by calibration repeat purchases.
  rep.by_calibration_purchases.resize(static_cast<size_t>(max_x) + 1);
  for (int x = 0; x <= max_x; ++x) {
    rep.by_calibration_purchases[x].x = x;
    rep.by_calibration_purchases[x].and_more = x == max_x;
  }
  for (size_t i = 0; i < n; ++i) {
    auto& row = rep.by_calibration_purchases[std::min<size_t>(max_x, summary[i].x)];
    ++row.customers;
    row.actual += rep.actual[i];
    row.predicted += rep.predicted[i];
  }
  for (auto& row : rep.by_calibration_purchases) {
    if (row.customers > 0) {
      row.actual /= static_cast<double>(row.customers);
      row.predicted /= static_cast<double>(row.customers);
    }
  }

  // Weekly cumulative tracking from the first purchase day to the holdout end.
  const int weeks = static_cast<int>((holdout_end - start) / 7 + 1);
  rep.tracking.resize(weeks);
  const std::vector<std::pair<core::Day, int64_t>> cohorts(first_days.begin(), first_days.end());
  // The unconditional expectation once per number of days since the first
  // purchase (0 .. holdout_end - start), not per cohort and week.
  std::vector<double> unconditional(static_cast<size_t>(holdout_end - start + 1));
  core::ParallelFor(
      unconditional.size(),
      [&](size_t begin, size_t end) {
        for (size_t d = begin; d < end; ++d) {
          unconditional[d] = Finite(model.unconditional(static_cast<double>(d) / time_unit_days));
        }
      },
      16);
  core::ParallelFor(
      static_cast<size_t>(weeks),
      [&](size_t begin, size_t end) {
        for (size_t w = begin; w < end; ++w) {
          TrackingWeek& t = rep.tracking[w];
          t.week = static_cast<int>(w) + 1;
          t.last_day = std::min<core::Day>(holdout_end, start + 7 * t.week - 1);
          for (const auto& [first, count] : cohorts) {
            if (first > t.last_day) break;
            // Time is measured between purchase days, as t_x and T are.
            t.predicted += count * unconditional[t.last_day - first];
          }
        }
      },
      1);
  double cumulative = 0;
  core::Day day = origin;
  for (auto& t : rep.tracking) {
    for (; day <= t.last_day; ++day) cumulative += repeats_on[day - origin];
    t.actual = cumulative;
  }
  return rep;
}

}  // namespace retain::analytics
