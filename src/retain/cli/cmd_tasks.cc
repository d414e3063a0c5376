// retain tasks list|add|done|assign|reopen|cancel: the team's follow-ups
// (call-backs after a detractor's answer, satisfaction calls after a large
// purchase, tasks made by hand).
#include <algorithm>
#include <iostream>

#include "retain/app/listening.h"
#include "retain/app/listening_json.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/feedback_view.h"
#include "retain/cli/format.h"
#include "retain/storage/write_transaction.h"

namespace retain::cli {
namespace {

struct TaskFlags {
  std::string status = "open", assignee, customer, kind;
  app::TaskInput input;
  std::string due;
  int64_t id = 0;
  std::string note;
  bool json = false;
};

const char* KindText(const Context& ctx, const std::string& kind) {
  if (kind == "call_back") return ctx.T("call back", "Rückruf");
  if (kind == "satisfaction_call") return ctx.T("satisfaction call", "Zufriedenheitsanruf");
  if (kind == "other") return ctx.T("other", "Sonstiges");
  return kind.c_str();
}

const char* StatusText(const Context& ctx, const std::string& status) {
  if (status == "open") return ctx.T("open", "offen");
  if (status == "done") return ctx.T("done", "erledigt");
  if (status == "cancelled") return ctx.T("cancelled", "abgebrochen");
  return status.c_str();
}

void List(Context& ctx, const TaskFlags& f) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  storage::TaskFilter filter{.customer_id = f.customer,
                             .status = f.status == "all" ? "" : f.status,
                             .assignee = f.assignee,
                             .kind = f.kind};
  auto tasks = (*store).ListTasks(filter);
  if (!tasks) return ctx.Fail(tasks.error());
  std::stable_sort(tasks->begin(), tasks->end(),
                   [](const storage::TaskRecord& a, const storage::TaskRecord& b) {
                     return a.due != b.due ? a.due < b.due : a.id < b.id;
                   });
  const core::Day today = core::LocalToday();
  if (f.json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& t : *tasks) list.push_back(app::TaskJson(t, today));
    std::cout << nlohmann::ordered_json{{"tasks", std::move(list)}}.dump(2) << "\n";
    return;
  }
  if (tasks->empty()) {
    std::cout << ctx.T("No tasks match.\n", "Keine passenden Aufgaben.\n");
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", ctx.T("Due", "Fällig"), ctx.T("Customer", "Kunde"), ctx.T("Kind", "Art"),
       ctx.T("Status", "Status"), ctx.T("Assignee", "Zuständig"), ctx.T("Reason", "Anlass")}};
  const bool notes = std::any_of(tasks->begin(), tasks->end(),
                                 [](const storage::TaskRecord& t) { return !t.note.empty(); });
  if (notes) rows[0].push_back(ctx.T("Note", "Notiz"));
  int64_t overdue = 0;
  for (const auto& t : *tasks) {
    const bool late = t.status == "open" && t.due < today;
    overdue += late;
    rows.push_back({std::to_string(t.id),
                    core::FormatDay(t.due) + (late ? ctx.T(" overdue", " überfällig") : ""),
                    t.customer_id, KindText(ctx, t.kind), StatusText(ctx, t.status), t.assignee,
                    OneLine(t.reason, 60)});
    if (notes) rows.back().push_back(OneLine(t.note, 40));
  }
  PrintTable(std::cout, rows, false);
  const auto n = static_cast<int64_t>(tasks->size());
  std::cout << FormatCount(ctx, n)
            << (n == 1 ? ctx.T(" task", " Aufgabe") : ctx.T(" tasks", " Aufgaben"));
  if (overdue > 0) {
    std::cout << ", " << FormatCount(ctx, overdue) << ctx.T(" overdue", " überfällig");
  }
  std::cout << "\n";
}

