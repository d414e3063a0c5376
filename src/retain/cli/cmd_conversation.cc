// retain conversation open|list|show|update|stats: the shared log of the
// customers' inbound contacts (channel, topic, status, first response,
// resolution) and the service figures of a period.
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

struct ConversationFlags {
  app::ConversationInput input;
  bool complaint = false, no_complaint = false, responded = false;
  std::string status, assignee, customer, note, topic, at;
  bool complaints_only = false;
  int64_t id = 0;
  std::string from, to;
  bool json = false;
};

const char* StatusText(const Context& ctx, const std::string& status) {
  if (status == "open") return ctx.T("open", "offen");
  if (status == "waiting") return ctx.T("waiting for the customer", "wartet auf den Kunden");
  if (status == "closed") return ctx.T("closed", "abgeschlossen");
  return status.c_str();
}

// A time given with --at: ISO 8601 with its offset, or now.
core::Result<std::string> TimeOption(const std::string& at) {
  if (at.empty()) return core::UtcNowIso();
  auto ts = core::ParseTimestamp(at);
  if (!ts || !ts->utc_offset_minutes) {
    return core::Err(core::InvalidArgument(
        "--at: '" + at + "' is not a time with its offset, e.g. 2026-11-24T09:30:00+01:00"));
  }
  return at;
}

std::string OrDash(const std::string& s) { return s.empty() ? "–" : s; }

void PrintOne(const Context& ctx, const storage::ConversationRecord& c) {
  std::cout << ctx.T("Conversation ", "Gespräch ") << c.id << ctx.T(" with ", " mit ")
            << c.customer_id << "\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Channel", "Kanal"), c.channel},
      {ctx.T("Topic", "Thema"),
       c.topic + (c.complaint ? ctx.T(" (complaint)", " (Beschwerde)") : "")},
      {ctx.T("Status", "Status"), StatusText(ctx, c.status)},
      {ctx.T("Assignee", "Zuständig"), OrDash(c.assignee)},
      {ctx.T("Came in", "Eingegangen"), c.opened_at},
      {ctx.T("First response", "Erste Antwort"), OrDash(c.first_response_at)},
      {ctx.T("Closed", "Abgeschlossen"), OrDash(c.closed_at)}};
  PrintTable(std::cout, rows, false);
  if (!c.summary.empty()) {
    std::cout << ctx.T("Notes:", "Notizen:") << "\n";
    size_t start = 0;
    while (start <= c.summary.size()) {
      const size_t end = std::min(c.summary.find('\n', start), c.summary.size());
      std::cout << "  " << c.summary.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }
}

// Runs change(store) in a write transaction and shows the conversation it returns.
template <class Change>
void Write(Context& ctx, bool json, Change change) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  core::Result<storage::ConversationRecord> c;
  if (auto s = storage::InWriteTransaction(*store,
                                           [&] {
                                             c = change(*store);
                                             return c ? core::Status() : c.error();
                                           });
      !s.ok()) {
    return ctx.Fail(s);
  }
  if (json) {
    std::cout << app::ConversationJson(*c).dump(2) << "\n";
    return;
  }
  PrintOne(ctx, *c);
}

void Open(Context& ctx, const ConversationFlags& f) {
  app::ConversationInput in = f.input;
  if (f.complaint) in.complaint = true;
  if (!f.at.empty()) {
    auto at = TimeOption(f.at);
    if (!at) return ctx.Fail(at.error());
    in.opened_at = *at;
  }
  Write(ctx, f.json, [&](storage::Store& s) {
    return app::OpenConversation(s, in, core::LocalToday(), core::UtcNowIso());
  });
}

void Update(Context& ctx, const ConversationFlags& f, const CLI::App& cmd) {
  if (f.complaint && f.no_complaint) {
    return ctx.Fail(
        core::InvalidArgument(ctx.T("--complaint and --no-complaint exclude each other",
                                    "--complaint und --no-complaint schließen einander aus")));
  }
  auto now = TimeOption(f.at);
  if (!now) return ctx.Fail(now.error());
  app::ConversationChange change;
  if (cmd.count("--status")) change.status = f.status;
  if (cmd.count("--assignee")) change.assignee = f.assignee;
  if (cmd.count("--topic")) change.topic = f.topic;
  if (cmd.count("--note")) change.note = f.note;
  if (f.complaint) change.complaint = true;
  if (f.no_complaint) change.complaint = false;
  change.responded = f.responded;
  Write(ctx, f.json,
        [&](storage::Store& s) { return app::ChangeConversation(s, f.id, change, *now); });
}

void Show(Context& ctx, const ConversationFlags& f) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto c = app::FindConversation(*store, f.id);
  if (!c) return ctx.Fail(c.error());
  if (f.json) {
    std::cout << app::ConversationJson(*c).dump(2) << "\n";
    return;
  }
  PrintOne(ctx, *c);
}

