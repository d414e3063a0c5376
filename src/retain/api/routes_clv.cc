// /api/v1/clv: fit the lifetime-value models, score every customer, and read
// the latest stored fits and score run. Options and JSON keys are those of
// `retain clv fit|score|validate --json` (flags spelt with underscores).
// Also the spread of the stored forecasts (/api/v1/clv/distribution).
#include <fmt/format.h>

#include <set>
#include <type_traits>

#include "retain/api/answer_cache.h"
#include "retain/api/current_data.h"
#include "retain/api/routes.h"
#include "retain/api/write_call.h"
#include "retain/app/clv_distribution.h"
#include "retain/app/clv_models.h"
#include "retain/app/clv_scoring.h"
#include "retain/app/clv_validation.h"
#include "retain/core/date.h"

namespace retain::api {
namespace {

using nlohmann::json;

// The options object of a POST body ({} when the body is empty), with only
// the `known` keys.
std::expected<json, Reply> Options(Call& call, const std::set<std::string>& known) {
  if (call.Body().empty()) return json::object();
  auto body = call.JsonObject();
  if (!body) return std::unexpected(Fail(body.error()));
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (!known.count(it.key())) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return std::unexpected(Fail(InvalidField(it.key(), "is not a known field (" + list + ")")));
    }
  }
  return *body;
}

// Reads body[name] into `out` when present: a number within [min, max].
template <typename T>
std::optional<Reply> ReadNumber(const json& body, const char* name, double min, double max,
                                T& out) {
  if (!body.contains(name)) return std::nullopt;
  const auto& v = body[name];
  const bool whole = std::is_integral_v<T>;
  if (!(whole ? v.is_number_integer() : v.is_number()) || v.get<double>() < min ||
      v.get<double>() > max) {
    return Fail(InvalidField(
        name, std::string(whole ? "must be a whole number" : "must be a number") + " from " +
                  fmt::format("{}", min) + " to " + fmt::format("{}", max)));
  }
  out = v.get<T>();
  return std::nullopt;
}

// Reads body[name] as a day when present.
std::optional<Reply> ReadDay(const json& body, const char* name, std::optional<core::Day>& out) {
  if (!body.contains(name)) return std::nullopt;
  if (!body[name].is_string()) return Fail(InvalidField(name, "must be a date (YYYY-MM-DD)"));
  auto d = core::ParseDate(body[name].get<std::string>());
  if (!d) return FailField(name, d.error());
  out = *d;
  return std::nullopt;
}

// The models a fit request names: "model" (one) or "models" (a list);
// default bgnbd and gammagamma, what scoring needs.
std::expected<std::vector<std::string>, Reply> RequestedModels(const json& body) {
  if (body.contains("model") && body.contains("models")) {
    return std::unexpected(Fail(InvalidField("models", "give either model or models")));
  }
  if (body.contains("model")) {
    if (!body["model"].is_string()) {
      return std::unexpected(Fail(InvalidField("model", "must be a string")));
    }
    return std::vector<std::string>{body["model"].get<std::string>()};
  }
  if (!body.contains("models")) return app::ScoringModelNames();
  const auto& list = body["models"];
  std::vector<std::string> out;
  if (list.is_array()) {
    for (const auto& m : list) {
      if (!m.is_string()) break;
      out.push_back(m.get<std::string>());
    }
  }
  if (out.empty() || out.size() != list.size()) {
    return std::unexpected(Fail(InvalidField("models", "must be a non-empty list of model names")));
  }
  return out;
}

