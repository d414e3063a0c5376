// /api/v1/plan: the contact calendar's plan for a day, committing it,
// sending it and its send log; a customer's contact history.
#include <memory>

#include "retain/api/current_data.h"
#include "retain/api/json_fields.h"
#include "retain/api/routes.h"
#include "retain/api/services.h"
#include "retain/api/write_call.h"
#include "retain/app/contact_history.h"
#include "retain/app/fingerprint.h"
#include "retain/app/message_send.h"

namespace retain::api {
namespace {

using json = nlohmann::ordered_json;

// The plan of `day` (default today) for `segment` on the current data; with
// `held_back`, each proposal held back too.
std::expected<app::PlanReport, Reply> CurrentPlan(Call& call, std::optional<core::Day> day,
                                                  const std::string& segment,
                                                  bool held_back = false) {
  auto data = LoadCurrentData(call);
  if (!data) return std::unexpected(data.error());
  app::PlanRequest request;
  request.day = day.value_or(core::LocalToday());
  request.segment = segment;
  request.list_held_back = held_back;
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
  auto held_back = BoolQuery(call, "held_back");
  if (!held_back) return FailField("held_back", held_back.error());
  auto held_offset = IntQuery(call, "held_back_offset", 0, INT64_MAX);
  if (!held_offset) return FailField("held_back_offset", held_offset.error());
  const bool list_held_back = held_back->value_or(false);
  auto plan = CurrentPlan(call, *day, call.Query("segment").value_or(""), list_held_back);
  if (!plan) return plan.error();
  auto body = app::PlanJson(*plan, false);
  const size_t from = std::min<size_t>(offset->value_or(0), plan->contacts.size());
  const size_t to = std::min<size_t>(from + limit->value_or(100), plan->contacts.size());
  auto& list = body["contacts"] = nlohmann::ordered_json::array();
  for (size_t i = from; i < to; ++i) list.push_back(app::PlanEntryJson(plan->contacts[i]));
  body["offset"] = from;
  if (to < plan->contacts.size()) body["next_offset"] = to;
  if (list_held_back) {
    // Paged apart from the contacts: the same limit, its own offset.
    const auto& held = plan->held_back;
    const size_t h_from = std::min<size_t>(held_offset->value_or(0), held.size());
    const size_t h_to = std::min<size_t>(h_from + limit->value_or(100), held.size());
    auto& rows = body["held_back"] = json::array();
    for (size_t i = h_from; i < h_to; ++i) {
      rows.push_back({{"customer_id", held[i].customer_id},
                      {"trigger", contact::TriggerName(held[i].trigger)},
                      {"rule", held[i].rule},
                      {"reason", held[i].reason}});
    }
    body["held_back_total"] = held.size();
    body["held_back_offset"] = h_from;
    body["next_held_back_offset"] = h_to < held.size() ? json(h_to) : json();
  }
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

// A `limit` (default 100, at most the page limit) and an `offset` query.
std::expected<std::pair<size_t, size_t>, Reply> PageQuery(Call& call) {
  auto limit = IntQuery(call, "limit", 1, static_cast<int64_t>(call.services().max_page));
  if (!limit) return std::unexpected(FailField("limit", limit.error()));
  auto offset = IntQuery(call, "offset", 0, INT64_MAX);
  if (!offset) return std::unexpected(FailField("offset", offset.error()));
  return std::pair<size_t, size_t>(limit->value_or(100), offset->value_or(0));
}

// GET /api/v1/plan/log?date=: the day's committed contacts and their state.
Reply GetLog(Call& call) {
  auto day = DayQuery(call, "date");
  if (!day) return FailField("date", day.error());
  auto page = PageQuery(call);
  if (!page) return page.error();
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto log =
      app::PlanLogJson(**store, day->value_or(core::LocalToday()), page->first, page->second);
  if (!log) return Fail(log.error());
  return Json(std::move(*log));
}

// GET /api/v1/customers/{id}/contacts: one customer's contacts, newest first.
Reply GetCustomerContacts(Call& call) {
  auto page = PageQuery(call);
  if (!page) return page.error();
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto contacts = app::CustomerContactsJson(**store, call.Param("id"), page->first, page->second);
  if (!contacts) return Fail(contacts.error());
  return Json(std::move(*contacts));
}

// An optional boolean field of a request body.
void Flag(Fields& f, const nlohmann::json& body, const char* name, bool& out) {
  f.Ignore(name);
  if (!f.Has(name)) return;
  if (!body[name].is_boolean()) return f.Error(name, "must be true or false");
  out = body[name].get<bool>();
}

// POST /api/v1/plan/send: what `retain send --date` does, with the server's
// [contact.smtp] and [contact.messages]. The contacts are taken once each
// (compare and set), so a repeat or a concurrent `retain send` sends
// nothing twice; with an Idempotency-Key a repeat gets the first answer.
// It writes on the request's own connection in short transactions of its
// own (not through the write batcher), so tills are not held up while
// emails go out at the configured rate.
Reply PostSend(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  std::string date;
  app::SendRequest request;
  f.Text("date", date, false, 20);
  Flag(f, *body, "email_export", request.email_export);
  Flag(f, *body, "retry_failed", request.retry_failed);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  request.day = core::LocalToday();
  if (!date.empty()) {
    auto d = core::ParseDate(date);
    if (!d) return FailField("date", d.error());
    request.day = *d;
  }
  app::IdempotencyKey key;
  key.key = call.Header("Idempotency-Key");
  if (key.key.size() > 255) {
    return Fail(InvalidField("Idempotency-Key", "must be at most 255 characters"));
  }
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  if (!key.key.empty()) {
    key.scope = call.key() ? call.key()->id : "";
    key.fingerprint = app::Fingerprint(call.Method() + "\n" + call.Path() + "\n" + call.Body());
    auto earlier = data->store->FindIdempotency(key.scope, key.key);
    if (!earlier) return Fail(earlier.error());
    if (*earlier) {
      if ((*earlier)->request_hash != key.fingerprint) {
        return Fail(core::AlreadyExists(
            "the Idempotency-Key '" + key.key +
            "' was used for a different request; use a new key for a new request"));
      }
      return WriteReply({(*earlier)->outcome, (*earlier)->response, true});
    }
  }
  const auto& config = *call.services().messages;
  request.out_dir = config.work_list_dir;
  std::unique_ptr<app::SmtpMailer> mailer;
  if (!config.smtp.host.empty()) mailer = std::make_unique<app::SmtpMailer>(config.smtp);
  auto report = app::SendPlan(*data->store, data->view->snapshot, config.send,
                              call.services().loyalty->program(), request, mailer.get());
  if (!report) {
    Problem p = ProblemFor(report.error());
    if (report.error().code() == core::Code::kFailedPrecondition && !mailer) {
      p.fields.push_back({"email_export",
                          "configure [contact.smtp] or send with "
                          "\"email_export\": true"});
    }
    return Fail(p);
  }
  json answer = app::SendReportJson(*report);
  answer.erase("day");
  answer.erase("files");
  json out = {{"date", core::FormatDay(report->day)}};
  out.update(answer);
  out["deferred_reason"] = report->deferred_reason;
  if (key.key.empty()) return Json(std::move(out));
  // The answer is stored with the key (a repeat that raced this one gets
  // the answer stored first).
  auto stored = call.services().writes.SubmitOnce(
      key, [text = out.dump()](storage::Store&) -> core::Result<app::WriteAnswer> {
        return app::WriteAnswer{200, text};
      });
  if (!stored) return Fail(stored.error());
  return WriteReply(std::move(*stored));
}

}  // namespace

void AddPlanRoutes(Router& router) {
  router.Add("GET", "/api/v1/plan", Access::Read(), GetPlan);
  router.Add("POST", "/api/v1/plan/commit", Access::AdminOnly(), PostCommit);
  router.Add("POST", "/api/v1/plan/send", Access::AdminOnly(), PostSend);
  router.Add("GET", "/api/v1/plan/log", Access::Read(), GetLog);
  router.Add("GET", "/api/v1/customers/{id}/contacts", Access::Read(), GetCustomerContacts);
  router.Add("POST", "/api/v1/orders/{id}/problems", Access::ShopWrite(), PostOrderProblem);
}

}  // namespace retain::api
