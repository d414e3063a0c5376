#include "retain/app/clv_scoring.h"

#include <algorithm>
#include <cmath>

#include "retain/analytics/rf_summary.h"
#include "retain/core/date.h"

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

core::Result<ClvScoreReport> RunClvScore(storage::Store& store, const analytics::Snapshot& snap,
                                         const ClvScoreRequest& request) {
  if (request.options.high_risk_below > request.options.medium_risk_below) {
    return core::Err(core::InvalidArgument("high_risk_below must not exceed medium_risk_below"));
  }
  auto models = LoadLatestClvModels(store);
  if (!models) return core::Err(models.error());
  ClvScoreReport report;
  report.models = *models;
  report.options = request.options;
  report.options.time_unit_days = models->time_unit_days;
  report.existing_min_orders = request.existing_min_orders;
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

ClvScoreBatch MakeClvScoreBatch(const ClvScoreReport& report) {
  ClvScoreBatch b;
  auto& run = b.run;
  run.scored_at = core::UtcNowIso();
  run.as_of = report.as_of;
  run.horizon_months = report.options.horizon_months;
  run.discount_monthly = report.options.discount_monthly;
  run.high_risk_below = report.options.high_risk_below;
  run.medium_risk_below = report.options.medium_risk_below;
  run.bgnbd_model_id = report.models.purchases_id;
  run.gammagamma_model_id = report.models.spend_id;
  b.records.reserve(report.customers.size());
  for (const auto& c : report.customers) {
    const auto& s = c.score;
    b.records.push_back({c.customer_id, s.p_alive, s.expected_30d, s.expected_90d, s.expected_365d,
                         s.expected_horizon, std::llround(s.expected_value * 100),
                         std::llround(s.clv * 100), std::string(analytics::RiskBandName(s.risk))});
  }
  return b;
}

core::Result<int64_t> ReplaceClvScores(storage::Store& store, const ClvScoreBatch& batch) {
  return store.ReplaceClvScores(batch.run, batch.records);
}

core::Result<int64_t> SaveClvScores(storage::Store& store, const ClvScoreReport& report) {
  const auto batch = MakeClvScoreBatch(report);
  if (auto s = store.BeginWrite(); !s.ok()) return core::Err(s);
  auto id = ReplaceClvScores(store, batch);
  if (!id) {
    store.Rollback();
    return core::Err(id.error());
  }
  if (auto s = store.Commit(); !s.ok()) return core::Err(s);
  return *id;
}

nlohmann::ordered_json ClvScoreSummaryJson(const ClvScoreReport& r) {
  return {{"as_of", core::FormatDay(r.as_of)},
          {"horizon_months", r.options.horizon_months},
          {"discount_monthly", r.options.discount_monthly},
          {"existing_min_orders", r.existing_min_orders},
          {"existing_customers", r.existing_customers},
          {"existing_clv_total", r.existing_clv_total},
          {"existing_clv_average", r.existing_clv_average},
          {"customers_scored", r.customers.size()},
          {"by_risk", {{"low", r.by_risk[0]}, {"medium", r.by_risk[1]}, {"high", r.by_risk[2]}}}};
}

nlohmann::ordered_json ScoredCustomerJson(const ScoredCustomer& c) {
  const auto& s = c.score;
  return {{"customer_id", c.customer_id},           {"p_alive", s.p_alive},
          {"expected_30d", s.expected_30d},         {"expected_90d", s.expected_90d},
          {"expected_365d", s.expected_365d},       {"expected_horizon", s.expected_horizon},
          {"expected_value", s.expected_value},     {"clv", s.clv},
          {"risk", analytics::RiskBandName(s.risk)}};
}

nlohmann::ordered_json ClvScoreRunJson(const storage::ClvScoreRun& run) {
  return {{"run_id", run.id},
          {"scored_at", run.scored_at},
          {"as_of", core::FormatDay(run.as_of)},
          {"horizon_months", run.horizon_months},
          {"discount_monthly", run.discount_monthly},
          {"high_risk_below", run.high_risk_below},
          {"medium_risk_below", run.medium_risk_below},
          {"bgnbd_model_id", run.bgnbd_model_id},
          {"gammagamma_model_id", run.gammagamma_model_id}};
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
