// How the predicted lifetime values of a score run are spread: totals,
// percentiles, a histogram and the split by churn-risk band (the dashboard's
// forecast page).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/storage/store.h"

namespace retain::app {

struct ClvBin {
  int64_t from = 0;           // minor units, inclusive
  std::optional<int64_t> to;  // exclusive; none for the last, open-ended bin
  int64_t customers = 0;
  int64_t clv = 0;  // sum of their CLV, minor units
};

struct ClvRiskShare {
  std::string risk;  // "low" | "medium" | "high"
  int64_t customers = 0;
  int64_t clv = 0;
};

// One customer's forecast as far as the distribution needs it.
struct ClvValue {
  int64_t clv = 0;   // minor units
  std::string risk;  // the band stored with the forecast
};

struct ClvDistribution {
  int64_t customers = 0;
  int64_t total = 0, mean = 0, median = 0, p90 = 0, p99 = 0;  // minor units
  std::vector<ClvBin> bins;
  std::vector<ClvRiskShare> by_risk;  // low, medium, high
};

// The distribution of the forecasts' CLV. Percentiles are nearest-rank
// (the value at position ceil(p/100 * n) in ascending order); the median is
// the middle value (the mean of the two middle ones, rounded, for even n);
// the mean is rounded. Histogram: `bins` (1..100) bins, the first bins-1 of
// equal whole-cent width ceil(p99 / (bins-1)) (at least 1) from 0, the last
// one open-ended from there, holding the rest (so the top percent or so);
// a value below 0 counts in the first bin. Risk bands other than low,
// medium and high are in no band's figures. All zero without forecasts.
ClvDistribution ComputeClvDistribution(const std::vector<ClvValue>& forecasts, int bins);

// {"run_id","as_of","customers","total","mean","median","p90","bins":[{"from",
//  "to","customers","clv"}],"by_risk":[{"risk","customers","clv"}]} (minor units).
nlohmann::ordered_json ClvDistributionJson(const storage::ClvScoreRun& run,
                                           const ClvDistribution& d);

}  // namespace retain::app
