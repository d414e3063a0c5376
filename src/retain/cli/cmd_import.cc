#include <nlohmann/json.hpp>

#include "retain/app/import_service.h"
#include "retain/cli/commands.h"
#include "retain/cli/progress_bar.h"
#include "retain/ingest/preset.h"

namespace retain::cli {
namespace {

struct ImportFlags {
  app::ImportRequest request;
  std::string encoding = "auto";
  std::string delimiter;
  std::string decimal;
  bool json = false;
};

core::Status ApplyFormatFlags(const ImportFlags& f, app::ImportRequest& r) {
  if (auto s = app::ApplyImportFormat({f.encoding, f.delimiter, f.decimal}, r.settings); !s.ok()) {
    return core::InvalidArgument("--" + s.message());
  }
  if (r.skip_bad && r.rejects_path.empty()) {
    return core::InvalidArgument("--skip-bad needs --rejects FILE to keep the bad rows");
  }
  return {};
}

void PrintCounts(const Context& ctx, const app::ImportCounts& c, bool json) {
  if (json) {
    const nlohmann::ordered_json j = app::ImportCountsJson(c);
    std::cout << j.dump(2) << "\n";
    return;
  }
  auto line = [&](const char* en, const char* de, int64_t added, int64_t updated) {
    std::cout << "  " << ctx.T(en, de) << ": " << added << ctx.T(" added, ", " neu, ") << updated
              << ctx.T(" updated", " geändert") << "\n";
  };
  std::cout << ctx.T("Import finished:", "Import abgeschlossen:") << "\n";
  line("customers", "Kunden", c.customers_added, c.customers_updated);
  line("products", "Produkte", c.products_added, c.products_updated);
  line("orders", "Bestellungen", c.orders_added, c.orders_updated);
  line("order lines", "Bestellpositionen", c.order_lines_added, c.order_lines_updated);
  line("returns", "Retouren", c.returns_added, c.returns_updated);
  if (c.emails_suppressed) {
    std::cout << "  "
              << ctx.T("email addresses of erased persons left out: ",
                       "E-Mail-Adressen gelöschter Personen ausgelassen: ")
              << c.emails_suppressed << "\n";
  }
  if (c.rows_skipped) {
    std::cout << "  "
              << ctx.T("rows skipped by the preset's rules: ", "vom Format übersprungene Zeilen: ")
              << c.rows_skipped << "\n";
  }
  if (c.rows_rejected) {
    std::cout << "  " << ctx.T("bad rows rejected: ", "fehlerhafte Zeilen abgelehnt: ")
              << c.rows_rejected << "\n";
  }
}

}  // namespace

void RegisterImport(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  std::string presets;
  for (const auto& p : ingest::Presets())
    presets += std::string("\n  ") + p.name + ": " + p.description;
  auto* cmd = app.add_subcommand(
      "import",
      "Load customers, orders, returns and products from CSV files, all or nothing.\n"
      "Re-importing the same file changes nothing. Formats: docs/import-formats.md.\nPresets:" +
          presets);
  cmd->add_option("--preset,-p", flags->request.preset, "Source format")->capture_default_str();
  cmd->add_option("files", flags->request.files, "CSV files (.gz allowed)")->required();
  cmd->add_option("--mapping", flags->request.mapping_path,
                  "File renaming your columns: one 'their_name = our_name' per line");
  cmd->add_flag("--skip-bad", flags->request.skip_bad,
                "Import the good rows and write bad ones to --rejects");
  cmd->add_option("--rejects", flags->request.rejects_path,
                  "With --skip-bad: CSV file receiving the bad rows and their reasons");
  cmd->add_option("--encoding", flags->encoding, "auto, utf-8 or windows-1252")
      ->capture_default_str();
  cmd->add_option("--delimiter", flags->delimiter, "Field delimiter (default: detected)");
  cmd->add_option("--decimal", flags->decimal,
                  "Decimal mark: comma or point (default: comma for ';' files)");
  cmd->add_option("--currency", flags->request.settings.default_currency,
                  "Currency of orders that do not name one")
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "Print the counts as JSON");
  cmd->callback([&ctx, flags] {
    if (auto s = ApplyFormatFlags(*flags, flags->request); !s.ok()) return ctx.Fail(s);
    auto store = ctx.OpenStore(storage::OpenMode::kCreate);
    if (!store) return;
    ProgressBar bar;
    auto counts = app::RunImport(*store, flags->request, &bar);
    if (!counts) {
      ctx.Fail(counts.error());
      std::cerr << ctx.T("Nothing was imported; the database is unchanged.\n",
                         "Es wurde nichts importiert; die Datenbank ist unverändert.\n");
      return;
    }
    PrintCounts(ctx, *counts, flags->json);
  });
}

}  // namespace retain::cli
