// The `clv score` use case: forecasts for every customer from the latest
// stored BG/NBD and Gamma-Gamma fits (`retain clv fit`), stored for later use.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/clv_score.h"
#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

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

// Scores every customer of `snapshot` with an order by as_of (in parallel),
// with the latest fits stored in `store` (kFailedPrecondition naming the
// command to run when one is missing; kInvalidArgument when the risk
// thresholds are out of order).
core::Result<ClvScoreReport> RunClvScore(storage::Store& store, const analytics::Snapshot& snapshot,
                                         const ClvScoreRequest& request);

// The report as stored: the run (scored now) and every customer's forecast.
struct ClvScoreBatch {
  storage::ClvScoreRun run;
  std::vector<storage::ClvScoreRecord> records;
};
ClvScoreBatch MakeClvScoreBatch(const ClvScoreReport& report);

// Inside an open write transaction: makes the batch the current forecasts
// (replacing all earlier ones); returns the run id. On error the caller must
// roll back, since earlier forecasts may be removed already.
core::Result<int64_t> ReplaceClvScores(storage::Store& store, const ClvScoreBatch& batch);

// Stores the report's forecasts as the current ones in a transaction of its
// own (for a store nobody else writes to); returns the run id.
core::Result<int64_t> SaveClvScores(storage::Store& store, const ClvScoreReport& report);

// The report's figures without the customers: {"as_of","horizon_months",
// "discount_monthly","existing_min_orders","existing_customers",
// "existing_clv_total","existing_clv_average"} (the keys of `clv score --json`)
// plus "customers_scored" and "by_risk":{"low","medium","high"}.
nlohmann::ordered_json ClvScoreSummaryJson(const ClvScoreReport& report);

// One customer's scores as `clv score --json` lists them.
nlohmann::ordered_json ScoredCustomerJson(const ScoredCustomer& c);

// A stored score run: {"run_id","scored_at","as_of","horizon_months",
// "discount_monthly","high_risk_below","medium_risk_below","bgnbd_model_id",
// "gammagamma_model_id"}.
nlohmann::ordered_json ClvScoreRunJson(const storage::ClvScoreRun& run);

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
