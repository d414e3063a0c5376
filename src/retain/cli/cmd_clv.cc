#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "retain/app/analytics_session.h"
#include "retain/app/clv_fit.h"
#include "retain/app/clv_scoring.h"
#include "retain/app/clv_validation.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/json_stream.h"

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

struct ClvScoreFlags {
  app::ClvScoreRequest request;
  std::string as_of, out;
  bool json = false, no_save = false;
};

core::Status WriteScoresCsv(const std::string& path, const app::ClvScoreReport& r) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return core::IoError("cannot write " + path);
  out << "customer_id,p_alive,expected_30d,expected_90d,expected_365d,expected_horizon,"
         "expected_value,clv,risk\n";
  char buf[256];
  for (const auto& c : r.customers) {
    const auto& s = c.score;
    std::snprintf(buf, sizeof buf, ",%.6f,%.6f,%.6f,%.6f,%.6f,%.2f,%.2f,", s.p_alive,
                  s.expected_30d, s.expected_90d, s.expected_365d, s.expected_horizon,
                  s.expected_value, s.clv);
    out << '"' << c.customer_id << '"' << buf << analytics::RiskBandName(s.risk) << "\n";
  }
  out.flush();
  return out ? core::Status() : core::IoError("cannot write " + path);
}

void PrintScores(const Context& ctx, const app::ClvScoreReport& r) {
  std::cout << ctx.T("Customer lifetime value as of ", "Kundenwert zum ")
            << core::FormatDay(r.as_of) << " (" << r.options.horizon_months
            << ctx.T(" months, discount ", " Monate, Abzinsung ")
            << FormatPercent(ctx, r.options.discount_monthly * 100)
            << ctx.T(" a month)\n\n", " pro Monat)\n\n");
  PrintTable(
      std::cout,
      {{ctx.T("Figure", "Kennzahl"), ctx.T("Value", "Wert")},
       {ctx.T("Customers scored", "Bewertete Kunden"),
        FormatCount(ctx, static_cast<int64_t>(r.customers.size()))},
       {ctx.T("Existing customers (at least ", "Bestandskunden (mindestens ") +
            std::to_string(r.existing_min_orders) + ctx.T(" orders)", " Bestellungen)"),
        FormatCount(ctx, r.existing_customers)},
       {ctx.T("Predicted CLV of existing customers, total",
              "Prognostizierter Kundenwert der Bestandskunden, gesamt"),
        FormatNumber(ctx, r.existing_clv_total, 2)},
       {ctx.T("Predicted CLV of existing customers, average",
              "Prognostizierter Kundenwert der Bestandskunden, Durchschnitt"),
        FormatNumber(ctx, r.existing_clv_average, 2)},
       {ctx.T("Churn risk low", "Abwanderungsrisiko niedrig"), FormatCount(ctx, r.by_risk[0])},
       {ctx.T("Churn risk medium", "Abwanderungsrisiko mittel"), FormatCount(ctx, r.by_risk[1])},
       {ctx.T("Churn risk high", "Abwanderungsrisiko hoch"), FormatCount(ctx, r.by_risk[2])}});
  std::vector<const app::ScoredCustomer*> top;
  for (const auto& c : r.customers) top.push_back(&c);
  const size_t n = std::min<size_t>(10, top.size());
  std::partial_sort(top.begin(), top.begin() + n, top.end(),
                    [](const auto* a, const auto* b) { return a->score.clv > b->score.clv; });
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Top customers", "Wertvollste Kunden"), "P(alive)",
       ctx.T("Purchases 365d", "Käufe 365 T."), ctx.T("Order value", "Bestellwert"), "CLV"}};
  for (size_t i = 0; i < n; ++i) {
    const auto& s = top[i]->score;
    rows.push_back({top[i]->customer_id, FormatNumber(ctx, s.p_alive, 3),
                    FormatNumber(ctx, s.expected_365d, 2), FormatNumber(ctx, s.expected_value, 2),
                    FormatNumber(ctx, s.clv, 2)});
  }
  std::cout << "\n";
  PrintTable(std::cout, rows);
}

struct ClvValidateFlags {
  app::ClvValidateRequest request;
  std::string calibration_end, holdout_end, time_unit = "week";
  bool json = false;
};

