// retain feedback import|add|link|list: answers to "How likely are you to
// recommend us?" from a file or by hand, survey links for the shop's own
// receipts and mails, and the comments behind the score.
#include <iostream>

#include "retain/app/feedback_import.h"
#include "retain/app/listening_json.h"
#include "retain/app/nps_report.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/feedback_view.h"
#include "retain/cli/format.h"
#include "retain/cli/listening_config.h"
#include "retain/cli/message_config.h"
#include "retain/cli/progress_bar.h"
#include "retain/cli/toml_settings.h"
#include "retain/core/text.h"
#include "retain/storage/write_transaction.h"

namespace retain::cli {
namespace {

struct FeedbackFlags {
  std::string file, rejects, config;
  bool skip_bad = false, json = false;
  std::string customer, order, comment, date, language, channel = "email";
  int score = -1;
  std::string from, to, score_range;
  int limit = 50;
};

// Runs fn in a write transaction of the --db store; false after a failure
// (printed, exit code set).
template <class Fn>
bool InWrite(Context& ctx, Fn&& fn) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return false;
  if (auto s = storage::InWriteTransaction(*store, [&] { return fn(*store); }); !s.ok()) {
    ctx.Fail(s);
    return false;
  }
  return true;
}

// answers.csv -> answers.rejects.csv
std::string DefaultRejects(const std::string& file) {
  std::string base = file;
  if (base.size() > 4 && core::AsciiLower(base.substr(base.size() - 4)) == ".csv") {
    base.resize(base.size() - 4);
  }
  return base + ".rejects.csv";
}

void Import(Context& ctx, const FeedbackFlags& f) {
  auto settings = LoadListeningSettings(ConfigPath(f.config));
  if (!settings) return ctx.Fail(settings.error());
  if (!f.rejects.empty() && !f.skip_bad) {
    return ctx.Fail(core::InvalidArgument(
        ctx.T("--rejects goes with --skip-bad (without it the first bad row stops the import)",
              "--rejects gehört zu --skip-bad (ohne bricht die erste fehlerhafte Zeile den "
              "Import ab)")));
  }
  ProgressBar bar;
  app::FeedbackImportRequest request{
      .path = f.file,
      .skip_bad = f.skip_bad,
      .rejects_path = f.rejects.empty() ? DefaultRejects(f.file) : f.rejects,
      .progress = &bar};
  core::Result<app::FeedbackImportReport> report;
  const bool ok = InWrite(ctx, [&](storage::Store& s) -> core::Status {
    report = app::ImportFeedback(s, request, *settings, core::LocalToday(), core::UtcNowIso());
    return report ? core::Status() : report.error();
  });
  if (!ok) {
    if (ctx.exit_code == 2) {
      std::cerr << ctx.T(
          "Nothing was imported; the database is unchanged. Correct the row, or import the good "
          "rows with --skip-bad.\n",
          "Es wurde nichts importiert; die Datenbank ist unverändert. Korrigieren Sie die Zeile "
          "oder importieren Sie die guten Zeilen mit --skip-bad.\n");
    }
    return;
  }
  if (f.json) {
    std::cout << app::FeedbackImportJson(*report).dump(2) << "\n";
    return;
  }
  const auto& r = *report;
  std::cout << ctx.T("Answers imported from ", "Antworten importiert aus ") << f.file << ":\n"
            << "  " << ctx.T("new: ", "neu: ") << FormatCount(ctx, r.imported) << "\n"
            << "  " << ctx.T("unchanged (imported before): ", "unverändert (schon importiert): ")
            << FormatCount(ctx, r.unchanged) << "\n"
            << "  " << ctx.T("rejected: ", "abgelehnt: ") << FormatCount(ctx, r.rejected);
  if (r.rejected > 0 && !request.rejects_path.empty()) {
    std::cout << ctx.T(" (see ", " (siehe ") << request.rejects_path << ")";
  }
  std::cout << "\n"
            << "  " << ctx.T("call-back tasks opened: ", "Rückruf-Aufgaben angelegt: ")
            << FormatCount(ctx, r.tasks_opened) << "\n";
}

std::string GroupText(const Context& ctx, int score) {
  if (score <= 6) return ctx.T("detractor", "Kritiker");
  if (score <= 8) return ctx.T("passive", "Unentschlossener");
  return ctx.T("promoter", "Promotor");
}

void Add(Context& ctx, const FeedbackFlags& f) {
  auto settings = LoadListeningSettings(ConfigPath(f.config));
  if (!settings) return ctx.Fail(settings.error());
  auto day = ParseDateOption("--date", f.date);
  if (!day) return ctx.Fail(day.error());
  const core::Day today = core::LocalToday();
  if (*day && **day > today) {
    return ctx.Fail(core::InvalidArgument("--date: " + f.date +
                                          ctx.T(" lies in the future", " liegt in der Zukunft")));
  }
  app::FeedbackInput in{.customer_id = f.customer,
                        .order_id = f.order,
                        .score = f.score,
                        .comment = f.comment,
                        .day = *day,
                        .via = "cli"};
  core::Result<app::FeedbackOutcome> out;
  const bool ok = InWrite(ctx, [&](storage::Store& s) -> core::Status {
    out = app::RecordFeedback(s, in, *settings, today, core::UtcNowIso());
    return out ? core::Status() : out.error();
  });
  if (!ok) return;
  if (f.json) {
    std::cout << nlohmann::ordered_json{{"feedback", app::FeedbackJson(out->feedback)},
                                        {"task", out->task ? app::TaskJson(*out->task, today)
                                                           : nlohmann::ordered_json(nullptr)}}
                     .dump(2)
              << "\n";
    return;
  }
  const auto& fb = out->feedback;
  std::cout << ctx.T("Answer ", "Antwort ") << fb.id << ctx.T(" of ", " von ") << fb.customer_id
            << ctx.T(" recorded: ", " erfasst: ") << fb.score << " (" << GroupText(ctx, fb.score)
            << ")" << ctx.T(" on ", " am ") << core::FormatDay(fb.day) << "\n";
  if (out->task) {
    std::cout << ctx.T("Call-back task ", "Rückruf-Aufgabe ") << out->task->id
              << ctx.T(" opened, due ", " angelegt, fällig am ") << core::FormatDay(out->task->due)
              << ctx.T(" (retain tasks list)", " (retain tasks list)") << "\n";
  }
}

void Link(Context& ctx, const FeedbackFlags& f) {
  auto config = LoadMessageConfig(ConfigPath(f.config));
  if (!config) return ctx.Fail(config.error());
  const auto& message = config->send.message;
  app::SurveyLinkRequest request{.customer_id = f.customer,
                                 .order_id = f.order,
                                 .language = f.language,
                                 .channel = f.channel,
                                 .public_url = message.public_url,
                                 .valid_days = message.feedback_valid_days};
  core::Result<app::SurveyLink> link;
  const bool ok = InWrite(ctx, [&](storage::Store& s) -> core::Status {
    link = app::MakeSurveyLink(s, request, core::LocalToday(), core::UtcNowIso());
    return link ? core::Status() : link.error();
  });
  if (!ok) return;
  if (f.json) {
    std::cout << nlohmann::ordered_json{{"url", link->url},
                                        {"expires", core::FormatDay(link->expires)},
                                        {"request_id", link->request_id}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << link->url << "\n";
}

void List(Context& ctx, const FeedbackFlags& f) {
  app::CommentRequest request;
  request.customer_id = f.customer;
  request.limit = f.limit;
  auto from = ParseDateOption("--from", f.from);
  if (!from) return ctx.Fail(from.error());
  auto to = ParseDateOption("--to", f.to);
  if (!to) return ctx.Fail(to.error());
  auto range = ParseScoreRange(f.score_range);
  if (!range) return ctx.Fail(range.error());
  request.from = *from;
  request.to = *to;
  std::tie(request.min_score, request.max_score) = *range;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto comments = app::FeedbackComments(*store, request);
  if (!comments) return ctx.Fail(comments.error());
  if (f.json) {
    std::cout << nlohmann::ordered_json{{"comments", CommentsJson(*comments)}}.dump(2) << "\n";
    return;
  }
  PrintComments(ctx, *comments);
}

void AddConfig(CLI::App* cmd, const Context& ctx, FeedbackFlags& f) {
  cmd->add_option("--config", f.config,
                  ctx.T("TOML file with [listening] (default RETAIN_CONFIG)",
                        "TOML-Datei mit [listening] (Standard RETAIN_CONFIG)"));
}

}  // namespace

void RegisterFeedback(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<FeedbackFlags>();
  auto* cmd = app.add_subcommand(
      "feedback",
      ctx.T("Customer feedback (score 0-10 and comment): import, record, survey links, comments",
            "Kundenfeedback (Wert 0-10 und Kommentar): importieren, erfassen, Umfragelinks, "
            "Kommentare"));
  cmd->require_subcommand(1);

  auto* import_cmd = cmd->add_subcommand(
      "import",
      ctx.T("Import answers from a CSV file (',' or ';'), all or nothing.\n"
            "Header row with customer_id, score (0-10) and optionally comment, order_id,\n"
            "date (YYYY-MM-DD or DD.MM.YYYY), id (the shop's answer id), sales_channel, store.\n"
            "Importing the file again changes nothing. A detractor's answer (0-6) opens a\n"
            "call-back task.",
            "Antworten aus einer CSV-Datei (',' oder ';') importieren, ganz oder gar nicht.\n"
            "Kopfzeile mit customer_id, score (0-10) und wahlweise comment, order_id,\n"
            "date (JJJJ-MM-TT oder TT.MM.JJJJ), id (die Antwortnummer des Shops),\n"
            "sales_channel, store. Ein erneuter Import ändert nichts. Die Antwort eines\n"
            "Kritikers (0-6) legt eine Rückruf-Aufgabe an."));
  import_cmd
      ->add_option("FILE", f->file, ctx.T("CSV file (',' or ';')", "CSV-Datei (',' oder ';')"))
      ->required();
  import_cmd->add_flag(
      "--skip-bad", f->skip_bad,
      ctx.T("Import the good rows; write the bad ones with their reason to --rejects",
            "Die guten Zeilen importieren; die fehlerhaften mit Grund nach --rejects "
            "schreiben"));
  import_cmd->add_option("--rejects", f->rejects,
                         ctx.T("With --skip-bad: where the bad rows go (default FILE.rejects.csv)",
                               "Mit --skip-bad: Ziel der fehlerhaften Zeilen (Standard "
                               "DATEI.rejects.csv)"));
  AddConfig(import_cmd, ctx, *f);
  import_cmd->add_flag("--json", f->json,
                       ctx.T("Print the counts as JSON", "Zahlen als JSON ausgeben"));
  import_cmd->callback([&ctx, f] { Import(ctx, *f); });

  auto* add = cmd->add_subcommand(
      "add", ctx.T("Record one answer by hand (a detractor's opens a call-back task)",
                   "Eine Antwort von Hand erfassen (die eines Kritikers legt eine "
                   "Rückruf-Aufgabe an)"));
  add->add_option("CUSTOMER_ID", f->customer, ctx.T("The customer", "Der Kunde"))->required();
  add->add_option("SCORE", f->score,
                  ctx.T("How likely to recommend us, 0-10", "Weiterempfehlung, 0-10"))
      ->required();
  add->add_option("--comment", f->comment, ctx.T("What the customer said", "Was der Kunde sagte"));
  add->add_option("--order", f->order,
                  ctx.T("The order it is about (must be the customer's)",
                        "Die Bestellung, um die es geht (muss die des Kunden sein)"));
  add->add_option("--date", f->date,
                  ctx.T("The day it was given (YYYY-MM-DD; default today)",
                        "Der Tag der Antwort (JJJJ-MM-TT; Standard heute)"));
  AddConfig(add, ctx, *f);
  add->add_flag("--json", f->json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
  add->callback([&ctx, f] { Add(ctx, *f); });

  auto* link = cmd->add_subcommand(
      "link", ctx.T("Make a signed survey link for CUSTOMER_ID (for a receipt or the shop's own "
                    "mail); prints the URL. The address is [contact.messages] public_url.",
                    "Einen signierten Umfragelink für CUSTOMER_ID erzeugen (für einen Kassenbon "
                    "oder eigene Mails des Shops); gibt die URL aus. Die Adresse ist "
                    "[contact.messages] public_url."));
  link->add_option("CUSTOMER_ID", f->customer, ctx.T("The customer", "Der Kunde"))->required();
  link->add_option("--order", f->order,
                   ctx.T("Ask about this order (must be the customer's)",
                         "Nach dieser Bestellung fragen (muss die des Kunden sein)"));
  link->add_option("--language", f->language,
                   ctx.T("Language of the survey page (default the customer's)",
                         "Sprache der Umfrageseite (Standard die des Kunden)"))
      ->check(CLI::IsMember({"de", "en"}));
  link->add_option("--channel", f->channel,
                   ctx.T("How the link reaches the customer (default email)",
                         "Wie der Link zum Kunden kommt (Standard email)"))
      ->check(CLI::IsMember({"email", "sms", "letter", "phone"}));
  link->add_option("--config", f->config,
                   ctx.T("TOML file with [contact.messages] public_url (default RETAIN_CONFIG)",
                         "TOML-Datei mit [contact.messages] public_url (Standard RETAIN_CONFIG)"));
  link->add_flag(
      "--json", f->json,
      ctx.T("Print JSON (url, expires, request_id)", "JSON ausgeben (url, expires, request_id)"));
  link->callback([&ctx, f] { Link(ctx, *f); });

  auto* list = cmd->add_subcommand("list", ctx.T("The comments of the answers, newest first",
                                                 "Die Kommentare der Antworten, neueste zuerst"));
  list->add_option(
      "--from", f->from,
      ctx.T("First day (YYYY-MM-DD; default all)", "Erster Tag (JJJJ-MM-TT; Standard alle)"));
  list->add_option(
      "--to", f->to,
      ctx.T("Last day (YYYY-MM-DD; default all)", "Letzter Tag (JJJJ-MM-TT; Standard alle)"));
  list->add_option("--score", f->score_range,
                   ctx.T("Only these scores: 0-6, 7-8, 9-10, N, detractors, passives, promoters",
                         "Nur diese Werte: 0-6, 7-8, 9-10, N, detractors, passives, promoters"));
  list->add_option("--customer", f->customer, ctx.T("Only this customer", "Nur dieser Kunde"));
  list->add_option("--limit", f->limit,
                   ctx.T("At most this many (default 50)", "Höchstens so viele (Standard 50)"))
      ->check(CLI::PositiveNumber);
  list->add_flag("--json", f->json,
                 ctx.T("Print JSON (comments in full)", "JSON ausgeben (Kommentare vollständig)"));
  list->callback([&ctx, f] { List(ctx, *f); });
}

}  // namespace retain::cli
