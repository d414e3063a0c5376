#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "retain/app/analytics_session.h"
#include "retain/app/recommendations.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/output_file.h"

namespace retain::cli {
namespace {

struct AssociationFlags {
  std::string level = "product", as_of;
  double min_support = 0.01, min_confidence = 0.1;
  int top = 20;
  bool json = false;
};

struct RecommendFlags {
  std::string customer_id, as_of, holdout_from, out;
  int k = 5;
  bool evaluate = false, all = false, json = false;
};

void Associations(Context& ctx, const AssociationFlags& f) {
  auto as_of = ParseDateOption("--as-of", f.as_of);
  if (!as_of) return ctx.Fail(as_of.error());
  app::AssociationRequest req;
  req.level = f.level;
  req.min_support = f.min_support;
  req.min_confidence = f.min_confidence;
  req.top = static_cast<size_t>(f.top);
  req.as_of = *as_of;
  if (f.level != "product" && f.level != "category") {
    return ctx.Fail(
        core::InvalidArgument("--level must be product or category, not '" + f.level + "'"));
  }
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto found = app::FindAssociationRules(session->snapshot, req);
  if (!found) return ctx.Fail(found.error());
  const auto& r = *found;
  const size_t shown = std::min(r.rules.size(), req.top);
  if (f.json) {
    std::cout << app::AssociationsJson(r, req).dump(2) << "\n";
    return;
  }
  std::cout << FormatCount(ctx, static_cast<int64_t>(r.rules.size()))
            << ctx.T(" rules from ", " Regeln aus ") << FormatCount(ctx, r.baskets)
            << ctx.T(" baskets (support >= ", " Warenkörben (Support >= ")
            << FormatPercent(ctx, 100 * f.min_support)
            << ctx.T(", confidence >= ", ", Konfidenz >= ")
            << FormatPercent(ctx, 100 * f.min_confidence) << ")";
  if (shown < r.rules.size()) {
    std::cout << ctx.T("; the top ", "; die besten ") << shown << ctx.T(" by lift", " nach Lift");
  }
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("If bought", "Wer kauft"), ctx.T("also buys", "kauft auch"),
       ctx.T("Baskets", "Warenkörbe"), "Support", ctx.T("Confidence", "Konfidenz"), "Lift"}};
  for (size_t i = 0; i < shown; ++i) {
    const auto& x = r.rules[i];
    rows.push_back({r.names[x.antecedent], r.names[x.consequent], FormatCount(ctx, x.baskets),
                    FormatPercent(ctx, 100 * x.support), FormatPercent(ctx, 100 * x.confidence),
                    FormatNumber(ctx, x.lift, 2)});
  }
  PrintTable(std::cout, rows);
}