void PrintValidation(const Context& ctx, const app::ClvValidateResult& r) {
  const auto& rep = r.report;
  std::cout << ctx.T("Holdout validation of ", "Holdout-Validierung von ") << r.request.model
            << ctx.T(": calibration up to ", ": Kalibrierung bis ")
            << core::FormatDay(r.request.calibration_end)
            << ctx.T(", holdout until ", ", Holdout bis ") << core::FormatDay(r.request.holdout_end)
            << " (" << FormatNumber(ctx, rep.holdout_length, 2) << " "
            << (r.request.time_unit_days == 1 ? ctx.T("days", "Tage") : ctx.T("weeks", "Wochen"))
            << ")\n"
            << ctx.T("Calibration fit: ", "Kalibrierungs-Schätzung: ");
  for (size_t i = 0; i < r.fit.params.size(); ++i) {
    std::cout << (i ? ", " : "") << r.fit.params[i].first << " = "
              << FormatNumber(ctx, r.fit.params[i].second, 4);
  }
  std::cout << ctx.T("; log-likelihood ", "; Log-Likelihood ")
            << FormatNumber(ctx, r.fit.log_likelihood, 2) << "\n\n";
  PrintTable(
      std::cout,
      {{ctx.T("Figure", "Kennzahl"), ctx.T("Value", "Wert")},
       {ctx.T("Customers (first purchase by calibration end)",
              "Kunden (Erstkauf bis Kalibrierungsende)"),
        FormatCount(ctx, rep.customers)},
       {ctx.T("Actual repeat purchases in the holdout", "Tatsächliche Wiederkäufe im Holdout"),
        FormatNumber(ctx, rep.actual_total, 0)},
       {ctx.T("Predicted repeat purchases in the holdout", "Vorhergesagte Wiederkäufe im Holdout"),
        FormatNumber(ctx, rep.predicted_total, 1)},
       {ctx.T("Aggregate error", "Gesamtabweichung"),
        FormatPercent(ctx, rep.aggregate_error * 100)},
       {ctx.T("Mean absolute error per customer", "Mittlerer absoluter Fehler pro Kunde"),
        FormatNumber(ctx, rep.mean_absolute_error, 3)}});
  std::cout << "\n"
            << ctx.T("Conditional expectations (mean holdout purchases per customer):\n",
                     "Bedingte Erwartungen (mittlere Käufe im Holdout pro Kunde):\n");
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Calibration repeat purchases", "Wiederkäufe in der Kalibrierung"),
       ctx.T("Customers", "Kunden"), ctx.T("Actual", "Tatsächlich"),
       ctx.T("Predicted", "Vorhergesagt")}};
  for (const auto& c : rep.by_calibration_purchases) {
    rows.push_back({std::to_string(c.x) + (c.and_more ? "+" : ""), FormatCount(ctx, c.customers),
                    FormatNumber(ctx, c.actual, 3), FormatNumber(ctx, c.predicted, 3)});
  }
  PrintTable(std::cout, rows);
  const size_t step = rep.tracking.size() > 60 ? 4 : 1;
  std::cout << "\n"
            << ctx.T("Cumulative repeat purchases by week", "Kumulierte Wiederkäufe nach Woche")
            << (step > 1 ? ctx.T(" (every 4th week; --json has all)",
                                 " (jede 4. Woche; --json enthält alle)")
                         : "")
            << ":\n";
  std::vector<std::vector<std::string>> weeks = {{ctx.T("Week", "Woche"), ctx.T("Up to", "Bis"),
                                                  ctx.T("Actual", "Tatsächlich"),
                                                  ctx.T("Predicted", "Vorhergesagt")}};
  for (size_t i = 0; i < rep.tracking.size(); ++i) {
    const auto& t = rep.tracking[i];
    const bool first_holdout =
        t.last_day > r.request.calibration_end &&
        (i == 0 || rep.tracking[i - 1].last_day <= r.request.calibration_end);
    if ((i + 1) % step != 0 && i + 1 != rep.tracking.size() && !first_holdout) continue;
    weeks.push_back({std::to_string(t.week) + (first_holdout ? " *" : ""),
                     core::FormatDay(t.last_day), FormatNumber(ctx, t.actual, 0),
                     FormatNumber(ctx, t.predicted, 1)});
  }
  PrintTable(std::cout, weeks);
  std::cout << ctx.T("* first week of the holdout\n", "* erste Woche des Holdouts\n");
}

}  // namespace