void List(Context& ctx, const ConversationFlags& f) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  storage::ConversationFilter filter{.customer_id = f.customer,
                                     .status = f.status == "all" ? "" : f.status,
                                     .assignee = f.assignee,
                                     .complaints_only = f.complaints_only};
  std::vector<storage::ConversationRecord> found;
  auto s = store->ScanConversations(filter, [&](const storage::ConversationRecord& c) {
    // Without --status: the ones still to handle (open and waiting).
    if (!f.status.empty() || c.status != "closed") found.push_back(c);
  });
  if (!s.ok()) return ctx.Fail(s);
  if (f.json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : found) list.push_back(app::ConversationJson(c));
    std::cout << nlohmann::ordered_json{{"conversations", std::move(list)}}.dump(2) << "\n";
    return;
  }
  if (found.empty()) {
    std::cout << ctx.T("No conversations match.\n", "Keine passenden Gespräche.\n");
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", ctx.T("Day", "Tag"), ctx.T("Customer", "Kunde"), ctx.T("Channel", "Kanal"),
       ctx.T("Topic", "Thema"), ctx.T("Status", "Status"), ctx.T("Assignee", "Zuständig"),
       ctx.T("Summary", "Zusammenfassung")}};
  for (const auto& c : found) {
    rows.push_back({std::to_string(c.id), core::FormatDay(c.day), c.customer_id, c.channel,
                    c.topic + (c.complaint ? " !" : ""), StatusText(ctx, c.status), c.assignee,
                    OneLine(c.summary, 50)});
  }
  PrintTable(std::cout, rows, false);
  std::cout << ctx.T("(! = complaint)", "(! = Beschwerde)") << "\n";
}

std::string Hours(const Context& ctx, std::optional<double> h) {
  return h ? FormatNumber(ctx, *h, 1) + " h" : "–";
}

void Stats(Context& ctx, const ConversationFlags& f) {
  auto from = ParseDateOption("--from", f.from);
  if (!from) return ctx.Fail(from.error());
  auto to = ParseDateOption("--to", f.to);
  if (!to) return ctx.Fail(to.error());
  const core::Day last = to->value_or(core::LocalToday());
  const core::Day first = from->value_or(last - 89);
  if (first > last) return ctx.Fail(core::InvalidArgument("--from: is after --to"));
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto k = app::ComputeServiceKpis(*store, first, last);
  if (!k) return ctx.Fail(k.error());
  if (f.json) {
    nlohmann::ordered_json j{{"from", core::FormatDay(first)}, {"to", core::FormatDay(last)}};
    j.update(app::ServiceKpisJson(*k));
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Service conversations ", "Servicegespräche ") << core::FormatDay(first)
            << " .. " << core::FormatDay(last) << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Figure", "Kennzahl"), ctx.T("Value", "Wert")},
      {ctx.T("Came in", "Eingegangen"), FormatCount(ctx, k->opened)},
      {ctx.T("Complaints", "Beschwerden"), FormatCount(ctx, k->complaints)},
      {ctx.T("Answered", "Beantwortet"), FormatCount(ctx, k->responded)},
      {ctx.T("Closed", "Abgeschlossen"), FormatCount(ctx, k->closed)},
      {ctx.T("Still open", "Noch offen"), FormatCount(ctx, k->open_now)},
      {ctx.T("First response, median", "Erste Antwort, Median"),
       Hours(ctx, k->first_response_hours_median)},
      {ctx.T("First response, mean", "Erste Antwort, Mittelwert"),
       Hours(ctx, k->first_response_hours_mean)},
      {ctx.T("Resolution, median", "Lösung, Median"), Hours(ctx, k->resolution_hours_median)},
      {ctx.T("Resolution, mean", "Lösung, Mittelwert"), Hours(ctx, k->resolution_hours_mean)}};
  PrintTable(std::cout, rows);
}

CLI::App* WithId(CLI::App* cmd, const Context& ctx, ConversationFlags& f) {
  cmd->add_option("ID", f.id,
                  ctx.T("The conversation's number (see retain conversation list)",
                        "Die Nummer des Gesprächs (siehe retain conversation list)"))
      ->required();
  return cmd;
}

void AddJson(CLI::App* cmd, const Context& ctx, ConversationFlags& f) {
  cmd->add_flag("--json", f.json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
}

}  // namespace

