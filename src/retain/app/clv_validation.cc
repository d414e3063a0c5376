#include "retain/app/clv_validation.h"

#include <algorithm>

#include "retain/analytics/bgnbd.h"
#include "retain/analytics/pareto_nbd.h"

namespace retain::app {
namespace {

double Param(const ClvFitResult& fit, const std::string& name) {
  for (const auto& [n, v] : fit.params) {
    if (n == name) return v;
  }
  return 0;
}

analytics::PurchaseForecaster Forecaster(const ClvFitResult& fit) {
  if (fit.model == "paretonbd") {
    const analytics::ParetoNbdParams p{Param(fit, "r"), Param(fit, "alpha"), Param(fit, "s"),
                                       Param(fit, "beta")};
    return {[p](double t, double x, double t_x, double T) {
              return analytics::ParetoNbdConditionalExpected(p, t, x, t_x, T);
            },
            [p](double t) { return analytics::ParetoNbdConditionalExpected(p, t, 0, 0, 0); }};
  }
  const analytics::BgNbdParams p{Param(fit, "r"), Param(fit, "alpha"), Param(fit, "a"),
                                 Param(fit, "b")};
  return {[p](double t, double x, double t_x, double T) {
            return analytics::BgNbdConditionalExpected(p, t, x, t_x, T);
          },
          [p](double t) { return analytics::BgNbdExpected(p, t); }};
}

}  // namespace

const std::vector<std::string>& ValidatableModelNames() {
  static const std::vector<std::string> names = {"bgnbd", "paretonbd"};
  return names;
}

core::Result<ClvValidateResult> RunClvValidate(const analytics::Snapshot& snapshot,
                                               const ClvValidateRequest& request) {
  const auto& names = ValidatableModelNames();
  if (std::find(names.begin(), names.end(), request.model) == names.end()) {
    return core::Err(core::InvalidArgument(
        "clv validate supports --model bgnbd or paretonbd (got '" + request.model + "')"));
  }
  if (request.calibration_end >= request.holdout_end) {
    return core::Err(core::InvalidArgument(
        "--holdout-end (" + core::FormatDay(request.holdout_end) +
        ") must be after --calibration-end (" + core::FormatDay(request.calibration_end) + ")"));
  }
  ClvFitRequest fit_request;
  fit_request.model = request.model;
  fit_request.calibration_end = request.calibration_end;
  fit_request.time_unit_days = request.time_unit_days;
  auto fit = RunClvFit(&snapshot, fit_request);
  if (!fit) return core::Err(fit.error());
  ClvValidateResult r;
  r.request = request;
  r.fit = std::move(*fit);
  if (!r.fit.converged) return r;
  r.report = analytics::ValidateHoldout(snapshot, request.calibration_end, request.holdout_end,
                                        request.time_unit_days, Forecaster(r.fit));
  return r;
}

nlohmann::ordered_json ClvValidateJson(const ClvValidateResult& r) {
  const auto& rep = r.report;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& c : rep.by_calibration_purchases) {
    rows.push_back({{"x", c.x},
                    {"and_more", c.and_more},
                    {"customers", c.customers},
                    {"actual", c.actual},
                    {"predicted", c.predicted}});
  }
  nlohmann::ordered_json tracking = nlohmann::ordered_json::array();
  for (const auto& t : rep.tracking) {
    tracking.push_back({{"week", t.week},
                        {"last_day", core::FormatDay(t.last_day)},
                        {"actual", t.actual},
                        {"predicted", t.predicted}});
  }
  return {{"model", r.request.model},
          {"calibration_end", core::FormatDay(r.request.calibration_end)},
          {"holdout_end", core::FormatDay(r.request.holdout_end)},
          {"time_unit", r.request.time_unit_days == 1 ? "day" : "week"},
          {"fit", ClvFitJson(r.fit)},
          {"customers", rep.customers},
          {"holdout_length", rep.holdout_length},
          {"actual_total", rep.actual_total},
          {"predicted_total", rep.predicted_total},
          {"mean_absolute_error", rep.mean_absolute_error},
          {"aggregate_error", rep.aggregate_error},
          {"conditional_expectations", rows},
          {"tracking", tracking}};
}

}  // namespace retain::app
