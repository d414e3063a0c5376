// retain send: the committed plan of a day as messages: emails through SMTP
// (or exported for a newsletter tool), letters, texts and calls as work lists.
#include <iostream>

#include "retain/app/analytics_session.h"
#include "retain/app/message_send.h"
#include "retain/cli/commands.h"
#include "retain/cli/contact_config.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/message_config.h"
#include "retain/cli/progress_bar.h"
#include "retain/cli/toml_settings.h"

namespace retain::cli {
namespace {

struct SendFlags {
  std::string date, out, config;
  bool email_export = false, retry_failed = false, json = false;
};

void Print(const Context& ctx, const app::SendReport& r) {
  std::cout << ctx.T("Messages for ", "Nachrichten für ") << core::FormatDay(r.day) << ": "
            << FormatCount(ctx, r.contacts)
            << ctx.T(" contacts committed\n", " Kontakte geplant\n");
  const std::vector<std::vector<std::string>> rows = {
      {ctx.T("Emails sent", "E-Mails versandt"), FormatCount(ctx, r.sent)},
      {ctx.T("Exported to work lists", "In Arbeitslisten exportiert"),
       FormatCount(ctx, r.exported)},
      {ctx.T("Failed", "Fehlgeschlagen"), FormatCount(ctx, r.failed)},
      {ctx.T("Done by an earlier run", "Schon vorher erledigt"), FormatCount(ctx, r.done_before)},
      {ctx.T("Being sent by another run", "Von einem anderen Lauf in Arbeit"),
       FormatCount(ctx, r.in_progress)}};
  PrintTable(std::cout, rows);
  if (r.deferred > 0) {
    std::cout << FormatCount(ctx, r.deferred)
              << ctx.T(" emails stay planned: the mail server could not be reached (",
                       " E-Mails bleiben geplant: der Mailserver war nicht erreichbar (")
              << r.deferred_reason
              << ctx.T("). Run `retain send` again later.\n",
                       "). `retain send` später erneut aufrufen.\n");
  }
  for (const auto& f : r.files) std::cout << ctx.T("Written: ", "Geschrieben: ") << f << "\n";
  for (const auto& f : r.failures) {
    std::cout << ctx.T("Failed: ", "Fehlgeschlagen: ") << f.customer_id << " (#" << f.contact_id
              << "): " << f.reason << "\n";
  }
  if (r.in_progress > 0) {
    std::cout << ctx.T(
        "Contacts still \"sending\" were taken by a run that may have stopped; they are not sent "
        "again automatically (see the README's \"Sending\").\n",
        "Kontakte im Status \"sending\" hat ein Lauf übernommen, der abgebrochen sein kann; sie "
        "werden nicht automatisch erneut versandt (siehe README, \"Versand\").\n");
  }
}

void Send(Context& ctx, const SendFlags& f) {
  auto run = OpenMessageRun(ctx.db, f.config, f.date);
  if (!run) return ctx.Fail(run.error());
  const auto& config = run->config;
  std::unique_ptr<app::SmtpMailer> mailer;
  if (!config.smtp.host.empty()) mailer = std::make_unique<app::SmtpMailer>(config.smtp);
  // --out, else [contact.messages] work_list_dir, else the current folder.
  std::string out = f.out.empty() ? config.work_list_dir : f.out;
  if (out.empty()) out = ".";
  app::SendRequest request{.day = run->day,
                           .out_dir = out,
                           .email_export = f.email_export,
                           .retry_failed = f.retry_failed};
  auto report =
      app::SendPlan(*run->session.store, run->session.snapshot, config.send, run->plan.program,
                    request, mailer.get(), CountProgress(ctx.T("contacts", "Kontakte")));
  if (!report) return ctx.Fail(report.error());
  if (f.json) {
    std::cout << app::SendReportJson(*report).dump(2) << "\n";
  } else {
    Print(ctx, *report);
  }
  if (report->failed > 0 || report->deferred > 0) ctx.exit_code = 1;
}

}  // namespace

void RegisterSend(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<SendFlags>();
  auto* cmd = app.add_subcommand(
      "send", ctx.T("Send the committed plan of a day: emails by SMTP, letters, texts and calls "
                    "as work lists (CSV)",
                    "Den festgeschriebenen Plan eines Tages versenden: E-Mails per SMTP, Briefe, "
                    "SMS und Anrufe als Arbeitslisten (CSV)"));
  cmd->add_option("--date", f->date,
                  ctx.T("The day whose plan is sent (YYYY-MM-DD; default today)",
                        "Der Tag, dessen Plan versandt wird (JJJJ-MM-TT; Standard heute)"));
  cmd->add_option("--out", f->out,
                  ctx.T("Folder for the work lists (default: work_list_dir of [contact.messages], "
                        "else the current one)",
                        "Ordner für die Arbeitslisten (Standard: work_list_dir aus "
                        "[contact.messages], sonst der aktuelle)"));
  cmd->add_flag("--email-export", f->email_export,
                ctx.T("Write the emails to email-DATE.csv for a newsletter tool instead of "
                      "sending them",
                      "Die E-Mails in email-DATUM.csv für ein Newsletter-Werkzeug schreiben, "
                      "statt sie zu senden"));
  cmd->add_flag("--retry-failed", f->retry_failed,
                ctx.T("Also try contacts that failed before",
                      "Auch früher fehlgeschlagene "
                      "Kontakte erneut versuchen"));
  cmd->add_option("--config", f->config,
                  ctx.T("TOML file with [contact] and [loyalty] (default RETAIN_CONFIG)",
                        "TOML-Datei mit [contact] und [loyalty] (Standard RETAIN_CONFIG)"));
  cmd->add_flag("--json", f->json, ctx.T("Print JSON", "JSON ausgeben"));
  cmd->callback([&ctx, f] { Send(ctx, *f); });
}

}  // namespace retain::cli
