// retain template preview|check: the message a customer would get for a
// trigger, and checking a folder of the shop's own templates.
#include <iostream>

#include "retain/app/analytics_session.h"
#include "retain/app/message_data.h"
#include "retain/cli/commands.h"
#include "retain/cli/contact_config.h"
#include "retain/cli/date_option.h"
#include "retain/cli/message_config.h"
#include "retain/cli/toml_settings.h"
#include "retain/storage/write_transaction.h"

namespace retain::cli {
namespace {

struct TemplateFlags {
  std::string trigger, customer, date, config, language, dir;
  int64_t offer_cents = -1;
  bool json = false;
};

void Preview(Context& ctx, const TemplateFlags& f) {
  const auto trigger = contact::ParseTrigger(f.trigger);
  if (!trigger) {
    std::string known;
    for (int i = 0; i < contact::kTriggerCount; ++i) {
      known +=
          (i ? ", " : "") + std::string(contact::TriggerName(static_cast<contact::Trigger>(i)));
    }
    return ctx.Fail(
        core::InvalidArgument("TRIGGER: unknown '" + f.trigger + "' (known: " + known + ")"));
  }
  auto run = OpenMessageRun(ctx.db, f.config, f.date);
  if (!run) return ctx.Fail(run.error());
  auto& store = *run->session.store;
  auto customer = store.FindCustomer(f.customer);
  if (!customer) return ctx.Fail(customer.error());
  if (!*customer) {
    return ctx.Fail(core::NotFound("CUSTOMER_ID: no customer '" + f.customer + "'"));
  }
  const auto purpose = contact::PurposeOf(*trigger);
  nlohmann::json detail = {{"trigger", f.trigger},
                           {"language", f.language.empty() ? (*customer)->language : f.language},
                           {"objection_notice", purpose != contact::Purpose::kService},
                           {"reason", ""},
                           {"subject", ""}};
  const int64_t offer = f.offer_cents >= 0 ? f.offer_cents
                        : *trigger == contact::Trigger::kWinBack
                            ? run->plan.policy.win_back_voucher_cents
                            : 0;
  if (offer > 0) detail["offer"] = {{"kind", "voucher"}, {"value", offer}};
  storage::InteractionRecord contact;
  contact.customer_id = f.customer;
  contact.day = run->day;
  contact.kind = f.trigger;
  contact.channel = "email";
  contact.detail = detail.dump();
  // A write transaction only because the link key may be made on first use.
  std::optional<app::ComposedMessage> m;
  if (auto s = storage::InWriteTransaction(store,
                                           [&]() -> core::Status {
                                             auto composer = app::MessageComposer::Create(
                                                 store, run->session.snapshot,
                                                 run->config.send.message, run->plan.program,
                                                 contact.day);
                                             if (!composer) return composer.error();
                                             auto c = composer->Compose(store, contact, true);
                                             if (!c) return c.error();
                                             m.emplace(std::move(*c));
                                             return {};
                                           });
      !s.ok()) {
    return ctx.Fail(s);
  }
  if (f.json) {
    std::cout << nlohmann::ordered_json{{"variant", m->variant},
                                        {"subject", m->rendered.subject},
                                        {"body", m->rendered.body},
                                        {"data", m->data}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << "Subject: " << m->rendered.subject << "\n"
            << ctx.T("Template: ", "Vorlage: ") << m->variant << "/" << f.trigger << ".mustache\n\n"
            << m->rendered.body;
}

void Check(Context& ctx, const TemplateFlags& f) {
  auto set = messages::TemplateSet::Load(f.dir);
  if (!set) return ctx.Fail(set.error());
  std::cout << ctx.T("Templates in ", "Vorlagen in ") << f.dir
            << ctx.T(" are fine.\n", " sind in Ordnung.\n");
}

}  // namespace

void RegisterTemplate(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<TemplateFlags>();
  auto* cmd = app.add_subcommand(
      "template", ctx.T("Message templates: preview a customer's message, check your own",
                        "Nachrichtenvorlagen: Nachricht eines Kunden ansehen, eigene prüfen"));
  cmd->require_subcommand(1);
  auto* preview = cmd->add_subcommand(
      "preview", ctx.T("The message CUSTOMER_ID would get for TRIGGER (writes nothing)",
                       "Die Nachricht, die CUSTOMER_ID zu TRIGGER bekäme (schreibt nichts)"));
  preview
      ->add_option("TRIGGER", f->trigger,
                   ctx.T("birthday, win_back, keep_in_touch, ... (see `retain plan`)",
                         "birthday, win_back, keep_in_touch, ... (siehe `retain plan`)"))
      ->required();
  preview->add_option("CUSTOMER_ID", f->customer, ctx.T("The customer", "Der Kunde"))->required();
  preview->add_option("--date", f->date,
                      ctx.T("As of this day (YYYY-MM-DD; default today)",
                            "Zu diesem Tag (JJJJ-MM-TT; Standard heute)"));
  preview
      ->add_option(
          "--language", f->language,
          ctx.T("de or en (default: the customer's)", "de oder en (Standard: die des Kunden)"))
      ->check(CLI::IsMember({"de", "en"}));
  preview->add_option("--offer-cents", f->offer_cents,
                      ctx.T("A voucher of this value (default: win-back's)",
                            "Ein Gutschein dieses Werts (Standard: der der Rückgewinnung)"));
  preview->add_option("--config", f->config,
                      ctx.T("TOML file with [contact] (default RETAIN_CONFIG)",
                            "TOML-Datei mit [contact] (Standard RETAIN_CONFIG)"));
  preview->add_flag("--json", f->json,
                    ctx.T("Print JSON with the template's data", "JSON mit den Daten ausgeben"));
  preview->callback([&ctx, f] { Preview(ctx, *f); });
  auto* check = cmd->add_subcommand(
      "check", ctx.T("Check a folder of your own templates (<variant>/<trigger>.mustache)",
                     "Einen Ordner eigener Vorlagen prüfen (<variante>/<anlass>.mustache)"));
  check->add_option("DIR", f->dir, ctx.T("The folder", "Der Ordner"))->required();
  check->callback([&ctx, f] { Check(ctx, *f); });
}

}  // namespace retain::cli
