#include <algorithm>

#include "retain/app/analytics_session.h"
#include "retain/app/rfm_report.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct RfmFlags {
  std::string as_of, customer;
  app::RfmRequest request;
  bool json = false;
};

void PrintSegments(const Context& ctx, const app::RfmResult& r) {
  const auto& rep = r.report;
  const auto total = static_cast<int64_t>(rep.customers.size());
  std::cout << ctx.T("RFM segments as of ", "RFM-Segmente zum ") << core::FormatDay(r.options.as_of)
            << " (" << FormatCount(ctx, total)
            << ctx.T(" customers with orders)", " Kunden mit Bestellungen)") << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Segment", "Segment"), ctx.T("Customers", "Kunden"), ctx.T("Share", "Anteil"),
       ctx.T("Revenue share", "Umsatzanteil"), ctx.T("Avg recency (days)", "Ø Tage seit Kauf"),
       ctx.T("Avg orders", "Ø Bestellungen"), ctx.T("Avg revenue", "Ø Umsatz")}};
  for (const auto& s : rep.segments) {
    rows.push_back(
        {ctx.lang == Lang::kDe ? app::SegmentNameDe(s.name) : s.name, FormatCount(ctx, s.customers),
         FormatPercent(ctx, total ? 100.0 * s.customers / total : 0),
         FormatPercent(ctx, s.revenue_share), FormatNumber(ctx, s.avg_recency_days, 0),
         FormatNumber(ctx, s.avg_frequency, 2), FormatNumber(ctx, s.avg_monetary / 100.0, 2)});
  }
  PrintTable(std::cout, rows);
  if (rep.unsegmented > 0) {
    std::cout << ctx.T("Not covered by the segment map: ", "Von keinem Segment erfasst: ")
              << rep.unsegmented << "\n";
  }
}

}  // namespace

void RegisterRfm(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<RfmFlags>();
  auto* cmd = app.add_subcommand(
      "rfm",
      "RFM quintile scores (1-5; recency 5 = most recent; ties broken by rank) and the named\n"
      "segments on the R x F grid: Champions R5 F4-5; Loyal R3-4 F4-5; Potential loyalists\n"
      "R4-5 F2-3; New R5 F1; Promising R4 F1; Need attention R3 F3; About to sleep R3 F1-2;\n"
      "At risk R1-2 F3-4; Can't lose them R1-2 F5; Hibernating R1-2 F1-2.");
  cmd->add_option("--as-of", f->as_of, "Scoring date (default: day of the latest order)");
  cmd->add_option("--customer", f->customer, "Show the scores of one customer (external id)");
  cmd->add_option("--segment-map", f->request.segment_map_path,
                  "CSV with name,r_min,r_max,f_min,f_max replacing the default map");
  cmd->add_flag("--json", f->json, "Print JSON");
  cmd->callback([&ctx, f] {
    auto as_of = ParseDateOption("--as-of", f->as_of);
    if (!as_of) return ctx.Fail(as_of.error());
    f->request.as_of = *as_of;
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    auto result = app::RunRfm(session->snapshot, f->request);
    if (!result) return ctx.Fail(result.error());
    if (f->customer.empty()) {
      if (f->json) {
        std::cout << app::RfmJson(*result).dump(2) << "\n";
      } else {
        PrintSegments(ctx, *result);
      }
      return;
    }
    const auto& ids = session->snapshot.customer_ids;
    const auto it = std::find(ids.begin(), ids.end(), f->customer);
    if (it == ids.end()) {
      return ctx.Fail(core::NotFound("no customer '" + f->customer + "'"));
    }
    const auto* c = app::FindRfmCustomer(*result, static_cast<size_t>(it - ids.begin()));
    if (c == nullptr) {
      return ctx.Fail(core::NotFound("customer '" + f->customer + "' has no orders up to " +
                                     core::FormatDay(result->options.as_of)));
    }
    const auto j = app::RfmCustomerJson(*result, *c, f->customer);
    if (f->json) {
      std::cout << j.dump(2) << "\n";
      return;
    }
    const std::string seg = j["segment"];
    PrintTable(std::cout, {{ctx.T("Customer", "Kunde"), f->customer},
                           {"R / F / M", std::to_string(c->r) + " / " + std::to_string(c->f) +
                                             " / " + std::to_string(c->m)},
                           {ctx.T("Segment", "Segment"),
                            ctx.lang == Lang::kDe ? app::SegmentNameDe(seg) : seg},
                           {ctx.T("Days since last order", "Tage seit letzter Bestellung"),
                            FormatCount(ctx, c->recency_days)},
                           {ctx.T("Orders", "Bestellungen"), FormatCount(ctx, c->frequency)},
                           {ctx.T("Revenue", "Umsatz"), FormatMoney(ctx, c->monetary)}});
  });
}

}  // namespace retain::cli