// Runs change(store) in a write transaction and prints the task it returns.
template <class Change>
void Write(Context& ctx, const TaskFlags& f, const char* en, const char* de, Change change) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  core::Result<storage::TaskRecord> task;
  if (auto s = storage::InWriteTransaction(*store,
                                           [&] {
                                             task = change(*store);
                                             return task ? core::Status() : task.error();
                                           });
      !s.ok()) {
    return ctx.Fail(s);
  }
  if (f.json) {
    std::cout << app::TaskJson(*task, core::LocalToday()).dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Task ", "Aufgabe ") << task->id << " (" << task->customer_id << ", "
            << KindText(ctx, task->kind) << ")" << ctx.T(en, de);
  if (task->status == "open") {
    std::cout << ctx.T(", due ", ", fällig am ") << core::FormatDay(task->due);
    if (!task->assignee.empty()) std::cout << ctx.T(", for ", ", für ") << task->assignee;
  }
  std::cout << ".\n";
}

void Add(Context& ctx, const TaskFlags& f) {
  auto due = ParseDateOption("--due", f.due);
  if (!due) return ctx.Fail(due.error());
  app::TaskInput in = f.input;
  in.due = *due;
  Write(ctx, f, " added", " angelegt", [&](storage::Store& s) {
    return app::AddTask(s, in, core::LocalToday(), core::UtcNowIso());
  });
}

void Change(Context& ctx, const TaskFlags& f, const app::TaskChange& change, const char* en,
            const char* de) {
  Write(ctx, f, en, de,
        [&](storage::Store& s) { return app::ChangeTask(s, f.id, change, core::UtcNowIso()); });
}

CLI::App* WithId(CLI::App* cmd, const Context& ctx, TaskFlags& f) {
  cmd->add_option("ID", f.id,
                  ctx.T("The task's number (see retain tasks list)",
                        "Die Nummer der Aufgabe (siehe retain tasks list)"))
      ->required();
  return cmd;
}

void AddJson(CLI::App* cmd, const Context& ctx, TaskFlags& f) {
  cmd->add_flag("--json", f.json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
}

}  // namespace

void RegisterTasks(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<TaskFlags>();
  auto* cmd = app.add_subcommand(
      "tasks", ctx.T("The team's follow-ups: call-backs after a detractor's answer, satisfaction "
                     "calls after large purchases, tasks made by hand",
                     "Die Nachfassaufgaben des Teams: Rückrufe nach der Antwort eines Kritikers, "
                     "Zufriedenheitsanrufe nach großen Einkäufen, eigene Aufgaben"));
  cmd->require_subcommand(1);

  auto* list =
      cmd->add_subcommand("list", ctx.T("The tasks by due date; overdue ones are marked",
                                        "Die Aufgaben nach Fälligkeit; überfällige sind markiert"));
  list->add_option("--status", f->status,
                   ctx.T("open, done, cancelled or all (default open)",
                         "open, done, cancelled oder all (Standard open)"))
      ->check(CLI::IsMember({"open", "done", "cancelled", "all"}));
  list->add_option("--assignee", f->assignee, ctx.T("Only this person's", "Nur die dieser Person"));
  list->add_option("--customer", f->customer,
                   ctx.T("Only this customer's", "Nur die dieses Kunden"));
  list->add_option("--kind", f->kind,
                   ctx.T("Only this kind: call_back, satisfaction_call, other, ...",
                         "Nur diese Art: call_back, satisfaction_call, other, ..."));
  AddJson(list, ctx, *f);
  list->callback([&ctx, f] { List(ctx, *f); });

  auto* add = cmd->add_subcommand(
      "add", ctx.T("Add a task for CUSTOMER_ID", "Eine Aufgabe zu CUSTOMER_ID anlegen"));
  add->add_option("CUSTOMER_ID", f->input.customer_id, ctx.T("The customer", "Der Kunde"))
      ->required();
  add->add_option("--reason", f->input.reason,
                  ctx.T("What to do and why", "Was zu tun ist und warum"))
      ->required();
  add->add_option("--kind", f->input.kind,
                  ctx.T("call_back, satisfaction_call or other (default other)",
                        "call_back, satisfaction_call oder other (Standard other)"));
  add->add_option("--due", f->due,
                  ctx.T("Due day (YYYY-MM-DD; default 2 working days from today)",
                        "Fällig am (JJJJ-MM-TT; Standard in 2 Werktagen)"));
  add->add_option("--assignee", f->input.assignee, ctx.T("Who does it", "Wer es erledigt"));
  AddJson(add, ctx, *f);
  add->callback([&ctx, f] { Add(ctx, *f); });

  auto* done = WithId(cmd->add_subcommand("done", ctx.T("Mark a task done",
                                                        "Eine Aufgabe als "
                                                        "erledigt markieren")),
                      ctx, *f);
  done->add_option("--note", f->note, ctx.T("What came of it", "Was dabei herauskam"));
  AddJson(done, ctx, *f);
  done->callback([&ctx, f, done] {
    app::TaskChange c{.status = "done"};
    if (done->count("--note")) c.note = f->note;
    Change(ctx, *f, c, " done", " erledigt");
  });

  auto* assign = WithId(cmd->add_subcommand("assign", ctx.T("Give a task to someone",
                                                            "Eine Aufgabe jemandem zuweisen")),
                        ctx, *f);
  assign->add_option("ASSIGNEE", f->assignee, ctx.T("Who does it", "Wer es erledigt"))->required();
  AddJson(assign, ctx, *f);
  assign->callback(
      [&ctx, f] { Change(ctx, *f, {.assignee = f->assignee}, " assigned", " zugewiesen"); });

  auto* reopen =
      WithId(cmd->add_subcommand("reopen", ctx.T("Open a done or cancelled task again",
                                                 "Eine erledigte oder abgebrochene Aufgabe wieder "
                                                 "öffnen")),
             ctx, *f);
  AddJson(reopen, ctx, *f);
  reopen->callback(
      [&ctx, f] { Change(ctx, *f, {.status = "open"}, " open again", " wieder offen"); });

  auto* cancel = WithId(cmd->add_subcommand("cancel", ctx.T("Cancel a task (nothing to do)",
                                                            "Eine Aufgabe abbrechen (nichts zu "
                                                            "tun)")),
                        ctx, *f);
  cancel->add_option("--note", f->note, ctx.T("Why", "Warum"));
  AddJson(cancel, ctx, *f);
  cancel->callback([&ctx, f, cancel] {
    app::TaskChange c{.status = "cancelled"};
    if (cancel->count("--note")) c.note = f->note;
    Change(ctx, *f, c, " cancelled", " abgebrochen");
  });
}

}  // namespace retain::cli
