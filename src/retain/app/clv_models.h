// Stored lifetime-value fits: fitting several models of the imported orders
// at once and reading back the latest fit of each (what `retain clv fit`
// stores and `retain clv score` uses).
//
//   auto fits = FitClvModels(snapshot, ScoringModelNames(), request);   // slow, no store
//   ... inside a write transaction: SaveClvFits(store, *fits) ...
//   auto latest = LatestClvFits(store, {"bgnbd"});
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "retain/app/clv_fit.h"

namespace retain::app {

// A fit as stored, with its record id and when it was stored.
struct StoredClvFit {
  int64_t id = 0;
  std::string model;
  std::string fitted_at;       // ISO 8601 UTC
  nlohmann::ordered_json fit;  // ClvFitJson of the fit
};

// The models `clv score` needs: "bgnbd" (purchases) and "gammagamma" (spend).
const std::vector<std::string>& ScoringModelNames();

// Fits each of `models` to the snapshot's orders with the request's
// calibration end and time unit (request.model and summary_path are
// ignored). kInvalidArgument for an unknown model or one that needs a summary
// file (bgbb); kFailedPrecondition when there is nothing to fit. A fit that
// does not converge is returned with converged = false.
core::Result<std::vector<ClvFitResult>> FitClvModels(const analytics::Snapshot& snapshot,
                                                     const std::vector<std::string>& models,
                                                     const ClvFitRequest& request);

// Stores the fits (inside the caller's write transaction, or each on its
// own) with the current UTC time; returns them as stored, in order.
core::Result<std::vector<StoredClvFit>> SaveClvFits(storage::Store& store,
                                                    const std::vector<ClvFitResult>& fits);

// The latest stored fit of each of `models` that has one, in that order
// (none stored: an empty list). kInvalidArgument for an unknown model name;
// kInternal when a stored fit is unreadable.
core::Result<std::vector<StoredClvFit>> LatestClvFits(storage::Store& store,
                                                      const std::vector<std::string>& models);

// The fit's keys (see ClvFitJson) followed by "id" and "fitted_at".
nlohmann::ordered_json StoredClvFitJson(const StoredClvFit& f);

}  // namespace retain::app
