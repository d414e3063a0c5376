#include "retain/app/kpi_report.h"

#include <cmath>

#include "retain/app/listening_json.h"

namespace retain::app {
namespace {
double Round(double v, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}
}  // namespace

core::Result<KpiResult> RunKpi(const analytics::Snapshot& snapshot, const KpiRequest& request,
                               const ClvModels* models) {
  if (request.window_days < 1) {
    return core::Err(core::InvalidArgument("--window-days must be at least 1"));
  }
  if (request.existing_min_orders < 1) {
    return core::Err(core::InvalidArgument("--existing-min-orders must be at least 1"));
  }
  KpiResult r;
  const core::Day last = snapshot.orders() > 0 ? snapshot.LastOrderDay() : 0;
  r.options.to = request.to.value_or(last);
  r.options.from = request.from.value_or(r.options.to - 89);
  if (r.options.from > r.options.to) {
    return core::Err(core::InvalidArgument("--from (" + core::FormatDay(r.options.from) +
                                           ") is after --to (" + core::FormatDay(r.options.to) +
                                           ")"));
  }
  r.options.window_days = request.window_days;
  r.options.existing_min_orders = request.existing_min_orders;
  r.report = analytics::ComputeKpis(snapshot, r.options);
  if (models) {
    r.predicted_clv = ExistingCustomerClv(snapshot, *models, r.options.to, r.options.window_days,
                                          r.options.existing_min_orders);
  }
  return r;
}

core::Status AddListeningKpis(storage::Store& store, KpiResult& result) {
  const auto& o = result.options;
  auto nps = RunNps(store, nullptr, {.from = o.from, .to = o.to}, o.to);
  if (!nps) return nps.error();
  result.nps = std::move(*nps);
  auto service = ComputeServiceKpis(store, o.from, o.to);
  if (!service) return service.error();
  result.service = *service;
  return {};
}

nlohmann::ordered_json KpiJson(const KpiResult& r) {
  const auto& k = r.report;
  nlohmann::ordered_json lorenz = nlohmann::ordered_json::array();
  for (const auto& p : k.lorenz) {
    lorenz.push_back({{"customer_share", Round(p.customer_share, 2)},
                      {"revenue_share", Round(p.revenue_share, 4)}});
  }
  nlohmann::ordered_json j;
  j["from"] = core::FormatDay(r.options.from);
  j["to"] = core::FormatDay(r.options.to);
  j["window_days"] = r.options.window_days;
  j["existing_min_orders"] = r.options.existing_min_orders;
  j["customers_start"] = k.customers_start;
  j["customers_end"] = k.customers_end;
  j["new_customers"] = k.new_customers;
  j["retention_rate"] = k.retention_defined ? nlohmann::ordered_json(Round(k.retention_rate, 4))
                                            : nlohmann::ordered_json(nullptr);
  j["repeat_purchase_rate"] = Round(k.repeat_purchase_rate, 4);
  j["purchase_frequency"] = Round(k.purchase_frequency, 4);
  j["average_order_value"] = std::llround(k.average_order_value);
  j["revenue"] = k.revenue;
  j["existing_revenue_share"] = Round(k.existing_revenue_share, 4);
  j["revenue_per_customer"] = std::llround(k.revenue_per_customer);
  j["return_rate"] = Round(k.return_rate, 4);
  j["churn_rate"] = k.retention_defined ? nlohmann::ordered_json(Round(k.churn_rate, 4))
                                        : nlohmann::ordered_json(nullptr);
  j["top20_revenue_share"] = Round(k.top20_revenue_share, 4);
  j["lorenz"] = lorenz;
  j["gini"] = Round(k.gini, 4);
  j["active_customers"] = k.active_customers;
  j["orders"] = k.orders;
  j["existing_customers"] = k.existing_customers;
  j["returns"] = k.returns;
  j["budget"] = {{"sales_per_day", Round(k.budget.sales_per_day, 4)},
                 {"band", analytics::BudgetBandName(k.budget.band)},
                 {"acquisition_percent", k.budget.acquisition_percent},
                 {"retention_percent", k.budget.retention_percent}};
  j["predicted_clv"] = nullptr;
  if (r.predicted_clv) {
    j["predicted_clv"] = {{"existing_customers", r.predicted_clv->customers},
                          {"total", std::llround(r.predicted_clv->total * 100)},
                          {"average", std::llround(r.predicted_clv->average * 100)},
                          {"horizon_months", r.predicted_clv->options.horizon_months},
                          {"discount_monthly", r.predicted_clv->options.discount_monthly}};
  }
  j["nps"] = nullptr;
  if (r.nps) {
    j["nps"] = NpsCountsJson(r.nps->total);
    j["nps"]["requests"] = r.nps->requests;
    j["nps"]["response_rate"] = r.nps->response_rate
                                    ? nlohmann::ordered_json(Round(*r.nps->response_rate, 4))
                                    : nlohmann::ordered_json(nullptr);
  }
  j["service"] = r.service ? ServiceKpisJson(*r.service) : nlohmann::ordered_json(nullptr);
  j["amounts"] = "minor units (cents)";
  return j;
}

}  // namespace retain::app
