#include "retain/app/clv_scoring.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "retain/analytics/rf_summary.h"

namespace retain::app {
namespace {

struct LatestFit {
  int64_t id = 0;
  nlohmann::json fit;
};

// The latest stored fit of `model`.
core::Result<LatestFit> FindLatestFit(storage::Store& store, const std::string& model) {
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
  return LatestFit{(*rec)->id, std::move(j)};
}

// Orders of customer c on or before `day`.
int64_t OrdersBy(const analytics::Snapshot& s, size_t c, core::Day day) {
  const auto begin = s.order_day.begin() + s.order_offsets[c];
  const auto end = s.order_day.begin() + s.order_offsets[c + 1];
  return std::upper_bound(begin, end, day) - begin;
}

}  // namespace

core::Result<ClvModels> LoadLatestClvModels(storage::Store& store) {
  auto purchases = FindLatestFit(store, "bgnbd");
  if (!purchases) return core::Err(purchases.error());
  auto spend = FindLatestFit(store, "gammagamma");
  if (!spend) return core::Err(spend.error());
  const auto& pp = purchases->fit["params"];
  const auto& sp = spend->fit["params"];
  ClvModels m;
  m.purchases = {pp.value("r", 1.0), pp.value("alpha", 1.0), pp.value("a", 1.0),
                 pp.value("b", 1.0)};
  m.spend = {sp.value("p", 1.0), sp.value("q", 1.0), sp.value("gamma", 1.0)};
  m.time_unit_days = purchases->fit.value("time_unit", "week") == "day" ? 1 : 7;
  m.purchases_id = purchases->id;
  m.spend_id = spend->id;
  return m;
}

core::Result<ClvScoreReport> RunClvScore(AnalyticsSession& session,
                                         const ClvScoreRequest& request) {
  auto models = LoadLatestClvModels(*session.store);
  if (!models) return core::Err(models.error());
  ClvScoreReport report;
  report.models = *models;
  report.options = request.options;
  report.options.time_unit_days = models->time_unit_days;
  report.existing_min_orders = request.existing_min_orders;
  const auto& snap = session.snapshot;
  report.as_of = request.as_of.value_or(snap.orders() > 0 ? snap.LastOrderDay() : 0);
  const auto summary = analytics::BuildRfSummary(snap, report.as_of, report.options.time_unit_days);
  // Gamma-Gamma was fitted in currency units; the summary holds minor units.
  auto scores =
      analytics::ScoreCustomers(models->purchases, models->spend, summary, 0.01, report.options);
  report.customers.reserve(summary.size());
  for (size_t i = 0; i < summary.size(); ++i) {
    ScoredCustomer s;
    s.customer_id = snap.customer_ids[summary[i].customer];
    s.orders = OrdersBy(snap, summary[i].customer, report.as_of);
    s.score = scores[i];
    ++report.by_risk[static_cast<int>(s.score.risk)];
    if (s.orders >= request.existing_min_orders) {
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

core::Result<int64_t> SaveClvScores(storage::Store& store, const ClvScoreReport& report) {
  storage::ClvScoreRun run;
  run.scored_at = core::UtcNowIso();
  run.as_of = report.as_of;
  run.horizon_months = report.options.horizon_months;
  run.discount_monthly = report.options.discount_monthly;
  run.high_risk_below = report.options.high_risk_below;
  run.medium_risk_below = report.options.medium_risk_below;
  run.bgnbd_model_id = report.models.purchases_id;
  run.gammagamma_model_id = report.models.spend_id;
  std::vector<storage::ClvScoreRecord> records;
  records.reserve(report.customers.size());
  for (const auto& c : report.customers) {
    const auto& s = c.score;
    records.push_back({c.customer_id, s.p_alive, s.expected_30d, s.expected_90d, s.expected_365d,
                       s.expected_horizon, std::llround(s.expected_value * 100),
                       std::llround(s.clv * 100), std::string(analytics::RiskBandName(s.risk))});
  }
  if (auto s = store.BeginWrite(); !s.ok()) return core::Err(s);
  auto id = store.ReplaceClvScores(run, records);
  if (!id) {
    store.Rollback();
    return core::Err(id.error());
  }
  if (auto s = store.Commit(); !s.ok()) return core::Err(s);
  return *id;
}

ClvTotals ExistingCustomerClv(const analytics::Snapshot& snapshot, const ClvModels& models,
                              core::Day as_of, int window_days, int existing_min_orders) {
  ClvTotals t;
  t.options.time_unit_days = models.time_unit_days;
  auto summary = analytics::BuildRfSummary(snapshot, as_of, t.options.time_unit_days);
  std::erase_if(summary, [&](const analytics::RfCustomer& c) {
    const int64_t n = OrdersBy(snapshot, c.customer, as_of);
    return n < existing_min_orders ||
           snapshot.order_day[snapshot.order_offsets[c.customer] + n - 1] < as_of - window_days + 1;
  });
  for (const auto& s :
       analytics::ScoreCustomers(models.purchases, models.spend, summary, 0.01, t.options)) {
    t.total += s.clv;
  }
  t.customers = static_cast<int64_t>(summary.size());
  if (t.customers > 0) t.average = t.total / t.customers;
  return t;
}

}  // namespace retain::app
