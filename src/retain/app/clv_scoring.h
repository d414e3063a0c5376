// The `clv score` use case: forecasts for every customer from the latest
// stored BG/NBD and Gamma-Gamma fits (`retain clv fit`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/clv_score.h"
#include "retain/app/analytics_session.h"

namespace retain::app {

struct ClvScoreRequest {
  std::optional<core::Day> as_of;   // default: the day of the latest order
  analytics::ScoreOptions options;  // horizon, discount, risk thresholds (time unit from the fit)
};

struct ScoredCustomer {
  std::string customer_id;
  int64_t orders = 0;  // purchase days up to as_of
  analytics::CustomerScore score;
};

struct ClvScoreReport {
  core::Day as_of = 0;
  analytics::ScoreOptions options;
  std::vector<ScoredCustomer> customers;  // snapshot order
  // Existing customers = at least 2 purchase days.
  int64_t existing_customers = 0;
  double existing_clv_total = 0, existing_clv_average = 0;  // currency units
  int64_t by_risk[3] = {0, 0, 0};                           // low, medium, high
};

// kFailedPrecondition naming the command to run when a model has not been fitted.
core::Result<ClvScoreReport> RunClvScore(AnalyticsSession& session, const ClvScoreRequest& request);

}  // namespace retain::app