void Evaluate(Context& ctx, const RecommendFlags& f) {
  auto from = ParseDateOption("--holdout-from", f.holdout_from);
  if (!from) return ctx.Fail(from.error());
  if (!*from) {
    return ctx.Fail(core::InvalidArgument("--evaluate needs --holdout-from DATE"));
  }
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  const auto e = analytics::EvaluateRecommendations(session->snapshot, **from, f.k,
                                                    app::RecommendationOptions());
  if (f.json) {
    nlohmann::ordered_json j = {{"holdout_from", core::FormatDay(**from)},
                                {"k", e.k},
                                {"customers", e.customers},
                                {"hit_rate", e.hit_rate},
                                {"popular_hit_rate", e.popular_hit_rate}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Hit rate at ", "Trefferquote bei ") << e.k
            << ctx.T(" on orders from ", " auf Bestellungen ab ") << core::FormatDay(**from) << " ("
            << FormatCount(ctx, e.customers)
            << ctx.T(" customers who bought before and after)",
                     " Kunden mit Käufen davor und danach)")
            << "\n\n";
  PrintTable(std::cout,
             {{ctx.T("Method", "Verfahren"), ctx.T("Hit rate", "Trefferquote")},
              {ctx.T("Recommendations (bought together)", "Empfehlungen (zusammen gekauft)"),
               FormatPercent(ctx, 100 * e.hit_rate)},
              {ctx.T("Most popular products", "Beliebteste Produkte"),
               FormatPercent(ctx, 100 * e.popular_hit_rate)}});
}

// Every customer's recommendations as CSV: customer_id,rank,sku,confidence,because_of.
void RecommendAll(Context& ctx, const RecommendFlags& f) {
  if (f.out.empty()) return ctx.Fail(core::InvalidArgument("--all needs --out FILE"));
  auto as_of = ParseDateOption("--as-of", f.as_of);
  if (!as_of) return ctx.Fail(as_of.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  const analytics::Snapshot& s = session->snapshot;
  const core::Day day = as_of->value_or(s.LastOrderDay());
  const auto rules = app::RecommendationRules(s, day);
  const auto all = analytics::RecommendForAll(s, rules, day, f.k);
  int64_t customers = 0;
  if (auto st = WriteFileReplacing(f.out,
                                   [&](std::ostream& out) {
                                     auto n = app::WriteRecommendationsCsv(out, s, rules, all);
                                     if (!n) return n.error();
                                     customers = *n;
                                     return core::Status();
                                   });
      !st.ok()) {
    return ctx.Fail(st);
  }
  std::cout << ctx.T("Wrote recommendations for ", "Empfehlungen für ")
            << FormatCount(ctx, customers) << ctx.T(" customers to ", " Kunden nach ") << f.out
            << ctx.T("", " geschrieben") << "\n";
}

void Recommend(Context& ctx, const RecommendFlags& f) {
  if (f.evaluate) return Evaluate(ctx, f);
  if (f.all) return RecommendAll(ctx, f);
  if (f.customer_id.empty()) {
    return ctx.Fail(core::InvalidArgument(
        "name a customer (retain recommend CUSTOMER_ID) or use --evaluate --holdout-from DATE"));
  }
  auto as_of = ParseDateOption("--as-of", f.as_of);
  if (!as_of) return ctx.Fail(as_of.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto found = app::LoadCustomerRecommendations(*session->store, session->snapshot, f.customer_id,
                                                *as_of, static_cast<size_t>(f.k));
  if (!found) return ctx.Fail(found.error());
  if (f.json) {
    std::cout << app::CustomerRecommendationsJson(*found).dump(2) << "\n";
    return;
  }
  const auto& rules = found->rules;
  const auto* recs = &found->items;
  const core::Day day = found->as_of;
  // "SKU (name)" when the product has a name.
  auto label = [&](uint32_t product) {
    const std::string& sku = rules.names[product];
    auto it = found->names.find(sku);
    return it == found->names.end() ? sku : sku + " (" + it->second + ")";
  };
  std::cout << ctx.T("Next best products for ", "Nächste beste Produkte für ") << f.customer_id
            << ctx.T(" as of ", " am ") << core::FormatDay(day) << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"#", ctx.T("Product", "Produkt"), ctx.T("Confidence", "Konfidenz"), ctx.T("Why", "Warum")}};
  for (size_t i = 0; i < recs->size(); ++i) {
    const auto& r = (*recs)[i];
    rows.push_back({std::to_string(i + 1), label(r.product),
                    r.because_of ? FormatPercent(ctx, 100 * r.score) : "",
                    r.because_of ? ctx.T("bought with ", "gekauft mit ") + label(r.because_of)
                                 : ctx.T("popular", "beliebt")});
  }
  PrintTable(std::cout, rows, false);
}

}  // namespace

void RegisterRecommend(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<AssociationFlags>();
  auto* assoc = app.add_subcommand(
      "associations",
      "Item-to-item rules from order baskets (who buys A also buys B), with support,\n"
      "confidence and lift, best lift first.");
  assoc->add_option("--level", a->level, "product or category")->capture_default_str();
  assoc->add_option("--min-support", a->min_support, "Share of baskets with both, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  assoc
      ->add_option("--min-confidence", a->min_confidence,
                   "Share of baskets with A that also hold B, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  assoc->add_option("--top", a->top, "Rules to show")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  assoc->add_option("--as-of", a->as_of, "Only baskets up to this day (default: all)");
  assoc->add_flag("--json", a->json, "Print JSON");
  assoc->callback([&ctx, a] { Associations(ctx, *a); });

  auto r = std::make_shared<RecommendFlags>();
  auto* rec = app.add_subcommand(
      "recommend",
      "Next best products for a customer, leaving out what they bought or returned, each\n"
      "with the purchase that led to it; or, with --evaluate, the hit rate on held-out\n"
      "orders compared with recommending the most popular products.");
  rec->add_option("customer", r->customer_id, "The customer's external id");
  rec->add_option("--k", r->k, "Products to recommend")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  rec->add_option("--as-of", r->as_of, "Recommend as of this day (default: latest order)");
  rec->add_flag("--evaluate", r->evaluate, "Measure the hit rate at k instead");
  rec->add_flag("--all", r->all, "Recommend for every customer into --out (CSV)");
  rec->add_option("--out", r->out, "With --all: the CSV file to write");
  rec->add_option("--holdout-from", r->holdout_from, "With --evaluate: first day of the holdout");
  rec->add_flag("--json", r->json, "Print JSON");
  rec->callback([&ctx, r] { Recommend(ctx, *r); });
}

}  // namespace retain::cli
