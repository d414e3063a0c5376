// retain plan [commit]: whom to contact on a day, why, how and with what;
// and recording the day's contacts so the next days' caps count them.
#include <iostream>

#include "retain/app/analytics_session.h"
#include "retain/app/contact_plan.h"
#include "retain/cli/commands.h"
#include "retain/cli/contact_config.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/output_file.h"
#include "retain/cli/toml_settings.h"
#include "retain/storage/write_transaction.h"
#include "retain/synth/csv_out.h"

namespace retain::cli {
namespace {

struct PlanFlags {
  std::string date, segment, out, config;
  bool json = false;
  int limit = 50;
};

struct PlanRun {
  app::AnalyticsSession session;
  app::PlanReport plan;
  app::ListeningSettings listening;
};

std::optional<PlanRun> Build(Context& ctx, const PlanFlags& f) {
  auto settings = LoadPlanSettings(ConfigPath(f.config));
  if (!settings) {
    ctx.Fail(settings.error());
    return std::nullopt;
  }
  auto day = ParseDateOption("--date", f.date);
  if (!day) {
    ctx.Fail(day.error());
    return std::nullopt;
  }
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) {
    ctx.Fail(session.error());
    return std::nullopt;
  }
  app::PlanRequest request;
  request.day = day->value_or(core::LocalToday());
  request.segment = f.segment;
  auto plan = app::BuildPlan(*session->store, session->snapshot, *settings, request);
  if (!plan) {
    ctx.Fail(plan.error());
    return std::nullopt;
  }
  return PlanRun{std::move(*session), std::move(*plan), settings->listening};
}

std::string OfferText(const Context& ctx, const nlohmann::ordered_json& offer) {
  if (offer.is_null()) return "";
  const int64_t value = offer["value"];
  if (offer["kind"] == "voucher") return FormatMoney(ctx, value);
  return std::to_string(value) + " P";
}

core::Status WriteCsv(std::ostream& out, const app::PlanReport& plan) {
  std::string buf =
      "customer_id,trigger,purpose,priority,channel,legal_rule,template,language,offer_kind,"
      "offer_value,reference,reason\n";
  for (const auto& e : plan.contacts) {
    const auto j = app::PlanEntryJson(e);
    const std::string fields[] = {
        e.customer_id,
        j["trigger"],
        j["purpose"],
        std::to_string(j["priority"].get<int>()),
        j["channel"],
        j["legal_rule"],
        e.template_name,
        e.language,
        e.contact.proposal.offer.kind,
        e.contact.proposal.offer.kind.empty() ? "" : std::to_string(e.contact.proposal.offer.value),
        e.contact.proposal.reference,
        e.reason};
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i) buf += ',';
      synth::AppendCsvField(buf, fields[i]);
    }
    buf += '\n';
  }
  out << buf;
  return out ? core::Status() : core::IoError("write failed");
}

void PrintCounts(const Context& ctx, const char* en, const char* de,
                 const std::map<std::string, int64_t>& counts) {
  std::vector<std::vector<std::string>> rows = {{ctx.T(en, de), ctx.T("Count", "Anzahl")}};
  for (const auto& [k, n] : counts) rows.push_back({k, FormatCount(ctx, n)});
  if (rows.size() == 1) rows.push_back({"-", "0"});
  PrintTable(std::cout, rows);
  std::cout << "\n";
}

void Print(const Context& ctx, const app::PlanReport& plan, int limit) {
  std::cout << ctx.T("Contact plan for ", "Kontaktplan für ") << core::FormatDay(plan.day);
  if (!plan.segment.empty())
    std::cout << " (" << ctx.T("segment ", "Segment ") << plan.segment << ")";
  std::cout << "\n"
            << ctx.T("Customers looked at: ", "Betrachtete Kunden: ")
            << FormatCount(ctx, plan.customers) << ", " << ctx.T("with a reason: ", "mit Anlass: ")
            << FormatCount(ctx, plan.candidates) << ", " << ctx.T("planned: ", "geplant: ")
            << FormatCount(ctx, plan.contacts.size());
  if (plan.already_contacted > 0) {
    std::cout << ", " << ctx.T("contacted that day already: ", "an dem Tag schon kontaktiert: ")
              << FormatCount(ctx, plan.already_contacted);
  }
  std::cout << "\n\n";
  PrintCounts(ctx, "Trigger", "Anlass", plan.by_trigger);
  PrintCounts(ctx, "Channel", "Kanal", plan.by_channel);
  PrintCounts(ctx, "Held back by rule", "Zurückgehalten durch Regel", plan.suppressed);
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Customer", "Kunde"), ctx.T("Trigger", "Anlass"), ctx.T("Channel", "Kanal"),
       ctx.T("Priority", "Priorität"), ctx.T("Template", "Vorlage"), ctx.T("Offer", "Angebot"),
       ctx.T("Reason", "Grund")}};
  for (const auto& e : plan.contacts) {
    if (static_cast<int>(rows.size()) > limit) break;
    const auto j = app::PlanEntryJson(e);
    rows.push_back({e.customer_id, j["trigger"], j["channel"],
                    std::to_string(j["priority"].get<int>()), e.template_name,
                    OfferText(ctx, j["offer"]), e.reason});
  }
  if (rows.size() > 1) PrintTable(std::cout, rows, false);
  if (static_cast<int64_t>(plan.contacts.size()) > limit) {
    std::cout << ctx.T("... and ", "... und ") << FormatCount(ctx, plan.contacts.size() - limit)
              << ctx.T(" more (--limit, --out FILE or --json for all)\n",
                       " weitere (--limit, --out DATEI oder --json für alle)\n");
  }
}

