#include "retain/app/analytics_session.h"
#include "retain/app/kpi_report.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct KpiFlags {
  std::string from, to;
  app::KpiRequest request;
  bool json = false;
};

void PrintKpis(const Context& ctx, const app::KpiResult& r) {
  const auto& k = r.report;
  const auto& o = r.options;
  std::cout << ctx.T("Retention KPIs ", "Kundenbindungs-Kennzahlen ") << core::FormatDay(o.from)
            << " .. " << core::FormatDay(o.to) << "\n";
  std::cout << ctx.T("(a customer is counted at a date if they ordered in the ",
                     "(gezählt wird an einem Tag, wer in den ")
            << o.window_days
            << ctx.T(" days up to it; existing customer = at least ",
                     " Tagen davor bestellt hat; Bestandskunde = mindestens ")
            << o.existing_min_orders << ctx.T(" orders)", " Bestellungen)") << "\n\n";
  const std::string na = "n/a";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Figure", "Kennzahl"), ctx.T("Value", "Wert")},
      {ctx.T("Customers at start (S)", "Kunden zu Beginn (S)"),
       FormatCount(ctx, k.customers_start)},
      {ctx.T("Customers at end (E)", "Kunden am Ende (E)"), FormatCount(ctx, k.customers_end)},
      {ctx.T("New customers (N)", "Neukunden (N)"), FormatCount(ctx, k.new_customers)},
      {ctx.T("Customer retention rate ((E-N)/S)", "Kundenbindungsrate ((E-N)/S)"),
       k.retention_defined ? FormatPercent(ctx, k.retention_rate) : na},
      {ctx.T("Churn rate", "Abwanderungsrate"),
       k.retention_defined ? FormatPercent(ctx, k.churn_rate) : na},
      {ctx.T("Customers who ordered", "Kunden mit Bestellung"),
       FormatCount(ctx, k.active_customers)},
      {ctx.T("Existing customers at end", "Bestandskunden am Ende"),
       FormatCount(ctx, k.existing_customers)},
      {ctx.T("Repeat purchase rate", "Wiederkaufrate"), FormatPercent(ctx, k.repeat_purchase_rate)},
      {ctx.T("Orders", "Bestellungen"), FormatCount(ctx, k.orders)},
      {ctx.T("Purchase frequency", "Kaufhäufigkeit"), FormatNumber(ctx, k.purchase_frequency, 2)},
      {ctx.T("Average order value", "Durchschnittlicher Bestellwert"),
       FormatNumber(ctx, k.average_order_value / 100.0, 2)},
      {ctx.T("Revenue", "Umsatz"), FormatMoney(ctx, k.revenue)},
      {ctx.T("Revenue share of existing customers", "Umsatzanteil Bestandskunden"),
       FormatPercent(ctx, k.existing_revenue_share)},
      {ctx.T("Revenue per customer", "Umsatz pro Kunde"),
       FormatNumber(ctx, k.revenue_per_customer / 100.0, 2)},
      {ctx.T("Return rate (by value)", "Retourenquote (Wert)"), FormatPercent(ctx, k.return_rate)},
      {ctx.T("Revenue share of the top 20 %", "Umsatzanteil der besten 20 %"),
       FormatPercent(ctx, k.top20_revenue_share)},
      {ctx.T("Gini coefficient", "Gini-Koeffizient"), FormatNumber(ctx, k.gini, 3)},
  };
  if (r.nps && (r.nps->total.answers() > 0 || r.nps->requests > 0)) {
    const auto score = r.nps->total.Score();
    rows.push_back({ctx.T("Net Promoter Score (answers)", "Net Promoter Score (Antworten)"),
                    (score ? (*score > 0 ? "+" : "") + FormatNumber(ctx, *score, 1) : na) + " (" +
                        FormatCount(ctx, r.nps->total.answers()) + ")"});
    if (r.nps->response_rate) {
      rows.push_back({ctx.T("Response rate of feedback requests", "Antwortquote der Umfragen"),
                      FormatPercent(ctx, *r.nps->response_rate * 100)});
    }
  }
  if (r.service && r.service->opened > 0) {
    const auto& s = *r.service;
    auto hours = [&](const std::optional<double>& h) {
      return h ? FormatNumber(ctx, *h, 1) + " h" : na;
    };
    rows.push_back({ctx.T("Service conversations (complaints)", "Service-Gespräche (Beschwerden)"),
                    FormatCount(ctx, s.opened) + " (" + FormatCount(ctx, s.complaints) + ")"});
    rows.push_back({ctx.T("First response, median", "Erste Antwort, Median"),
                    hours(s.first_response_hours_median)});
    rows.push_back({ctx.T("Resolution time, median", "Lösungszeit, Median"),
                    hours(s.resolution_hours_median)});
  }
  if (r.predicted_clv) {
    rows.push_back({ctx.T("Predicted CLV of existing customers, total",
                          "Prognostizierter Kundenwert der Bestandskunden, gesamt"),
                    FormatNumber(ctx, r.predicted_clv->total, 2)});
    rows.push_back({ctx.T("Predicted CLV of existing customers, average",
                          "Prognostizierter Kundenwert der Bestandskunden, Durchschnitt"),
                    FormatNumber(ctx, r.predicted_clv->average, 2)});
  }
  PrintTable(std::cout, rows);
  if (r.predicted_clv) {
    const auto& o = r.predicted_clv->options;
    std::cout << ctx.T("(predicted CLV: next ", "(Kundenwert-Prognose: nächste ")
              << o.horizon_months << ctx.T(" months, discounted ", " Monate, abgezinst mit ")
              << FormatNumber(ctx, o.discount_monthly * 100, 0)
              << ctx.T(" % a month; models from `retain clv fit`)\n",
                       " % pro Monat; Modelle aus `retain clv fit`)\n");
  } else {
    std::cout << ctx.T(
        "(predicted CLV: run `retain clv fit --model bgnbd` and "
        "`--model gammagamma` first)\n",
        "(Kundenwert-Prognose: zuerst `retain clv fit --model bgnbd` und "
        "`--model gammagamma` ausführen)\n");
  }
  std::cout << "\n"
            << ctx.T("Lorenz curve (customers -> revenue): ", "Lorenzkurve (Kunden -> Umsatz): ");
  for (size_t i = 4; i < k.lorenz.size(); i += 4) {
    std::cout << (i > 4 ? ", " : "") << FormatNumber(ctx, k.lorenz[i].customer_share, 0) << " % -> "
              << FormatNumber(ctx, k.lorenz[i].revenue_share, 1) << " %";
  }
  std::cout << "\n"
            << ctx.T("Budget advice: ", "Budget-Empfehlung: ")
            << FormatNumber(ctx, k.budget.sales_per_day, 2)
            << ctx.T(" sales per day -> ", " Verkäufe pro Tag -> ") << k.budget.acquisition_percent
            << ctx.T(" % acquisition / ", " % Neukundengewinnung / ") << k.budget.retention_percent
            << ctx.T(" % retention\n", " % Kundenbindung\n");
  std::cout << ctx.T("Amounts in the shop currency.\n", "Beträge in der Shop-Währung.\n");
}

}  // namespace

