#include "retain/analytics/lifecycle.h"

#include <algorithm>
#include <vector>

namespace retain::analytics {

std::string_view LifecycleStageName(LifecycleStage stage) {
  switch (stage) {
    case LifecycleStage::kNew:
      return "new";
    case LifecycleStage::kActive:
      return "active";
    case LifecycleStage::kAtRisk:
      return "at_risk";
    case LifecycleStage::kLapsed:
      return "lapsed";
    case LifecycleStage::kChurned:
      return "churned";
    case LifecycleStage::kReactivated:
      return "reactivated";
  }
  return "?";
}

std::optional<LifecycleStage> ClassifyLifecycle(std::span<const core::Day> order_days,
                                                core::Day as_of, const LifecycleOptions& opts) {
  const auto end = std::upper_bound(order_days.begin(), order_days.end(), as_of);
  if (end == order_days.begin()) return std::nullopt;
  // Distinct purchase days: count, first, last and the one before the last.
  int64_t n = 0;
  core::Day prev_day = 0, last = 0;
  for (auto it = order_days.begin(); it != end; ++it) {
    if (n == 0 || *it != last) {
      prev_day = last;
      last = *it;
      ++n;
    }
  }
  const core::Day first = order_days.front();
  const double d = static_cast<double>(as_of - last);
  const auto floor_gap = [&](double g) { return std::max(g, opts.min_gap_days); };
  const double g = floor_gap(n >= 2 ? static_cast<double>(last - first) / static_cast<double>(n - 1)
                                    : opts.default_gap_days);
  const bool recent = d <= opts.active_multiple * g;
  if (n >= 2) {
    const double g_prior =
        floor_gap(n >= 3 ? static_cast<double>(prev_day - first) / static_cast<double>(n - 2)
                         : opts.default_gap_days);
    if (static_cast<double>(last - prev_day) > opts.churn_multiple * g_prior && recent) {
      return LifecycleStage::kReactivated;
    }
  }
  if (recent) return n == 1 ? LifecycleStage::kNew : LifecycleStage::kActive;
  if (d <= opts.at_risk_multiple * g) return LifecycleStage::kAtRisk;
  if (d <= opts.churn_multiple * g) return LifecycleStage::kLapsed;
  return LifecycleStage::kChurned;
}

std::optional<double> MedianInterPurchaseGap(const Snapshot& s, core::Day as_of) {
  // Histogram of gaps: they are bounded by the span of order days.
  std::vector<int64_t> histogram;
  int64_t total = 0;
  for (size_t c = 0; c < s.customers(); ++c) {
    const int64_t lo = s.order_offsets[c], hi = s.order_offsets[c + 1];
    for (int64_t k = lo + 1; k < hi && s.order_day[k] <= as_of; ++k) {
      const int64_t gap = s.order_day[k] - s.order_day[k - 1];
      if (gap <= 0) continue;
      if (static_cast<size_t>(gap) >= histogram.size()) histogram.resize(gap + 1, 0);
      ++histogram[gap];
      ++total;
    }
  }
  if (total == 0) return std::nullopt;
  // 0-based positions of the middle gap(s).
  const int64_t lo_pos = (total - 1) / 2, hi_pos = total / 2;
  std::optional<int64_t> lo_gap;
  int64_t seen = 0;
  for (size_t gap = 0; gap < histogram.size(); ++gap) {
    seen += histogram[gap];
    if (!lo_gap && seen > lo_pos) lo_gap = static_cast<int64_t>(gap);
    if (seen > hi_pos) return (static_cast<double>(*lo_gap) + static_cast<double>(gap)) / 2.0;
  }
  return std::nullopt;  // unreachable
}

LifecycleCounts CountLifecycleStages(const Snapshot& s, core::Day as_of,
                                     const LifecycleOptions& opts) {
  LifecycleCounts out;
  for (size_t c = 0; c < s.customers(); ++c) {
    const std::span<const core::Day> days(s.order_day.data() + s.order_offsets[c],
                                          static_cast<size_t>(s.OrderCount(c)));
    const std::optional<LifecycleStage> stage = ClassifyLifecycle(days, as_of, opts);
    if (stage) {
      ++out.by_stage[static_cast<int>(*stage)];
    } else {
      ++out.without_orders;
    }
  }
  return out;
}

}  // namespace retain::analytics
