#include <algorithm>
#include <cmath>

#include "retain/analytics/cohorts.h"
#include "retain/app/analytics_session.h"
#include "retain/app/cohort_report.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct CohortFlags {
  std::string as_of;
  int months = 12;
  bool json = false;
};

void PrintCohorts(const Context& ctx, const analytics::CohortMatrix& m, int months) {
  std::cout << ctx.T(
                   "Cohort retention: share of each first-purchase month's customers who "
                   "ordered k months later",
                   "Kohorten: Anteil der Kunden eines Erstkauf-Monats, die k Monate später "
                   "bestellt haben")
            << "\n\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {ctx.T("Cohort", "Kohorte"), ctx.T("Customers", "Kunden")};
  for (int k = 0; k <= months; ++k) header.push_back("+" + std::to_string(k));
  rows.push_back(header);
  // The newest cohorts matter most: show the last `months` + 1 non-empty cohorts.
  std::vector<const analytics::CohortRow*> shown;
  for (auto it = m.rows.rbegin();
       it != m.rows.rend() && shown.size() <= static_cast<size_t>(months); ++it) {
    if (it->size > 0) shown.insert(shown.begin(), &*it);
  }
  for (const auto* r : shown) {
    std::vector<std::string> row = {core::FormatMonthIndex(r->month), FormatCount(ctx, r->size)};
    for (int k = 0; k <= months; ++k) {
      row.push_back(k < static_cast<int>(r->percent.size()) ? FormatNumber(ctx, r->percent[k], 0)
                                                            : "");
    }
    rows.push_back(row);
  }
  PrintTable(std::cout, rows);
  std::cout << ctx.T("(percent; +0 is the month of the first purchase)\n",
                     "(Prozent; +0 ist der Monat des Erstkaufs)\n");
}

}  // namespace

void RegisterCohorts(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<CohortFlags>();
  auto* cmd = app.add_subcommand(
      "cohorts",
      "Retention matrix by month of first purchase: for each cohort, the share of its\n"
      "customers with at least one order in month +k (+0 = the first month, always 100 %).");
  cmd->add_option("--as-of", f->as_of, "Last day taken into account (default: latest order)");
  cmd->add_option("--months", f->months, "Months shown in the text table (JSON has all)")
      ->capture_default_str()
      ->check(CLI::Range(0, 240));
  cmd->add_flag("--json", f->json, "Print JSON with every cohort and month");
  cmd->callback([&ctx, f] {
    auto as_of = ParseDateOption("--as-of", f->as_of);
    if (!as_of) return ctx.Fail(as_of.error());
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    analytics::CohortOptions o;
    o.as_of = *as_of;
    const auto m = analytics::ComputeCohorts(session->snapshot, o);
    if (f->json) {
      std::cout << app::CohortJson(m).dump(2) << "\n";
    } else {
      PrintCohorts(ctx, m, f->months);
    }
  });
}

}  // namespace retain::cli
