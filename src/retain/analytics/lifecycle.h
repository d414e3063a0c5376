// Lifecycle stage of a customer, judged against their OWN purchase rhythm.
//
// Only orders on or before as_of count, and the rhythm is measured in distinct
// purchase days (several orders on one day are one purchase). With n distinct
// purchase days p_1 < ... < p_n and d = as_of - p_n (days since last purchase):
//   g       = (p_n - p_1) / (n - 1) when n >= 2, else default_gap_days
//   g_prior = (p_{n-1} - p_1) / (n - 2) when n >= 3, else default_gap_days
// both raised to at least min_gap_days. Then, first match wins:
//   1. n >= 2, p_n - p_{n-1} > churn_multiple * g_prior and
//      d <= active_multiple * g                            -> reactivated
//   2. n == 1 and d <= active_multiple * g                  -> new
//   3. d <= active_multiple * g                             -> active
//   4. d <= at_risk_multiple * g                            -> at_risk
//   5. d <= churn_multiple * g                              -> lapsed
//   6. otherwise                                            -> churned
// So a customer is reactivated when they came back after a pause long enough
// that they would have been called churned, until d exceeds active_multiple * g.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics {

enum class LifecycleStage { kNew, kActive, kAtRisk, kLapsed, kChurned, kReactivated };
inline constexpr int kLifecycleStageCount = 6;

// "new", "active", "at_risk", "lapsed", "churned", "reactivated".
std::string_view LifecycleStageName(LifecycleStage stage);

struct LifecycleOptions {
  // Expected gap (days) for customers with a single purchase day; typically the
  // population's MedianInterPurchaseGap. Raised to min_gap_days.
  double default_gap_days = 30;
  // Lower bound (days) on every expected gap, so two orders on consecutive days
  // do not make a customer churned a week later.
  double min_gap_days = 14;
  double active_multiple = 1.5;  // d <= this * g: active (or new / reactivated)
  double at_risk_multiple = 3;   // d <= this * g: at_risk
  double churn_multiple = 6;     // d <= this * g: lapsed; above: churned. Also the
                                 // pause (in g_prior) that makes a return a reactivation
};

// Stage of one customer from their order days (ascending; days after as_of are
// ignored). nullopt when there is no order on or before as_of.
std::optional<LifecycleStage> ClassifyLifecycle(std::span<const core::Day> order_days,
                                                core::Day as_of, const LifecycleOptions& opts);

// Median gap (days) between consecutive distinct purchase days of the same
// customer, over all customers and orders on or before as_of; the mean of the
// two middle gaps when their number is even. nullopt when nobody has two
// purchase days.
std::optional<double> MedianInterPurchaseGap(const Snapshot& s, core::Day as_of);

struct LifecycleCounts {
  std::array<int64_t, kLifecycleStageCount> by_stage{};  // indexed by LifecycleStage
  int64_t without_orders = 0;  // customers with no order on or before as_of
};

// ClassifyLifecycle for every customer of the snapshot, counted per stage.
LifecycleCounts CountLifecycleStages(const Snapshot& s, core::Day as_of,
                                     const LifecycleOptions& opts);

}  // namespace retain::analytics
