// Follow-up tasks: call-backs after a detractor's answer, satisfaction calls
// after a large purchase, and tasks made by hand.
#include "retain/app/listening.h"
#include "retain/core/money.h"
#include "retain/core/text.h"

namespace retain::app {
namespace {

std::string Shortened(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  return text.substr(0, core::Utf8Floor(text, max)) + "…";
}

bool KnownStatus(const std::string& s) { return s == "open" || s == "done" || s == "cancelled"; }

}  // namespace

core::Result<std::optional<storage::TaskRecord>> OpenCallBack(storage::Store& store,
                                                              const storage::FeedbackRecord& f,
                                                              const ListeningSettings& settings,
                                                              const std::string& now) {
  if (f.score > 6) return std::optional<storage::TaskRecord>();
  storage::TaskRecord t;
  t.customer_id = f.customer_id;
  t.kind = "call_back";
  t.reference = "feedback:" + std::to_string(f.id);
  t.reason = "NPS " + std::to_string(f.score) +
             (f.order_id.empty() ? "" : " (order " + f.order_id + ")") +
             (f.comment.empty() ? "" : ": " + Shortened(f.comment, 200));
  t.due = core::AddWorkingDays(f.day, settings.call_back_working_days);
  t.status = "open";
  t.created_at = now;
  auto id = store.SaveTask(t);
  if (!id) {
    if (id.error().code() == core::Code::kAlreadyExists)
      return std::optional<storage::TaskRecord>();
    return core::Err(id.error());
  }
  t.id = *id;
  return std::optional<storage::TaskRecord>(std::move(t));
}

core::Result<int64_t> OpenSatisfactionCalls(storage::Store& store, core::Day day,
                                            const ListeningSettings& settings,
                                            const std::string& now) {
  if (settings.satisfaction_call_min_cents <= 0) return int64_t{0};
  const core::Day last = day - settings.satisfaction_call_after_days;
  std::vector<storage::OrderStatusFact> orders;
  auto s = store.ScanOrdersBetween(last - 7, last, [&](const storage::OrderStatusFact& o) {
    if (o.total_minor >= settings.satisfaction_call_min_cents && o.status != "cancelled") {
      orders.push_back(o);
    }
  });
  if (!s.ok()) return core::Err(s);
  int64_t opened = 0;
  for (const auto& o : orders) {
    storage::TaskRecord t;
    t.customer_id = o.customer_id;
    t.kind = "satisfaction_call";
    t.reference = "order:" + o.order_id;
    t.reason = "order " + o.order_id + " of " + core::FormatDay(o.day) + ", " +
               core::FormatMinor(o.total_minor) + (o.store.empty() ? "" : ", store " + o.store);
    t.due = core::AddWorkingDays(day, settings.satisfaction_call_working_days);
    t.status = "open";
    t.created_at = now;
    auto id = store.SaveTask(t);
    if (id) {
      ++opened;
    } else if (id.error().code() != core::Code::kAlreadyExists) {
      return core::Err(id.error());
    }
  }
  return opened;
}

core::Result<storage::TaskRecord> AddTask(storage::Store& store, const TaskInput& in,
                                          core::Day today, const std::string& now) {
  if (in.customer_id.empty()) return core::Err(core::InvalidArgument("customer_id: is required"));
  if (in.reason.empty()) return core::Err(core::InvalidArgument("reason: is required"));
  if (in.kind.empty()) return core::Err(core::InvalidArgument("kind: must not be empty"));
  storage::TaskRecord t;
  t.customer_id = in.customer_id;
  t.kind = in.kind;
  t.reason = in.reason;
  t.due = in.due.value_or(core::AddWorkingDays(today, 2));
  t.status = "open";
  t.assignee = in.assignee;
  t.created_at = now;
  auto id = store.SaveTask(t);
  if (!id) {
    if (id.error().code() == core::Code::kNotFound) {
      return core::Err(core::NotFound("customer_id: unknown customer '" + in.customer_id + "'"));
    }
    return core::Err(id.error());
  }
  t.id = *id;
  return t;
}

core::Result<storage::TaskRecord> ChangeTask(storage::Store& store, int64_t id,
                                             const TaskChange& change, const std::string& now) {
  auto found = store.ListTasks({.id = id});
  if (!found) return core::Err(found.error());
  if (found->empty()) return core::Err(core::NotFound("there is no task " + std::to_string(id)));
  storage::TaskRecord t = found->front();
  if (change.status) {
    if (!KnownStatus(*change.status)) {
      return core::Err(core::InvalidArgument("status: must be open, done or cancelled"));
    }
    if (*change.status != t.status) t.done_at = *change.status == "open" ? "" : now;
    t.status = *change.status;
  }
  if (change.assignee) t.assignee = *change.assignee;
  if (change.note) t.note = *change.note;
  if (change.due) t.due = *change.due;
  auto updated = store.UpdateTask(t);
  if (!updated) return core::Err(updated.error());
  if (!*updated) return core::Err(core::NotFound("there is no task " + std::to_string(id)));
  return t;
}

}  // namespace retain::app
