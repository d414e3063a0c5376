// Reports: GET /api/v1/kpis, /api/v1/cohorts, /api/v1/rfm (the parameters and
// JSON keys of `retain kpi|cohorts|rfm --json`) and the monthly KPI series
// /api/v1/kpis/monthly.
#include "retain/api/current_data.h"
#include "retain/api/routes.h"
#include "retain/app/clv_scoring.h"
#include "retain/app/cohort_report.h"
#include "retain/app/kpi_report.h"
#include "retain/app/monthly_kpi_report.h"
#include "retain/app/rfm_report.h"

namespace retain::api {
namespace {

Reply Kpis(Call& call) {
  app::KpiRequest req;
  auto from = DayQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = DayQuery(call, "to");
  if (!to) return FailField("to", to.error());
  auto window = IntQuery(call, "window_days", 1, 3650);
  if (!window) return FailField("window_days", window.error());
  auto min_orders = IntQuery(call, "existing_min_orders", 1, 1000);
  if (!min_orders) return FailField("existing_min_orders", min_orders.error());
  req.from = *from;
  req.to = *to;
  if (*window) req.window_days = static_cast<int>(**window);
  if (*min_orders) req.existing_min_orders = static_cast<int>(**min_orders);
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto models = app::LoadLatestClvModels(*data->store);
  if (!models && models.error().code() != core::Code::kFailedPrecondition) {
    return Fail(models.error());
  }
  auto result = app::RunKpi(data->view->snapshot, req, models ? &*models : nullptr);
  if (!result) return Fail(result.error());
  if (auto s = app::AddListeningKpis(*data->store, *result); !s.ok()) return Fail(s);
  return Json(app::KpiJson(*result));
}

// A month query parameter (YYYY-MM), or nullopt when absent.
core::Result<std::optional<int>> MonthQuery(const Call& call, const std::string& name) {
  auto text = call.Query(name);
  if (!text) return std::optional<int>();
  auto month = app::ParseMonth(*text);
  if (!month) return core::Err(month.error());
  return std::optional<int>(*month);
}

Reply MonthlyKpis(Call& call) {
  app::MonthlyKpiRequest req;
  auto from = MonthQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = MonthQuery(call, "to");
  if (!to) return FailField("to", to.error());
  auto window = IntQuery(call, "window_days", 1, 3650);
  if (!window) return FailField("window_days", window.error());
  auto min_orders = IntQuery(call, "existing_min_orders", 1, 1000);
  if (!min_orders) return FailField("existing_min_orders", min_orders.error());
  req.from_month = *from;
  req.to_month = *to;
  if (*window) req.window_days = static_cast<int>(**window);
  if (*min_orders) req.existing_min_orders = static_cast<int>(**min_orders);
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto result = app::RunMonthlyKpis(data->view->snapshot, req, core::LocalToday());
  if (!result) return FailNamingField(result.error());
  return Json(app::MonthlyKpiJson(*result));
}

Reply Cohorts(Call& call) {
  auto as_of = DayQuery(call, "as_of");
  if (!as_of) return FailField("as_of", as_of.error());
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  analytics::CohortOptions o;
  o.as_of = *as_of;
  return Json(app::CohortJson(analytics::ComputeCohorts(data->view->snapshot, o)));
}

Reply Rfm(Call& call) {
  auto as_of = DayQuery(call, "as_of");
  if (!as_of) return FailField("as_of", as_of.error());
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  if (!*as_of || **as_of == data->view->customers.as_of) {
    return Json(app::RfmJson(data->view->customers.rfm));
  }
  app::RfmRequest req;
  req.as_of = *as_of;
  auto rfm = app::RunRfm(data->view->snapshot, req);
  if (!rfm) return Fail(rfm.error());
  return Json(app::RfmJson(*rfm));
}

}  // namespace

void AddReportRoutes(Router& router) {
  router.Add("GET", "/api/v1/kpis", Access::Read(), Kpis);
  router.Add("GET", "/api/v1/kpis/monthly", Access::Read(), MonthlyKpis);
  router.Add("GET", "/api/v1/cohorts", Access::Read(), Cohorts);
  router.Add("GET", "/api/v1/rfm", Access::Read(), Rfm);
}

}  // namespace retain::api