Reply FitModels(Call& call) {
  auto body = Options(call, {"model", "models", "calibration_end", "time_unit"});
  if (!body) return body.error();
  auto models = RequestedModels(*body);
  if (!models) return models.error();
  app::ClvFitRequest req;
  if (auto r = ReadDay(*body, "calibration_end", req.calibration_end)) return *r;
  if (body->contains("time_unit")) {
    const auto& unit = (*body)["time_unit"];
    if (unit != "day" && unit != "week")
      return Fail(InvalidField("time_unit", "must be day or week"));
    req.time_unit_days = unit == "day" ? 1 : 7;
  }
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto fits = app::FitClvModels(data->view->snapshot, *models, req);
  if (!fits) {
    if (fits.error().code() == core::Code::kInvalidArgument) {
      return FailField(body->contains("models") ? "models" : "model", fits.error());
    }
    return Fail(fits.error());
  }
  nlohmann::ordered_json unconverged = nlohmann::ordered_json::array();
  for (const auto& f : *fits) {
    if (!f.converged) unconverged.push_back(app::ClvFitJson(f));
  }
  if (!unconverged.empty()) {
    Reply r =
        Fail(Problem{422,
                     "not-converged",
                     "The fit did not converge",
                     "the maximum-likelihood fit of " + unconverged[0]["model"].get<std::string>() +
                         " did not converge (" + unconverged[0]["message"].get<std::string>() +
                         "); nothing was stored",
                     {}});
    r.body["fits"] = unconverged;
    return r;
  }
  return IdempotentWrite(
      call, [fits = std::move(*fits)](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto saved = app::SaveClvFits(s, fits);
        if (!saved) return core::Err(core::IoError(saved.error().message()));
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& f : *saved) list.push_back(app::StoredClvFitJson(f));
        return app::WriteAnswer{201, nlohmann::ordered_json{{"models", list}}.dump()};
      });
}

Reply LatestModels(Call& call) {
  std::vector<std::string> models = app::ClvModelNames();
  if (auto m = call.Query("model")) models = {*m};
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto fits = app::LatestClvFits(**store, models);
  if (!fits) {
    if (fits.error().code() == core::Code::kInvalidArgument)
      return FailField("model", fits.error());
    return Fail(fits.error());
  }
  if (fits->empty()) {
    return Fail(core::NotFound(
        (call.Query("model") ? "no " + models[0] + " model" : std::string("no model")) +
        " fitted yet: POST /api/v1/clv/fit (or run `retain clv fit`) first"));
  }
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& f : *fits) list.push_back(app::StoredClvFitJson(f));
  return Json({{"models", list}});
}

Reply Score(Call& call) {
  auto body = Options(call, {"as_of", "horizon_months", "discount_monthly", "high_risk_below",
                             "medium_risk_below", "existing_min_orders", "save"});
  if (!body) return body.error();
  app::ClvScoreRequest req;
  auto& o = req.options;
  if (auto r = ReadDay(*body, "as_of", req.as_of)) return *r;
  if (auto r = ReadNumber(*body, "horizon_months", 1, 600, o.horizon_months)) return *r;
  if (auto r = ReadNumber(*body, "discount_monthly", 0, 1, o.discount_monthly)) return *r;
  if (auto r = ReadNumber(*body, "high_risk_below", 0, 1, o.high_risk_below)) return *r;
  if (auto r = ReadNumber(*body, "medium_risk_below", 0, 1, o.medium_risk_below)) return *r;
  if (auto r = ReadNumber(*body, "existing_min_orders", 1, 1000000, req.existing_min_orders)) {
    return *r;
  }
  bool save = true;
  if (body->contains("save")) {
    if (!(*body)["save"].is_boolean()) return Fail(InvalidField("save", "must be true or false"));
    save = (*body)["save"];
  }
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto report = app::RunClvScore(*data->store, data->view->snapshot, req);
  if (!report) {
    if (report.error().code() == core::Code::kInvalidArgument) {
      return FailField("high_risk_below", report.error());
    }
    return Fail(report.error());
  }
  auto summary = app::ClvScoreSummaryJson(*report);
  if (!save) {
    summary["run_id"] = nullptr;
    return Json(std::move(summary));
  }
  return IdempotentWrite(call,
                         [batch = app::MakeClvScoreBatch(*report),
                          summary](storage::Store& s) mutable -> core::Result<app::WriteAnswer> {
                           auto id = app::ReplaceClvScores(s, batch);
                           // Earlier forecasts may be gone already: any failure rolls the group
                           // back.
                           if (!id) return core::Err(core::IoError(id.error().message()));
                           summary["run_id"] = *id;
                           return app::WriteAnswer{200, summary.dump()};
                         });
}

// The latest score run; kNotFound saying how to make one when there is none.
core::Result<storage::ClvScoreRun> FindLatestScoreRun(storage::Store& store) {
  auto run = store.LatestClvScoreRun();
  if (!run) return core::Err(run.error());
  if (!*run) {
    return core::Err(core::NotFound(
        "no customers scored yet: POST /api/v1/clv/score (or run `retain clv score`) first"));
  }
  return std::move(**run);
}