void RegisterClv(CLI::App& app, Context& ctx) {
  auto* clv = app.add_subcommand(
      "clv", "Customer lifetime value: fit purchase and spend models, score every customer");
  clv->require_subcommand(1);
  auto f = std::make_shared<ClvFitFlags>();
  std::string models;
  for (const auto& m : app::ClvModelNames()) models += (models.empty() ? "" : ", ") + m;
  auto* fit = clv->add_subcommand(
      "fit",
      "Fit a model by maximum likelihood; fits of the imported orders are stored in the\n"
      "database (`clv score` uses the latest ones).\n"
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
    // A summary file needs no database: its fit is shown, not stored. On
    // PostgreSQL the database sums the orders per customer itself.
    std::optional<app::AnalyticsSession> session;
    std::unique_ptr<storage::Store> store;
    if (f->request.summary_path.empty() && storage::IsPostgresLocation(ctx.db)) {
      store = ctx.OpenStore(storage::OpenMode::kMustExist);
      if (!store) return;
    } else if (f->request.summary_path.empty()) {
      auto opened = app::OpenAnalytics(ctx.db);
      if (!opened) return ctx.Fail(opened.error());
      session = std::move(*opened);
      store = std::move(session->store);
    }
    auto result = app::RunClvFit(session ? &session->snapshot : nullptr, f->request, store.get());
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
    // Only a fit of this shop's own orders describes its customers; fits of a
    // summary file are shown but not stored (so they are never used to score).
    if (!store) return;
    if (auto saved = app::SaveClvFit(*store, *result); !saved) ctx.Fail(saved.error());
  });

  auto v = std::make_shared<ClvValidateFlags>();
  auto* validate = clv->add_subcommand(
      "validate",
      "Fit a purchase model on the orders up to --calibration-end and compare its forecast\n"
      "with the repeat purchases up to --holdout-end: per-customer mean absolute error,\n"
      "aggregate error, the weekly cumulative tracking series and the conditional\n"
      "expectations by number of calibration repeat purchases. The fit is not stored.\n"
      "Exit code 5 when the fit does not converge.");
  validate
      ->add_option("--calibration-end", v->calibration_end, "Last day of the calibration period")
      ->required();
  validate->add_option("--holdout-end", v->holdout_end, "Last day of the holdout period")
      ->required();
  validate->add_option("--model,-m", v->request.model, "bgnbd or paretonbd")
      ->capture_default_str()
      ->check(CLI::IsMember(app::ValidatableModelNames()));
  validate->add_option("--time-unit", v->time_unit, "day or week")
      ->capture_default_str()
      ->check(CLI::IsMember({"day", "week"}));
  validate->add_flag("--json", v->json, "Print JSON (with every week of the tracking series)");
  validate->callback([&ctx, v] {
    auto cal = ParseDateOption("--calibration-end", v->calibration_end);
    if (!cal) return ctx.Fail(cal.error());
    auto hold = ParseDateOption("--holdout-end", v->holdout_end);
    if (!hold) return ctx.Fail(hold.error());
    v->request.calibration_end = **cal;
    v->request.holdout_end = **hold;
    v->request.time_unit_days = v->time_unit == "day" ? 1 : 7;
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    auto result = app::RunClvValidate(session->snapshot, v->request);
    if (!result) return ctx.Fail(result.error());
    if (!result->fit.converged) {
      std::cerr << "retain: "
                << ctx.T("the calibration fit did not converge: ",
                         "die Kalibrierungs-Schätzung konvergierte nicht: ")
                << result->fit.message << "\n";
      ctx.exit_code = 5;
      return;
    }
    if (v->json) {
      std::cout << app::ClvValidateJson(*result).dump(2) << "\n";
    } else {
      PrintValidation(ctx, *result);
    }
  });

  auto g = std::make_shared<ClvScoreFlags>();
  auto* score = clv->add_subcommand(
      "score",
      "Forecast every customer from the latest bgnbd and gammagamma fits: P(alive), expected\n"
      "purchases in 30/90/365 days and over the horizon, expected order value, discounted CLV\n"
      "(monthly steps) and churn-risk band (by P(alive)). Amounts in currency units.\n"
      "The forecasts are stored (replacing earlier ones) and shown by `retain customer ID`.");
  score->add_option("--as-of", g->as_of, "Score as of this day (default: latest order)");
  score->add_option("--horizon-months", g->request.options.horizon_months, "CLV horizon")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  score
      ->add_option("--discount-monthly", g->request.options.discount_monthly,
                   "Monthly discount rate (0.01 = 1 %)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  score
      ->add_option("--high-risk-below", g->request.options.high_risk_below,
                   "P(alive) below which the risk is high")
      ->capture_default_str();
  score
      ->add_option("--medium-risk-below", g->request.options.medium_risk_below,
                   "P(alive) below which the risk is medium")
      ->capture_default_str();
  score
      ->add_option("--existing-min-orders", g->request.existing_min_orders,
                   "Orders that make an existing customer")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  score->add_flag("--no-save", g->no_save,
                  "Do not store the forecasts (by default they replace the stored ones)");
  score->add_option("--out", g->out, "Write every customer's scores to this CSV file");
  score->add_flag("--json", g->json, "Print JSON with every customer");
  score->callback([&ctx, g] {
    auto as_of = ParseDateOption("--as-of", g->as_of);
    if (!as_of) return ctx.Fail(as_of.error());
    g->request.as_of = *as_of;
    if (g->request.options.high_risk_below > g->request.options.medium_risk_below) {
      return ctx.Fail(
          core::InvalidArgument("--high-risk-below must not exceed --medium-risk-below"));
    }
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    auto report = app::RunClvScore(*session->store, session->snapshot, g->request);
    if (!report) return ctx.Fail(report.error());
    if (!g->no_save) {
      if (auto saved = app::SaveClvScores(*session->store, *report); !saved) {
        return ctx.Fail(saved.error());
      }
    }
    if (!g->out.empty()) {
      if (auto s = WriteScoresCsv(g->out, *report); !s.ok()) return ctx.Fail(s);
    }
    if (g->json) {
      nlohmann::ordered_json j = app::ClvScoreSummaryJson(*report);
      j["customers"] = nlohmann::ordered_json::array();
      WriteJsonWithArray(std::cout, j, "customers", report->customers.size(),
                         [&](size_t i) { return app::ScoredCustomerJson(report->customers[i]); });
    } else {
      PrintScores(ctx, *report);
    }
  });
}

}  // namespace retain::cli
