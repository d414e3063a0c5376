#include "retain/app/clv_distribution.h"

#include <algorithm>
#include <cmath>

namespace retain::app {

ClvDistribution ComputeClvDistribution(const std::vector<ClvValue>& forecasts, int bins) {
  bins = std::clamp(bins, 1, 100);
  ClvDistribution d;
  for (const char* band : {"low", "medium", "high"}) d.by_risk.push_back({band, 0, 0});
  std::vector<int64_t> values;
  values.reserve(forecasts.size());
  for (const auto& f : forecasts) {
    values.push_back(f.clv);
    d.total += f.clv;
    for (auto& r : d.by_risk) {
      if (r.risk == f.risk) {
        ++r.customers;
        r.clv += f.clv;
      }
    }
  }
  const int64_t n = static_cast<int64_t>(values.size());
  d.customers = n;
  std::sort(values.begin(), values.end());
  auto rank = [&](int64_t percent) { return values[(percent * n + 99) / 100 - 1]; };
  if (n > 0) {
    d.mean = std::llround(static_cast<double>(d.total) / static_cast<double>(n));
    d.median = n % 2 ? values[n / 2]
                     : std::llround((static_cast<double>(values[n / 2 - 1]) +
                                     static_cast<double>(values[n / 2])) /
                                    2.0);
    d.p90 = rank(90);
    d.p99 = rank(99);
  }
  const int64_t width =
      bins == 1 ? 0 : std::max<int64_t>(1, (std::max<int64_t>(d.p99, 0) + bins - 2) / (bins - 1));
  for (int i = 0; i < bins; ++i) {
    ClvBin b;
    b.from = i * width;
    if (i + 1 < bins) b.to = (i + 1) * width;
    d.bins.push_back(b);
  }
  for (int64_t v : values) {
    const int64_t i = v <= 0 || width == 0 ? 0 : std::min<int64_t>(bins - 1, v / width);
    ++d.bins[i].customers;
    d.bins[i].clv += v;
  }
  return d;
}

nlohmann::ordered_json ClvDistributionJson(const storage::ClvScoreRun& run,
                                           const ClvDistribution& d) {
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const auto& b : d.bins) {
    bins.push_back({{"from", b.from},
                    {"to", b.to ? nlohmann::ordered_json(*b.to) : nlohmann::ordered_json(nullptr)},
                    {"customers", b.customers},
                    {"clv", b.clv}});
  }
  nlohmann::ordered_json risks = nlohmann::ordered_json::array();
  for (const auto& r : d.by_risk) {
    risks.push_back({{"risk", r.risk}, {"customers", r.customers}, {"clv", r.clv}});
  }
  return {{"run_id", run.id},
          {"as_of", core::FormatDay(run.as_of)},
          {"customers", d.customers},
          {"total", d.total},
          {"mean", d.mean},
          {"median", d.median},
          {"p90", d.p90},
          {"bins", bins},
          {"by_risk", risks}};
}

}  // namespace retain::app
