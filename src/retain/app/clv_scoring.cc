#include "retain/app/clv_scoring.h"

#include <nlohmann/json.hpp>

#include "retain/analytics/rf_summary.h"

namespace retain::app {
namespace {

// The parameters and time unit of the latest stored fit of `model`.
core::Result<nlohmann::json> LatestFit(storage::Store& store, const std::string& model) {
  auto rec = store.LatestClvModel(model);
  if (!rec) return core::Err(rec.error());
  if (!*rec) {
    return core::Err(core::FailedPrecondition(
        "no " + model + " model fitted yet: run `retain clv fit --model " + model + "` first"));
  }
  auto j = nlohmann::json::parse((*rec)->fit_json, nullptr, false);
  if (j.is_discarded() || !j.contains("params")) {
    return core::Err(core::Internal("stored " + model + " fit is unreadable"));
  }
  return j;
}

}  // namespace

core::Result<ClvScoreReport> RunClvScore(AnalyticsSession& session,
                                         const ClvScoreRequest& request) {
  auto purchases = LatestFit(*session.store, "bgnbd");
  if (!purchases) return core::Err(purchases.error());
  auto spend = LatestFit(*session.store, "gammagamma");
  if (!spend) return core::Err(spend.error());
  const auto& pp = (*purchases)["params"];
  const auto& sp = (*spend)["params"];
  const analytics::BgNbdParams bg{pp.value("r", 1.0), pp.value("alpha", 1.0), pp.value("a", 1.0),
                                  pp.value("b", 1.0)};
  const analytics::GammaGammaParams gg{sp.value("p", 1.0), sp.value("q", 1.0),
                                       sp.value("gamma", 1.0)};
  ClvScoreReport report;
  report.options = request.options;
  report.options.time_unit_days = purchases->value("time_unit", "week") == "day" ? 1 : 7;
  const auto& snap = session.snapshot;
  report.as_of = request.as_of.value_or(snap.orders() > 0 ? snap.LastOrderDay() : 0);
  const auto summary = analytics::BuildRfSummary(snap, report.as_of, report.options.time_unit_days);
  report.customers.reserve(summary.size());
  for (const auto& c : summary) {
    ScoredCustomer s;
    s.customer_id = snap.customer_ids[c.customer];
    s.orders = static_cast<int64_t>(c.x) + 1;
    // Gamma-Gamma was fitted in currency units; the summary holds minor units.
    s.score = analytics::ScoreCustomer(bg, gg, c.x, c.t_x, c.T, c.monetary / 100.0, report.options);
    ++report.by_risk[static_cast<int>(s.score.risk)];
    if (s.orders >= 2) {
      ++report.existing_customers;
      report.existing_clv_total += s.score.clv;
    }
    report.customers.push_back(std::move(s));
  }
  if (report.existing_customers > 0) {
    report.existing_clv_average = report.existing_clv_total / report.existing_customers;
  }
  return report;
}

}  // namespace retain::app
