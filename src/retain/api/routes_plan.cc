// /api/v1/plan: the contact calendar's plan for a day, and committing it.
#include "retain/api/current_data.h"
#include "retain/api/json_fields.h"
#include "retain/api/routes.h"
#include "retain/api/services.h"
#include "retain/api/write_call.h"

namespace retain::api {
namespace {

// The plan of `day` (default today) for `segment` on the current data.
std::expected<app::PlanReport, Reply> CurrentPlan(Call& call, std::optional<core::Day> day,
                                                  const std::string& segment) {
  auto data = LoadCurrentData(call);
  if (!data) return std::unexpected(data.error());
  app::PlanRequest request;
  request.day = day.value_or(core::LocalToday());
  request.segment = segment;
  auto plan = app::BuildPlan(*data->store, data->view->snapshot, *call.services().contact, request);
  if (!plan) {
    if (plan.error().code() == core::Code::kNotFound) {
      Problem p = ProblemFor(plan.error());
      p.fields.push_back({"segment", plan.error().message()});
      return std::unexpected(Fail(p));
    }
    return std::unexpected(Fail(plan.error()));
  }
  return std::move(*plan);
}

Reply GetPlan(Call& call) {
  auto day = DayQuery(call, "date");
  if (!day) return FailField("date", day.error());
  auto limit = IntQuery(call, "limit", 0, static_cast<int64_t>(call.services().max_page));
  if (!limit) return FailField("limit", limit.error());
  auto offset = IntQuery(call, "offset", 0, INT64_MAX);
  if (!offset) return FailField("offset", offset.error());
  auto plan = CurrentPlan(call, *day, call.Query("segment").value_or(""));
  if (!plan) return plan.error();
  auto body = app::PlanJson(*plan, false);
  const size_t from = std::min<size_t>(offset->value_or(0), plan->contacts.size());
  const size_t to = std::min<size_t>(from + limit->value_or(100), plan->contacts.size());
  auto& list = body["contacts"] = nlohmann::ordered_json::array();
  for (size_t i = from; i < to; ++i) list.push_back(app::PlanEntryJson(plan->contacts[i]));
  body["offset"] = from;
  if (to < plan->contacts.size()) body["next_offset"] = to;
  return Json(std::move(body));
}

Reply PostCommit(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  std::string date, segment;
  f.Text("date", date, false, 20);
  f.Text("segment", segment, false, 200);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  std::optional<core::Day> day;
  if (!date.empty()) {
    auto d = core::ParseDate(date);
    if (!d) return FailField("date", d.error());
    day = *d;
  }
  auto plan = CurrentPlan(call, day, segment);
  if (!plan) return plan.error();
  auto shared = std::make_shared<const app::PlanReport>(std::move(*plan));
  const app::ListeningSettings listening = call.services().contact->listening;
  return IdempotentWrite(call,
                         [shared, listening](storage::Store& s) -> core::Result<app::WriteAnswer> {
                           const std::string now = core::UtcNowIso();
                           auto report = app::CommitPlan(s, *shared, now);
                           if (!report) return core::Err(report.error());
                           // The day's satisfaction calls (large purchases) become tasks with it.
                           auto calls = app::OpenSatisfactionCalls(s, shared->day, listening, now);
                           if (!calls) return core::Err(calls.error());
                           auto answer = app::PlanJson(*shared, false);
                           answer["recorded"] = report->recorded;
                           answer["already_recorded"] = report->already;
                           answer["satisfaction_calls"] = *calls;
                           return app::WriteAnswer{report->recorded > 0 ? 201 : 200, answer.dump()};
                         });
}

Reply PostOrderProblem(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::OrderProblem p;
  p.order_id = call.Param("id");
  std::string date;
  f.Text("problem", p.problem, true, 100);
  f.Text("note", p.note, false, 2000);
  f.Text("date", date, false, 20);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  p.day = core::LocalToday();
  if (!date.empty()) {
    auto d = core::ParseDate(date);
    if (!d) return FailField("date", d.error());
    p.day = *d;
  }
  const std::string actor = call.key() ? "key:" + call.key()->id : "api";
  return IdempotentWrite(call, [p, actor](storage::Store& s) -> core::Result<app::WriteAnswer> {
    auto created = app::ReportOrderProblem(s, p, actor, core::UtcNowIso());
    if (!created) return core::Err(created.error());
    nlohmann::ordered_json answer = {{"order_id", p.order_id},
                                     {"problem", p.problem},
                                     {"date", core::FormatDay(p.day)},
                                     {"recorded", *created}};
    return app::WriteAnswer{*created ? 201 : 200, answer.dump()};
  });
}

}  // namespace

void AddPlanRoutes(Router& router) {
  router.Add("GET", "/api/v1/plan", Access::Read(), GetPlan);
  router.Add("POST", "/api/v1/plan/commit", Access::AdminOnly(), PostCommit);
  router.Add("POST", "/api/v1/orders/{id}/problems", Access::ShopWrite(), PostOrderProblem);
}

}  // namespace retain::api
