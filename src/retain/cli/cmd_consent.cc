// retain consent show|set: what a customer allowed on each channel, and
// recording a consent or an objection (with an audit entry).
#include <iostream>

#include "retain/app/consents.h"
#include "retain/cli/commands.h"
#include "retain/cli/format.h"
#include "retain/storage/write_transaction.h"

namespace retain::cli {
namespace {

struct ConsentFlags {
  app::ConsentChange change;
  bool history = false;
  bool json = false;
};

const char* StatusText(const Context& ctx, const std::string& status) {
  if (status == "granted") return ctx.T("granted", "erteilt");
  if (status == "denied") return ctx.T("denied", "abgelehnt");
  if (status == "revoked") return ctx.T("revoked (objection)", "widerrufen (Widerspruch)");
  return ctx.T("unknown", "unbekannt");
}

void PrintConsents(const Context& ctx, const nlohmann::ordered_json& view) {
  auto rows_of = [&](const nlohmann::ordered_json& list, bool with_time) {
    std::vector<std::vector<std::string>> rows = {
        {ctx.T("Channel", "Kanal"), ctx.T("Status", "Status"), ctx.T("Legal basis", "Grundlage"),
         ctx.T("Source", "Quelle"), ctx.T("Since", "Seit")}};
    for (const auto& c : list) {
      rows.push_back({c["channel"].get<std::string>(), StatusText(ctx, c["status"]),
                      c["basis"].get<std::string>(), c["source"].get<std::string>(),
                      with_time ? c["changed_at"].get<std::string>() : ""});
    }
    PrintTable(std::cout, rows, false);
  };
  std::cout << ctx.T("Consents of ", "Einwilligungen von ")
            << view["customer_id"].get<std::string>() << "\n";
  rows_of(view["consents"], true);
  if (view.contains("history")) {
    std::cout << "\n" << ctx.T("History (oldest first)", "Verlauf (älteste zuerst)") << "\n";
    rows_of(view["history"], true);
  }
}

void Show(Context& ctx, const ConsentFlags& f) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto view = app::ConsentsJson(*store, f.change.customer_id, f.history);
  if (!view) return ctx.Fail(view.error());
  if (f.json) {
    std::cout << view->dump(2) << "\n";
  } else {
    PrintConsents(ctx, *view);
  }
}

void Set(Context& ctx, ConsentFlags f) {
  if (f.change.source.empty()) f.change.source = "cli";
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  if (auto s = storage::InWriteTransaction(
          *store, [&] { return app::RecordConsent(*store, f.change, "cli", core::UtcNowIso()); });
      !s.ok()) {
    return ctx.Fail(s);
  }
  f.history = false;
  Show(ctx, f);
}

}  // namespace

void RegisterConsent(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ConsentFlags>();
  auto* cmd = app.add_subcommand(
      "consent",
      ctx.T("Consents per channel: show, record (with history and audit log)",
            "Einwilligungen je Kanal: anzeigen, erfassen (mit Verlauf und Prüfprotokoll)"));
  cmd->require_subcommand(1);
  auto* show = cmd->add_subcommand("show", ctx.T("The consent that counts on each channel",
                                                 "Die geltende Einwilligung je Kanal"));
  show->add_option("customer", f->change.customer_id, ctx.T("Customer id", "Kundennummer"))
      ->required();
  show->add_flag("--history", f->history,
                 ctx.T("Also every recorded change", "Auch jede erfasste Änderung"));
  show->add_flag("--json", f->json,
                 ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
  show->callback([&ctx, f] { Show(ctx, *f); });
  auto* set = cmd->add_subcommand(
      "set", ctx.T("Record a consent or an objection on one channel",
                   "Eine Einwilligung oder einen Widerspruch für einen Kanal erfassen"));
  set->add_option("customer", f->change.customer_id, ctx.T("Customer id", "Kundennummer"))
      ->required();
  set->add_option("channel", f->change.channel, "email | sms | phone | letter")->required();
  set->add_option("status", f->change.status, "granted | denied | revoked")->required();
  set->add_option(
      "--basis", f->change.basis,
      ctx.T("Legal basis for granted: consent | double_opt_in | uwg_7_3 | contract",
            "Rechtsgrundlage bei granted: consent | double_opt_in | uwg_7_3 | contract"));
  set->add_option("--source", f->change.source,
                  ctx.T("Where the customer said it (default cli)",
                        "Wo der Kunde es erklärt hat (Standard cli)"));
  set->add_option("--changed-at", f->change.changed_at,
                  ctx.T("When (ISO 8601 with offset; default now)",
                        "Wann (ISO 8601 mit Zeitzone; Standard jetzt)"));
  set->add_option("--confirmed-at", f->change.confirmed_at,
                  ctx.T("Double opt-in: confirmation time", "Double-Opt-in: Bestätigungszeit"));
  set->add_option("--proof", f->change.proof,
                  ctx.T("Double opt-in: confirmation token or message id",
                        "Double-Opt-in: Bestätigungs-Token oder Nachrichten-ID"));
  set->add_flag("--json", f->json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
  set->callback([&ctx, f] { Set(ctx, *f); });
}

}  // namespace retain::cli
