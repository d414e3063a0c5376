// The `clv fit` use case: fit a lifetime-value model to the imported
// transactions (or to a CSV of per-customer summaries) and store the fit.
//
// Models: bgnbd, paretonbd, mbgnbd (purchase counts), gammagamma (spend) and
// bgbb (discrete opportunities; summary file only). Time is measured in
// days / time_unit_days from distinct purchase days; Gamma-Gamma works on the
// mean repeat purchase value in currency units (minor units / 100).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

namespace retain::app {

struct ClvFitRequest {
  std::string model;                         // one of ClvModelNames()
  std::optional<core::Day> calibration_end;  // default: the day of the latest order
  double time_unit_days = 7;                 // 7 = weeks (default), 1 = days
  std::string summary_path;                  // CSV x,t_x,T[,m][,weight] instead of the data
};

struct ClvFitResult {
  std::string model;
  std::vector<std::pair<std::string, double>> params;      // in the model's documented order
  std::vector<std::pair<std::string, double>> std_errors;  // same names; NaN if not estimable
  double log_likelihood = 0;
  int64_t customers = 0;  // customers (sum of weights) the fit used
  int evaluations = 0;
  bool converged = false;
  std::string message;
  std::string source;           // "transactions" or the summary file
  std::string calibration_end;  // "" for a summary file
  std::string time_unit;        // "week" | "day" | "" (summary)
};

// The model names `clv fit` knows, for --help and errors.
const std::vector<std::string>& ClvModelNames();

// Fits the model to request.summary_path if set, else to the snapshot if
// given, else to the per-customer purchase summary `store` computes itself
// (one GROUP BY in the database: what PostgreSQL uses, so the orders never
// travel to this process). The two data paths give the same rows.
// kInvalidArgument for an unknown model or a bad summary file (file:line:column).
core::Result<ClvFitResult> RunClvFit(const analytics::Snapshot* snapshot,
                                     const ClvFitRequest& request, storage::Store* store = nullptr);

// {"model","params":{..},"log_likelihood","std_errors":{..},"customers","converged",...}.
nlohmann::ordered_json ClvFitJson(const ClvFitResult& r);

// Stores a fit with the current UTC time; returns the stored record's id.
core::Result<int64_t> SaveClvFit(storage::Store& store, const ClvFitResult& r);

}  // namespace retain::app
