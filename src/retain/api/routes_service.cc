// Service: follow-up tasks for the team (call-backs, satisfaction calls,
// tasks by hand), the log of inbound conversations, and the service figures.
#include "retain/api/json_fields.h"
#include "retain/api/listening_call.h"
#include "retain/api/routes.h"
#include "retain/app/listening.h"
#include "retain/app/listening_json.h"

namespace retain::api {
namespace {

using ojson = nlohmann::ordered_json;

// Reads an optional boolean field (Fields has none).
void Bool(Fields& f, const nlohmann::json& body, const char* name, std::optional<bool>& out) {
  f.Ignore(name);
  if (!f.Has(name)) return;
  if (!body[name].is_boolean()) return f.Error(name, "must be true or false");
  out = body[name].get<bool>();
}

// Reads an optional text field that changes something: nullopt when absent.
void Change(Fields& f, const char* name, std::optional<std::string>& out, size_t max) {
  if (!f.Has(name)) return f.Ignore(name);
  std::string v;
  f.Text(name, v, false, max);
  out = std::move(v);
}

// Reads an optional day field ("YYYY-MM-DD").
void Date(Fields& f, const char* name, std::optional<core::Day>& out) {
  std::string text;
  f.Text(name, text, false, 20);
  if (text.empty() || f.failed()) return;
  auto d = core::ParseDate(text);
  if (!d) return f.Error(name, d.error().message());
  out = *d;
}

// A query parameter that must be one of `known` (nullopt: not given).
std::expected<std::string, Reply> OneOf(Call& call, const std::string& name,
                                        std::initializer_list<const char*> known) {
  auto v = call.Query(name);
  if (!v) return std::string();
  std::string list;
  for (const char* k : known) {
    if (*v == k) return *v;
    list += list.empty() ? k : std::string(", ") + k;
  }
  return std::unexpected(Fail(InvalidField(name, "must be one of " + list)));
}

Reply NoSuch(const char* what, const std::string& id) {
  return Fail(core::NotFound("there is no " + std::string(what) + " '" + id + "'"));
}

// --- Tasks

Reply GetTasks(Call& call) {
  storage::TaskFilter filter;
  auto status = OneOf(call, "status", {"open", "done", "cancelled"});
  if (!status) return status.error();
  auto after = IntQuery(call, "after_id", 0, INT64_MAX);
  if (!after) return FailField("after_id", after.error());
  auto limit = PageLimit(call);
  if (!limit) return limit.error();
  filter.status = *status;
  filter.assignee = call.Query("assignee").value_or("");
  filter.customer_id = call.Query("customer_id").value_or("");
  filter.kind = call.Query("kind").value_or("");
  filter.after_id = after->value_or(0);
  filter.limit = *limit + 1;  // one more tells whether a next page exists
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto tasks = (*store)->ListTasks(filter);
  if (!tasks) return Fail(tasks.error());
  const core::Day today = core::LocalToday();
  return Json(KeysetPage(std::move(*tasks), *limit,
                         [&](const storage::TaskRecord& t) { return app::TaskJson(t, today); }));
}

Reply PostTask(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::TaskInput in;
  f.Text("customer_id", in.customer_id, true, 200);
  f.Text("reason", in.reason, true, 2000);
  f.Text("kind", in.kind, false, 40);
  f.Text("assignee", in.assignee, false, 200);
  Date(f, "due", in.due);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  if (in.kind.empty()) in.kind = "other";
  return WriteNamingField(call, [in](storage::Store& s) -> core::Result<app::WriteAnswer> {
    const core::Day today = core::LocalToday();
    auto task = app::AddTask(s, in, today, core::UtcNowIso());
    if (!task) return core::Err(task.error());
    return app::WriteAnswer{201, app::TaskJson(*task, today).dump()};
  });
}

Reply PatchTask(Call& call) {
  const auto id = IdParam(call, "id");
  if (!id) return NoSuch("task", call.Param("id"));
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::TaskChange change;
  Change(f, "status", change.status, 20);
  Change(f, "assignee", change.assignee, 200);
  Change(f, "note", change.note, 4000);
  Date(f, "due", change.due);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return WriteNamingField(
      call, [id = *id, change](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto task = app::ChangeTask(s, id, change, core::UtcNowIso());
        if (!task) return core::Err(task.error());
        return app::WriteAnswer{200, app::TaskJson(*task, core::LocalToday()).dump()};
      });
}

// --- Conversations

Reply GetConversations(Call& call) {
  storage::ConversationFilter filter;
  auto status = OneOf(call, "status", {"open", "waiting", "closed"});
  if (!status) return status.error();
  auto complaints = BoolQuery(call, "complaints");
  if (!complaints) return FailField("complaints", complaints.error());
  auto from = DayQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = DayQuery(call, "to");
  if (!to) return FailField("to", to.error());
  if (*from && *to && **from > **to) return Fail(InvalidField("from", "is after to"));
  auto after = IntQuery(call, "after_id", 0, INT64_MAX);
  if (!after) return FailField("after_id", after.error());
  auto limit = PageLimit(call);
  if (!limit) return limit.error();
  filter.status = *status;
  filter.assignee = call.Query("assignee").value_or("");
  filter.customer_id = call.Query("customer_id").value_or("");
  filter.complaints_only = complaints->value_or(false);
  filter.from = from->value_or(0);
  filter.to = to->value_or(0);
  filter.after_id = after->value_or(0);
  filter.limit = *limit + 1;  // one more tells whether a next page exists
  auto store = call.Store();
  if (!store) return Fail(store.error());
  std::vector<storage::ConversationRecord> found;
  auto s = (*store)->ScanConversations(
      filter, [&](const storage::ConversationRecord& c) { found.push_back(c); });
  if (!s.ok()) return Fail(s);
  return Json(KeysetPage(std::move(found), *limit, app::ConversationJson));
}

Reply PostConversation(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::ConversationInput in;
  f.Text("customer_id", in.customer_id, true, 200);
  f.Text("channel", in.channel, true, 20);
  f.Text("topic", in.topic, true, 200);
  Bool(f, *body, "complaint", in.complaint);
  f.Text("status", in.status, false, 20);
  f.Text("assignee", in.assignee, false, 200);
  f.Text("summary", in.summary, false, 10000);
  f.Text("opened_at", in.opened_at, false, 64);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  if (in.status.empty()) in.status = "open";
  return WriteNamingField(call, [in](storage::Store& s) -> core::Result<app::WriteAnswer> {
    auto c = app::OpenConversation(s, in, core::LocalToday(), core::UtcNowIso());
    if (!c) return core::Err(c.error());
    return app::WriteAnswer{201, app::ConversationJson(*c).dump()};
  });
}

Reply GetConversation(Call& call) {
  const auto id = IdParam(call, "id");
  if (!id) return NoSuch("conversation", call.Param("id"));
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto c = app::FindConversation(**store, *id);
  if (!c) return Fail(c.error());
  return Json(app::ConversationJson(*c));
}

Reply PatchConversation(Call& call) {
  const auto id = IdParam(call, "id");
  if (!id) return NoSuch("conversation", call.Param("id"));
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::ConversationChange change;
  std::optional<bool> responded;
  Change(f, "status", change.status, 20);
  Change(f, "assignee", change.assignee, 200);
  Change(f, "topic", change.topic, 200);
  Bool(f, *body, "complaint", change.complaint);
  Change(f, "note", change.note, 10000);
  Bool(f, *body, "responded", responded);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  change.responded = responded.value_or(false);
  return WriteNamingField(call,
                          [id = *id, change](storage::Store& s) -> core::Result<app::WriteAnswer> {
                            auto c = app::ChangeConversation(s, id, change, core::UtcNowIso());
                            if (!c) return core::Err(c.error());
                            return app::WriteAnswer{200, app::ConversationJson(*c).dump()};
                          });
}

Reply GetServiceKpis(Call& call) {
  auto from = DayQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = DayQuery(call, "to");
  if (!to) return FailField("to", to.error());
  const core::Day last = to->value_or(core::LocalToday());
  const core::Day first = from->value_or(last - 89);
  if (first > last) return Fail(InvalidField("from", "is after to"));
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto k = app::ComputeServiceKpis(**store, first, last);
  if (!k) return Fail(k.error());
  ojson body{{"from", core::FormatDay(first)}, {"to", core::FormatDay(last)}};
  body.update(app::ServiceKpisJson(*k));
  return Json(std::move(body));
}

}  // namespace

void AddServiceRoutes(Router& router) {
  router.Add("GET", "/api/v1/tasks", Access::Read(), GetTasks);
  router.Add("POST", "/api/v1/tasks", Access::AdminOnly(), PostTask);
  router.Add("PATCH", "/api/v1/tasks/{id}", Access::AdminOnly(), PatchTask);
  router.Add("GET", "/api/v1/conversations", Access::Read(), GetConversations);
  router.Add("POST", "/api/v1/conversations", Access::AdminOnly(), PostConversation);
  router.Add("GET", "/api/v1/conversations/{id}", Access::Read(), GetConversation);
  router.Add("PATCH", "/api/v1/conversations/{id}", Access::AdminOnly(), PatchConversation);
  router.Add("GET", "/api/v1/service/kpis", Access::Read(), GetServiceKpis);
}

}  // namespace retain::api
