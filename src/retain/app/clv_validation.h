// The `clv validate` use case: fit a purchase-count model on the orders up to
// the calibration end and compare its forecast with the holdout period
// (see analytics/holdout_validation.h for what is compared).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "retain/analytics/holdout_validation.h"
#include "retain/app/clv_fit.h"

namespace retain::app {

struct ClvValidateRequest {
  std::string model = "bgnbd";  // bgnbd | paretonbd
  core::Day calibration_end = 0;
  core::Day holdout_end = 0;  // after calibration_end
  double time_unit_days = 7;  // 7 = weeks, 1 = days
};

struct ClvValidateResult {
  ClvValidateRequest request;
  ClvFitResult fit;  // the calibration fit (not stored)
  analytics::HoldoutReport report;
};

// The models `clv validate` knows.
const std::vector<std::string>& ValidatableModelNames();

// kInvalidArgument for another model or calibration_end >= holdout_end;
// kFailedPrecondition when nobody bought by the calibration end. A fit that
// does not converge is returned with fit.converged = false and no report.
core::Result<ClvValidateResult> RunClvValidate(const analytics::Snapshot& snapshot,
                                               const ClvValidateRequest& request);

// {"model","calibration_end","holdout_end","time_unit","fit":{...},"customers",
//  "holdout_length","actual_total","predicted_total","mean_absolute_error",
//  "aggregate_error","conditional_expectations":[...],"tracking":[...]}.
nlohmann::ordered_json ClvValidateJson(const ClvValidateResult& r);

}  // namespace retain::app