void RegisterKpi(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<KpiFlags>();
  auto* cmd = app.add_subcommand(
      "kpi",
      "Retention KPIs for a period FROM..TO (inclusive).\n"
      "S = customers counted on the day before FROM, E = counted on TO, N = customers whose\n"
      "first order falls in the period; retention rate = (E-N)/S x 100. A customer is counted\n"
      "at date D if they have an order on a day in D-W+1..D (W = --window-days). Existing\n"
      "customer = at least --existing-min-orders orders. Return rate is by value; churn rate\n"
      "is the share of S not counted on TO. JSON amounts are in minor units (cents).");
  cmd->add_option("--from", f->from, "First day (default: 89 days before --to)");
  cmd->add_option("--to", f->to, "Last day (default: day of the latest order)");
  cmd->add_option("--window-days", f->request.window_days, "Look-back window W in days")
      ->capture_default_str();
  cmd->add_option("--existing-min-orders", f->request.existing_min_orders,
                  "Orders that make an existing customer (1 = any earlier purchase)")
      ->capture_default_str();
  cmd->add_flag("--json", f->json, "Print JSON");
  cmd->callback([&ctx, f] {
    auto from = ParseDateOption("--from", f->from);
    if (!from) return ctx.Fail(from.error());
    auto to = ParseDateOption("--to", f->to);
    if (!to) return ctx.Fail(to.error());
    f->request.from = *from;
    f->request.to = *to;
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    // The predicted CLV needs fitted models; without them it is left out.
    auto models = app::LoadLatestClvModels(*session->store);
    if (!models && models.error().code() != core::Code::kFailedPrecondition) {
      return ctx.Fail(models.error());
    }
    auto result = app::RunKpi(session->snapshot, f->request, models ? &*models : nullptr);
    if (!result) return ctx.Fail(result.error());
    if (auto s = app::AddListeningKpis(*session->store, *result); !s.ok()) return ctx.Fail(s);
    if (f->json) {
      std::cout << app::KpiJson(*result).dump(2) << "\n";
    } else {
      PrintKpis(ctx, *result);
    }
  });
}

}  // namespace retain::cli
