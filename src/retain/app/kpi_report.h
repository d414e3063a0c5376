// The `kpi` use case: resolves the period and settings, computes the KPIs,
// and gives the one JSON shape shared by the CLI and the API.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

#include "retain/analytics/kpi.h"
#include "retain/app/clv_scoring.h"
#include "retain/app/listening.h"
#include "retain/app/nps_report.h"

namespace retain::app {

struct KpiRequest {
  std::optional<core::Day> from;  // default: 89 days before `to` (a 90-day quarter)
  std::optional<core::Day> to;    // default: the day of the latest order
  int window_days = 365;          // a customer is counted at D with an order in D-W+1..D
  int existing_min_orders = 2;    // existing customer = at least this many orders
};

struct KpiResult {
  analytics::KpiOptions options;  // the resolved period and settings
  analytics::KpiReport report;
  // Predicted CLV of the existing customers at `to` (12 months, 1 % a month),
  // when lifetime-value models have been fitted.
  std::optional<ClvTotals> predicted_clv;
  // NPS and service figures of the period (AddListeningKpis).
  std::optional<NpsReport> nps;
  std::optional<ServiceKpis> service;
};

// Validates the request (from <= to, window >= 1, min orders >= 1) and
// computes; with `models`, also the predicted CLV of existing customers.
core::Result<KpiResult> RunKpi(const analytics::Snapshot& snapshot, const KpiRequest& request,
                               const ClvModels* models = nullptr);

// Adds the period's NPS (answers given from..to, the response rate of the
// feedback requests made then) and service figures (conversations that came
// in from..to) from the store.
core::Status AddListeningKpis(storage::Store& store, KpiResult& result);

// JSON with exactly the documented keys; amounts in minor units (cents).
nlohmann::ordered_json KpiJson(const KpiResult& r);

}  // namespace retain::app
