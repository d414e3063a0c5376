#include <cmath>

#include "retain/app/analytics_session.h"
#include "retain/app/clv_fit.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct ClvFitFlags {
  app::ClvFitRequest request;
  std::string calibration_end;
  std::string time_unit = "week";
  bool json = false;
};

void PrintFit(const Context& ctx, const app::ClvFitResult& r) {
  std::cout << ctx.T("Model ", "Modell ") << r.model << " ("
            << (r.source == "transactions"
                    ? std::string(ctx.T("transactions up to ", "Transaktionen bis ")) +
                          r.calibration_end + ", " + ctx.T("time unit ", "Zeiteinheit ") +
                          r.time_unit
                    : r.source)
            << ")\n\n";
  std::vector<std::vector<std::string>> rows = {{ctx.T("Parameter", "Parameter"),
                                                 ctx.T("Estimate", "Schätzwert"),
                                                 ctx.T("Std. error", "Std.-Fehler")}};
  for (size_t i = 0; i < r.params.size(); ++i) {
    const double se = r.std_errors[i].second;
    rows.push_back({r.params[i].first, FormatNumber(ctx, r.params[i].second, 4),
                    std::isfinite(se) ? FormatNumber(ctx, se, 4) : "n/a"});
  }
  PrintTable(std::cout, rows);
  std::cout << "\n"
            << ctx.T("Log-likelihood: ", "Log-Likelihood: ")
            << FormatNumber(ctx, r.log_likelihood, 2) << "\n"
            << ctx.T("Customers: ", "Kunden: ") << FormatCount(ctx, r.customers) << "\n"
            << ctx.T("Evaluations: ", "Auswertungen: ") << r.evaluations << "\n"
            << ctx.T("Converged: ", "Konvergiert: ")
            << (r.converged ? ctx.T("yes", "ja") : ctx.T("no", "nein")) << " (" << r.message
            << ")\n";
}

}  // namespace

void RegisterClv(CLI::App& app, Context& ctx) {
  auto* clv = app.add_subcommand(
      "clv",
      "Customer lifetime value: fit purchase and spend models (more to come: score, validate)");
  clv->require_subcommand(1);
  auto f = std::make_shared<ClvFitFlags>();
  std::string models;
  for (const auto& m : app::ClvModelNames()) models += (models.empty() ? "" : ", ") + m;
  auto* fit = clv->add_subcommand(
      "fit",
      "Fit a model by maximum likelihood and store it in the database.\n"
      "Input: the imported orders (same-day orders are one purchase; time = days / 7 for\n"
      "weeks; spend = mean of repeat purchases) or --summary FILE, a CSV with columns\n"
      "x,t_x,T and optionally m (mean repeat purchase value) and weight.\n"
      "Exit code 5 when the fit does not converge.\nModels: " +
          models);
  fit->add_option("--model,-m", f->request.model, "Model to fit")->required();
  fit->add_option("--calibration-end", f->calibration_end,
                  "Last day of the data used (default: day of the latest order)");
  fit->add_option("--time-unit", f->time_unit, "day or week")
      ->capture_default_str()
      ->check(CLI::IsMember({"day", "week"}));
  fit->add_option("--summary", f->request.summary_path, "CSV of per-customer summaries");
  fit->add_flag("--json", f->json, "Print JSON");
  fit->callback([&ctx, f] {
    auto end = ParseDateOption("--calibration-end", f->calibration_end);
    if (!end) return ctx.Fail(end.error());
    f->request.calibration_end = *end;
    f->request.time_unit_days = f->time_unit == "day" ? 1 : 7;
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    auto result = app::RunClvFit(&session->snapshot, f->request);
    if (!result) return ctx.Fail(result.error());
    if (f->json) {
      std::cout << app::ClvFitJson(*result).dump(2) << "\n";
    } else {
      PrintFit(ctx, *result);
    }
    if (!result->converged) {
      std::cerr << "retain: "
                << ctx.T("the fit did not converge: ", "die Schätzung konvergierte nicht: ")
                << result->message << "\n";
      ctx.exit_code = 5;
      return;
    }
    if (auto saved = app::SaveClvFit(*session->store, *result); !saved) ctx.Fail(saved.error());
  });
}

}  // namespace retain::cli
