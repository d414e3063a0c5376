// The `clv score` use case: forecasts for every customer from the latest
// stored BG/NBD and Gamma-Gamma fits (`retain clv fit`), stored for later use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/clv_score.h"
#include "retain/app/analytics_session.h"

namespace retain::app {

// The latest stored fits of the imported orders that scoring uses.
struct ClvModels {
  analytics::BgNbdParams purchases;
  analytics::GammaGammaParams spend;  // currency units
  double time_unit_days = 7;          // of the purchase model's fit
  int64_t purchases_id = 0, spend_id = 0;
};

// kFailedPrecondition naming the command to run when a model has not been fitted.
core::Result<ClvModels> LoadLatestClvModels(storage::Store& store);

struct ClvScoreRequest {
  std::optional<core::Day> as_of;   // default: the day of the latest order
  analytics::ScoreOptions options;  // horizon, discount, risk thresholds (time unit from the fit)
  int existing_min_orders = 2;      // existing customer = at least this many orders by as_of
};

struct ScoredCustomer {
  std::string customer_id;
  int64_t orders = 0;  // orders up to as_of
  analytics::CustomerScore score;
};

struct ClvScoreReport {
  core::Day as_of = 0;
  analytics::ScoreOptions options;
  int existing_min_orders = 2;
  ClvModels models;
  std::vector<ScoredCustomer> customers;  // snapshot order; those with an order by as_of
  int64_t existing_customers = 0;
  double existing_clv_total = 0, existing_clv_average = 0;  // currency units
  int64_t by_risk[3] = {0, 0, 0};                           // low, medium, high
};

// Scores every customer with an order by as_of (in parallel).
core::Result<ClvScoreReport> RunClvScore(AnalyticsSession& session, const ClvScoreRequest& request);

// Stores the report's forecasts as the current ones (replacing all earlier
// forecasts, in one transaction); returns the run id.
core::Result<int64_t> SaveClvScores(storage::Store& store, const ClvScoreReport& report);

// Predicted CLV of a group of customers.
struct ClvTotals {
  analytics::ScoreOptions options;  // horizon and discount used
  int64_t customers = 0;
  double total = 0, average = 0;  // currency units
};

// Predicted CLV (default ScoreOptions horizon and discount) as of `as_of` of
// the existing customers counted at as_of: at least `existing_min_orders`
// orders by as_of and one in the `window_days` days up to it (the KPI report's
// definition).
ClvTotals ExistingCustomerClv(const analytics::Snapshot& snapshot, const ClvModels& models,
                              core::Day as_of, int window_days, int existing_min_orders);

}  // namespace retain::app