void Plan(Context& ctx, const PlanFlags& f) {
  auto run = Build(ctx, f);
  if (!run) return;
  const auto& plan = run->plan;
  if (!f.out.empty()) {
    const bool json = f.out.ends_with(".json");
    auto s = WriteFileReplacing(f.out, [&](std::ostream& out) {
      if (json) {
        out << app::PlanJson(plan, true).dump(2) << "\n";
        return out ? core::Status() : core::IoError("write failed");
      }
      return WriteCsv(out, plan);
    });
    if (!s.ok()) return ctx.Fail(s);
  }
  if (f.json) {
    std::cout << app::PlanJson(plan, true).dump(2) << "\n";
    return;
  }
  Print(ctx, plan, f.limit);
  if (!f.out.empty()) {
    std::cout << ctx.T("Plan written to ", "Plan geschrieben nach ") << f.out << "\n";
  }
}

void Commit(Context& ctx, const PlanFlags& f) {
  auto run = Build(ctx, f);
  if (!run) return;
  auto& store = *run->session.store;
  core::Result<app::CommitReport> report;
  core::Result<int64_t> calls = int64_t{0};
  // The day's satisfaction calls (large purchases) become tasks with it.
  if (auto s = storage::InWriteTransaction(store,
                                           [&] {
                                             const std::string now = core::UtcNowIso();
                                             report = app::CommitPlan(store, run->plan, now);
                                             if (!report) return report.error();
                                             calls = app::OpenSatisfactionCalls(
                                                 store, run->plan.day, run->listening, now);
                                             return calls ? core::Status() : calls.error();
                                           });
      !s.ok()) {
    return ctx.Fail(s);
  }
  if (f.json) {
    std::cout << nlohmann::ordered_json{{"day", core::FormatDay(run->plan.day)},
                                        {"recorded", report->recorded},
                                        {"already_recorded", report->already},
                                        {"satisfaction_calls", *calls}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << ctx.T("Committed the plan for ", "Plan festgeschrieben für ")
            << core::FormatDay(run->plan.day) << ": " << FormatCount(ctx, report->recorded)
            << ctx.T(" contacts recorded", " Kontakte erfasst");
  if (report->already > 0) {
    std::cout << ", " << FormatCount(ctx, report->already)
              << ctx.T(" recorded before", " schon vorher erfasst");
  }
  std::cout << "\n";
  if (*calls > 0) {
    std::cout << FormatCount(ctx, *calls)
              << ctx.T(
                     " satisfaction calls after large purchases added to the task list "
                     "(retain tasks list)",
                     " Zufriedenheitsanrufe nach großen Einkäufen in die Aufgabenliste "
                     "aufgenommen (retain tasks list)")
              << "\n";
  }
}

void AddCommon(CLI::App* cmd, const Context& ctx, PlanFlags& f) {
  cmd->add_option("--date", f.date,
                  ctx.T("The day to plan (YYYY-MM-DD; default today)",
                        "Der zu planende Tag (JJJJ-MM-TT; Standard heute)"));
  cmd->add_option("--segment", f.segment,
                  ctx.T("Only the customers of this segment (see `retain segment list`)",
                        "Nur die Kunden dieses Segments (siehe `retain segment list`)"));
  cmd->add_option("--config", f.config,
                  ctx.T("TOML file with [contact] and [loyalty] (default RETAIN_CONFIG)",
                        "TOML-Datei mit [contact] und [loyalty] (Standard RETAIN_CONFIG)"));
  cmd->add_flag("--json", f.json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
}

}  // namespace

void RegisterPlan(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<PlanFlags>();
  auto* cmd = app.add_subcommand(
      "plan", ctx.T("The contact plan of a day: who, why, on which channel, with what offer",
                    "Der Kontaktplan eines Tages: wer, warum, über welchen Kanal, mit welchem "
                    "Angebot"));
  AddCommon(cmd, ctx, *f);
  cmd->add_option("--out", f->out,
                  ctx.T("Also write every planned contact to FILE (CSV; JSON if FILE ends in "
                        ".json)",
                        "Jeden geplanten Kontakt auch in DATEI schreiben (CSV; JSON bei "
                        "Endung .json)"));
  cmd->add_option("--limit", f->limit,
                  ctx.T("Contacts listed on screen (default 50)",
                        "Auf dem Bildschirm gelistete Kontakte (Standard 50)"));
  cmd->require_subcommand(0, 1);
  auto* commit = cmd->add_subcommand(
      "commit", ctx.T("Record the day's planned contacts (again: nothing new)",
                      "Die geplanten Kontakte des Tages erfassen (erneut: nichts Neues)"));
  AddCommon(commit, ctx, *f);
  commit->callback([&ctx, f] { Commit(ctx, *f); });
  cmd->callback([&ctx, f, cmd, commit] {
    if (!cmd->got_subcommand(commit)) Plan(ctx, *f);
  });
}

}  // namespace retain::cli
