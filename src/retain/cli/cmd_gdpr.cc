// retain gdpr export|erase: the data subject's rights from the command line.
#include <iostream>

#include "retain/app/gdpr.h"
#include "retain/cli/commands.h"
#include "retain/cli/output_file.h"
#include "retain/storage/write_transaction.h"

namespace retain::cli {
namespace {

struct GdprFlags {
  std::string customer, out;
  bool yes = false, json = false;
};

// Runs fn in a write transaction of the --db store.
template <class Fn>
void InWrite(Context& ctx, Fn&& fn) {
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  if (auto s = storage::InWriteTransaction(*store, [&] { return fn(*store); }); !s.ok()) {
    return ctx.Fail(s);
  }
}

void Export(Context& ctx, const GdprFlags& f) {
  nlohmann::ordered_json doc;
  InWrite(ctx, [&](storage::Store& s) -> core::Status {
    auto d = app::ExportPerson(s, f.customer, "cli", core::UtcNowIso());
    if (!d) return d.error();
    doc = std::move(*d);
    return {};
  });
  if (ctx.exit_code != 0) return;
  if (f.out.empty()) {
    std::cout << doc.dump(2) << "\n";
    return;
  }
  auto s = WriteFileReplacing(f.out, [&](std::ostream& out) {
    out << doc.dump(2) << "\n";
    return out ? core::Status() : core::IoError("write failed");
  });
  if (!s.ok()) return ctx.Fail(s);
  std::cout << ctx.T("Everything about ", "Alles über ") << f.customer
            << ctx.T(" written to ", " geschrieben nach ") << f.out << "\n";
}

void Erase(Context& ctx, const GdprFlags& f) {
  if (!f.yes) {
    return ctx.Fail(core::InvalidArgument(
        ctx.T("erasing cannot be undone: add --yes to erase ",
              "Löschen lässt sich nicht rückgängig machen: mit --yes wird gelöscht: ") +
        f.customer));
  }
  app::Erasure e;
  InWrite(ctx, [&](storage::Store& s) -> core::Status {
    auto r = app::ErasePerson(s, f.customer, "cli", core::UtcNowIso());
    if (!r) return r.error();
    e = std::move(*r);
    return {};
  });
  if (ctx.exit_code != 0) return;
  if (f.json) {
    std::cout << app::ErasureJson(e).dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Erased ", "Gelöscht: ") << e.customer_id
            << ctx.T(": personal data removed; orders kept as ",
                     ": persönliche Daten entfernt; Bestellungen bleiben als ")
            << e.pseudonym << ctx.T("", " erhalten");
  if (e.email_suppressed) {
    std::cout << ctx.T("; the email address is blocked for future imports",
                       "; die E-Mail-Adresse ist für künftige Importe gesperrt");
  }
  std::cout << ".\n";
}

}  // namespace

void RegisterGdpr(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<GdprFlags>();
  auto* cmd = app.add_subcommand(
      "gdpr", ctx.T("A person's rights: export everything about them, or erase them",
                    "Betroffenenrechte: alles über eine Person ausgeben oder sie löschen"));
  cmd->require_subcommand(1);
  auto* exp = cmd->add_subcommand(
      "export", ctx.T("Everything retain holds about CUSTOMER_ID, as JSON (Art. 15, 20 GDPR)",
                      "Alles, was retain über CUSTOMER_ID weiß, als JSON (Art. 15, 20 DSGVO)"));
  exp->add_option("CUSTOMER_ID", f->customer, ctx.T("The customer", "Der Kunde"))->required();
  exp->add_option(
      "--out", f->out,
      ctx.T("Write to FILE instead of the screen", "In DATEI statt auf den Bildschirm"));
  exp->callback([&ctx, f] { Export(ctx, *f); });
  auto* erase = cmd->add_subcommand(
      "erase", ctx.T("Erase CUSTOMER_ID's personal data; orders stay under a pseudonym so the "
                     "figures do not change (Art. 17 GDPR)",
                     "Persönliche Daten von CUSTOMER_ID löschen; Bestellungen bleiben unter "
                     "einem Pseudonym, damit die Kennzahlen gleich bleiben (Art. 17 DSGVO)"));
  erase->add_option("CUSTOMER_ID", f->customer, ctx.T("The customer", "Der Kunde"))->required();
  erase->add_flag(
      "--yes", f->yes,
      ctx.T("Yes, erase (it cannot be undone)", "Ja, löschen (nicht rückgängig zu machen)"));
  erase->add_flag("--json", f->json, ctx.T("Print JSON", "JSON ausgeben"));
  erase->callback([&ctx, f] { Erase(ctx, *f); });
}

}  // namespace retain::cli