void RegisterConversation(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ConversationFlags>();
  auto* cmd = app.add_subcommand(
      "conversation",
      ctx.T("Service conversations: log what customers bring in, answer and close it, and the "
            "service figures",
            "Servicegespräche: erfassen, was Kunden vorbringen, beantworten und abschließen, und "
            "die Servicekennzahlen"));
  cmd->require_subcommand(1);
  const std::vector<std::string> channels(std::begin(app::kConversationChannels),
                                          std::end(app::kConversationChannels));

  auto* open =
      cmd->add_subcommand("open", ctx.T("Log a conversation of CUSTOMER_ID that came in",
                                        "Ein eingegangenes Gespräch von CUSTOMER_ID erfassen"));
  open->add_option("CUSTOMER_ID", f->input.customer_id, ctx.T("The customer", "Der Kunde"))
      ->required();
  open->add_option("--channel", f->input.channel,
                   ctx.T("email, phone, chat, store, letter, social or other",
                         "email, phone, chat, store, letter, social oder other"))
      ->required()
      ->check(CLI::IsMember(channels));
  open->add_option("--topic", f->input.topic,
                   ctx.T("What it is about, e.g. delivery, return, complaint",
                         "Worum es geht, z. B. delivery, return, complaint"))
      ->required();
  open->add_flag("--complaint", f->complaint,
                 ctx.T("It is a complaint (the topic 'complaint' is one anyway)",
                       "Es ist eine Beschwerde (das Thema 'complaint' ist ohnehin eine)"));
  open->add_option("--assignee", f->input.assignee, ctx.T("Who handles it", "Wer es bearbeitet"));
  open->add_option("--summary", f->input.summary, ctx.T("Notes", "Notizen"));
  open->add_option("--at", f->at,
                   ctx.T("When it came in (ISO 8601 with offset; default now)",
                         "Wann es einging (ISO 8601 mit Zeitzone; Standard jetzt)"));
  AddJson(open, ctx, *f);
  open->callback([&ctx, f] { Open(ctx, *f); });

  auto* list = cmd->add_subcommand(
      "list", ctx.T("The conversations still to handle (open and waiting), or by --status",
                    "Die noch zu bearbeitenden Gespräche (offen und wartend), oder nach --status"));
  list->add_option("--status", f->status,
                   ctx.T("open, waiting, closed or all (default open and waiting)",
                         "open, waiting, closed oder all (Standard offen und wartend)"))
      ->check(CLI::IsMember({"open", "waiting", "closed", "all"}));
  list->add_option("--assignee", f->assignee, ctx.T("Only this person's", "Nur die dieser Person"));
  list->add_option("--customer", f->customer,
                   ctx.T("Only this customer's", "Nur die dieses Kunden"));
  list->add_flag("--complaints", f->complaints_only, ctx.T("Only complaints", "Nur Beschwerden"));
  AddJson(list, ctx, *f);
  list->callback([&ctx, f] { List(ctx, *f); });

  auto* show = WithId(cmd->add_subcommand("show", ctx.T("One conversation with its notes",
                                                        "Ein Gespräch mit seinen Notizen")),
                      ctx, *f);
  AddJson(show, ctx, *f);
  show->callback([&ctx, f] { Show(ctx, *f); });

  auto* update = WithId(
      cmd->add_subcommand(
          "update", ctx.T("Answer, hand over, note or close a conversation. The first answer "
                          "(--responded, or the status waiting or closed) sets its first "
                          "response time.",
                          "Ein Gespräch beantworten, übergeben, notieren oder abschließen. Die "
                          "erste Antwort (--responded oder der Status waiting oder closed) "
                          "setzt die Zeit der ersten Antwort.")),
      ctx, *f);
  update->add_option("--status", f->status, "open | waiting | closed")
      ->check(CLI::IsMember({"open", "waiting", "closed"}));
  update->add_option("--assignee", f->assignee, ctx.T("Who handles it", "Wer es bearbeitet"));
  update->add_option("--note", f->note,
                     ctx.T("Add a note (a line of its own)", "Eine Notiz anfügen (eigene Zeile)"));
  update->add_flag("--responded", f->responded,
                   ctx.T("The shop answered the customer", "Der Shop hat dem Kunden geantwortet"));
  update->add_option("--topic", f->topic, ctx.T("A new topic", "Ein neues Thema"));
  update->add_flag("--complaint", f->complaint,
                   ctx.T("It is a complaint", "Es ist eine Beschwerde"));
  update->add_flag("--no-complaint", f->no_complaint,
                   ctx.T("It is no complaint", "Es ist keine Beschwerde"));
  update->add_option("--at", f->at,
                     ctx.T("When it happened (ISO 8601 with offset; default now)",
                           "Wann es geschah (ISO 8601 mit Zeitzone; Standard jetzt)"));
  AddJson(update, ctx, *f);
  update->callback([&ctx, f, update] { Update(ctx, *f, *update); });

  auto* stats = cmd->add_subcommand(
      "stats", ctx.T("Service figures of the conversations that came in in a period: counts, "
                     "first response and resolution time (median, mean) in hours",
                     "Servicekennzahlen der in einem Zeitraum eingegangenen Gespräche: Anzahlen, "
                     "Zeit bis zur ersten Antwort und bis zur Lösung (Median, Mittelwert) in "
                     "Stunden"));
  stats->add_option("--from", f->from,
                    ctx.T("First day (YYYY-MM-DD; default 89 days before --to)",
                          "Erster Tag (JJJJ-MM-TT; Standard 89 Tage vor --to)"));
  stats->add_option(
      "--to", f->to,
      ctx.T("Last day (YYYY-MM-DD; default today)", "Letzter Tag (JJJJ-MM-TT; Standard heute)"));
  AddJson(stats, ctx, *f);
  stats->callback([&ctx, f] { Stats(ctx, *f); });
}

}  // namespace retain::cli