Reply LatestScoreRun(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto run = FindLatestScoreRun(**store);
  if (!run) return Fail(run.error());
  return Json(app::ClvScoreRunJson(*run));
}

// The JSON of a validation, kept per database, data version and period.
struct ValidationAnswer {
  std::string json;
};

// The problem for a fit that did not converge (nothing to show or store).
Reply NotConverged(const app::ClvFitResult& fit, const std::string& what) {
  Reply r = Fail(Problem{422,
                         "not-converged",
                         "The fit did not converge",
                         "the maximum-likelihood fit of " + fit.model + " did not converge (" +
                             fit.message + "); " + what,
                         {}});
  r.body["fits"] = nlohmann::ordered_json::array({app::ClvFitJson(fit)});
  return r;
}

Reply Validation(Call& call) {
  auto calibration_end = DayQuery(call, "calibration_end");
  if (!calibration_end) return FailField("calibration_end", calibration_end.error());
  auto holdout_end = DayQuery(call, "holdout_end");
  if (!holdout_end) return FailField("holdout_end", holdout_end.error());
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  const auto& snapshot = data->view->snapshot;
  if (snapshot.orders() == 0) {
    return Fail(core::FailedPrecondition("no orders yet: import orders before validating"));
  }
  app::ClvValidateRequest req;  // bgnbd in weeks, as `retain clv validate`
  req.holdout_end = holdout_end->value_or(snapshot.LastOrderDay());
  req.calibration_end = calibration_end->value_or(req.holdout_end - 26 * 7);
  if (req.calibration_end >= req.holdout_end) {
    return Fail(InvalidField("calibration_end", "must be before holdout_end (" +
                                                    core::FormatDay(req.holdout_end) + ")"));
  }
  auto id = data->store->DatabaseId();
  if (!id) return Fail(id.error());
  const std::string key = *id + ":" + std::to_string(data->view->data_version) + ":" +
                          core::FormatDay(req.calibration_end) + ":" +
                          core::FormatDay(req.holdout_end);
  auto& cache = AnswerCacheFor<ValidationAnswer>(16);
  if (auto kept = cache.Find(key)) return JsonText(kept->json);
  auto result = app::RunClvValidate(snapshot, req);
  if (!result) {
    if (result.error().code() == core::Code::kFailedPrecondition) {
      return FailNamingField(
          core::FailedPrecondition("calibration_end: " + result.error().message()));
    }
    return Fail(result.error());
  }
  if (!result->fit.converged) return NotConverged(result->fit, "there is nothing to compare");
  auto answer = std::make_shared<const ValidationAnswer>(
      ValidationAnswer{app::ClvValidateJson(*result).dump()});
  cache.Put(key, answer);
  return JsonText(answer->json);
}

Reply Distribution(Call& call) {
  auto bins = IntQuery(call, "bins", 1, 100);
  if (!bins) return FailField("bins", bins.error());
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto run = FindLatestScoreRun(**store);
  if (!run) return Fail(run.error());
  std::vector<app::ClvValue> values;
  auto scanned = (*store)->ScanClvScores([&](const storage::ClvScoreRecord& r) {
    values.push_back({r.clv_minor, r.risk});
  });
  if (!scanned.ok()) return Fail(scanned);
  const auto d = app::ComputeClvDistribution(values, static_cast<int>(bins->value_or(20)));
  return Json(app::ClvDistributionJson(*run, d));
}

}  // namespace

void AddClvRoutes(Router& router) {
  router.Add("POST", "/api/v1/clv/fit", Access::AdminOnly(), FitModels);
  router.Add("GET", "/api/v1/clv/models/latest", Access::Read(), LatestModels);
  router.Add("POST", "/api/v1/clv/score", Access::AdminOnly(), Score);
  router.Add("GET", "/api/v1/clv/scores/latest", Access::Read(), LatestScoreRun);
  router.Add("GET", "/api/v1/clv/validation", Access::Read(), Validation);
  router.Add("GET", "/api/v1/clv/distribution", Access::Read(), Distribution);
}

}  // namespace retain::api
