#include <map>

#include "retain/app/customer_profile.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct CustomerFlags {
  app::CustomerProfileRequest request;
  std::string as_of;
  bool json = false;
};

std::string StageText(const Context& ctx, std::string_view stage) {
  static const std::map<std::string_view, const char*> de = {
      {"new", "neu"},           {"active", "aktiv"},
      {"at_risk", "gefährdet"}, {"lapsed", "abgewandert"},
      {"churned", "verloren"},  {"reactivated", "reaktiviert"}};
  if (ctx.lang == Lang::kDe) {
    if (auto it = de.find(stage); it != de.end()) return it->second;
  }
  return std::string(stage);
}

// What the customer told the shop: answers, conversations, tasks.
void PrintListening(const Context& ctx, const app::CustomerProfile& p) {
  if (p.feedback.empty() && p.conversations.empty() && p.tasks.empty()) return;
  std::cout << "\n" << ctx.T("Feedback and service", "Feedback und Service") << "\n";
  std::vector<std::vector<std::string>> t = {{ctx.T("Date", "Datum"), ctx.T("Event", "Ereignis"),
                                              ctx.T("Status", "Status"), ctx.T("Note", "Notiz")}};
  auto cut = [](std::string s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; };
  for (const auto& f : p.feedback) {
    t.push_back(
        {core::FormatDay(f.day),
         ctx.T("answer NPS ", "Antwort NPS ") + std::to_string(f.score) +
             (f.order_id.empty() ? "" : ctx.T(" (order ", " (Bestellung ") + f.order_id + ")"),
         f.via, cut(f.comment)});
  }
  for (const auto& c : p.conversations) {
    t.push_back({core::FormatDay(c.day),
                 (c.complaint ? ctx.T("complaint #", "Beschwerde #")
                              : ctx.T("conversation #", "Gespräch #")) +
                     std::to_string(c.id) + " " + c.topic + " (" + c.channel + ")",
                 c.status, cut(c.assignee)});
  }
  for (const auto& k : p.tasks) {
    t.push_back({core::FormatDay(k.due),
                 ctx.T("task #", "Aufgabe #") + std::to_string(k.id) + " " + k.kind, k.status,
                 cut(k.reason)});
  }
  PrintTable(std::cout, t);
}

void PrintProfile(const Context& ctx, const app::CustomerProfile& p) {
  const auto& c = p.customer;
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const char* en, const char* de, const std::string& v) {
    if (!v.empty()) rows.push_back({ctx.T(en, de), v});
  };
  add("Customer", "Kunde", c.external_id);
  add("Name", "Name", c.first_name + (c.first_name.empty() ? "" : " ") + c.last_name);
  add("Company", "Firma", c.company);
  add("Type", "Art", c.kind == model::CustomerKind::kB2B ? "B2B" : "B2C");
  add("Email", "E-Mail", c.email);
  add("Phone", "Telefon", c.phone);
  add("Address", "Adresse",
      c.street + (c.street.empty() ? "" : ", ") + c.postal_code + " " + c.city +
          (c.country.empty() ? "" : " (" + c.country + ")"));
  if (c.birth_date) {
    add("Birth date", "Geburtsdatum",
        core::FormatDay(*c.birth_date) + " (" + std::to_string(app::AgeOn(*c.birth_date, p.as_of)) +
            ctx.T(" years)", " Jahre)"));
  }
  add("Gender", "Geschlecht", c.gender);
  add("Language", "Sprache", c.language);
  std::string tags;
  for (const auto& t : c.tags) tags += (tags.empty() ? "" : ", ") + t;
  add("Tags", "Tags", tags);
  for (const auto& [k, v] : c.attributes) rows.push_back({k, v});
  std::string consents;
  auto consent = [&](const char* ch, model::ConsentState s) {
    if (s == model::ConsentState::kUnknown) return;
    consents += (consents.empty() ? "" : ", ") + std::string(ch) + " " +
                (s == model::ConsentState::kGranted ? ctx.T("yes", "ja") : ctx.T("no", "nein"));
  };
  consent("email", c.consents.email);
  consent("sms", c.consents.sms);
  consent("phone", c.consents.phone);
  consent("letter", c.consents.letter);
  add("Consents", "Einwilligungen", consents);
  add("Came via", "Gekommen über", c.referral_source);
  const char* tenure = p.tenure == analytics::CustomerTenure::kExisting
                           ? ctx.T("existing customer", "Bestandskunde")
                       : p.tenure == analytics::CustomerTenure::kNew
                           ? ctx.T("new customer", "Neukunde")
                           : ctx.T("no orders yet", "noch keine Bestellung");
  add("Classification", "Einordnung",
      std::string(tenure) + ctx.T(" (existing = at least ", " (Bestandskunde = mindestens ") +
          std::to_string(p.existing_min_orders) + ctx.T(" orders)", " Bestellungen)"));
  if (p.stage) {
    std::string stage = StageText(ctx, analytics::LifecycleStageName(*p.stage));
    stage += ctx.T(" (last order ", " (letzte Bestellung vor ") +
             FormatCount(ctx, *p.days_since_last_order) +
             ctx.T(" days ago, usual gap ", " Tagen, üblicher Abstand ") +
             FormatNumber(ctx, p.expected_gap_days, 0) + ctx.T(" days", " Tage") +
             (p.own_gap_days ? "" : ctx.T(", shop median", ", Shop-Median")) + ")";
    add("Lifecycle stage", "Lebenszyklus", stage);
  }
  add("Orders", "Bestellungen", FormatCount(ctx, p.orders));
  add("Revenue", "Umsatz", FormatMoney(ctx, p.revenue));
  if (p.returned) add("Returned", "Retourniert", FormatMoney(ctx, p.returned));
  if (p.rfm) {
    add("RFM", "RFM",
        std::to_string(p.rfm->r) + "/" + std::to_string(p.rfm->f) + "/" + std::to_string(p.rfm->m) +
            " " + (ctx.lang == Lang::kDe ? app::SegmentNameDe(p.rfm_segment) : p.rfm_segment));
  }
  if (p.clv && p.clv_run) {
    const auto& v = *p.clv;
    const char* risk = v.risk == "high"     ? ctx.T("high", "hoch")
                       : v.risk == "medium" ? ctx.T("medium", "mittel")
                                            : ctx.T("low", "niedrig");
    add("P(alive)", "P(aktiv)",
        FormatPercent(ctx, v.p_alive * 100) + ctx.T(", churn risk ", ", Abwanderungsrisiko ") +
            risk + ctx.T(" (as of ", " (Stand ") + core::FormatDay(p.clv_run->as_of) + ")");
    add("Expected purchases", "Erwartete Käufe",
        FormatNumber(ctx, v.expected_30d, 2) + ctx.T(" in 30 days, ", " in 30 Tagen, ") +
            FormatNumber(ctx, v.expected_90d, 2) + ctx.T(" in 90, ", " in 90, ") +
            FormatNumber(ctx, v.expected_365d, 2) + ctx.T(" in 365", " in 365"));
    add("Expected order value", "Erwarteter Bestellwert", FormatMoney(ctx, v.expected_value_minor));
    add("Predicted CLV", "Prognostizierter Kundenwert",
        FormatMoney(ctx, v.clv_minor) + " (" + std::to_string(p.clv_run->horizon_months) +
            ctx.T(" months, discounted)", " Monate, abgezinst)"));
  }
  if (!p.risk.empty() && p.risk_raised_by_complaint) {
    const std::string band = p.risk == "high"     ? ctx.T("high", "hoch")
                             : p.risk == "medium" ? ctx.T("medium", "mittel")
                                                  : ctx.T("low", "niedrig");
    add("Churn risk", "Abwanderungsrisiko",
        band + ctx.T(" (raised by a recent complaint)", " (erhöht durch eine Beschwerde)"));
  }
  PrintTable(std::cout, rows, false);
  PrintListening(ctx, p);
  if (p.order_history.empty() && p.returns.empty()) return;
  std::cout << "\n"
            << ctx.T("Timeline", "Verlauf") << " (" << ctx.T("as of ", "Stand ")
            << core::FormatDay(p.as_of) << ")\n";
  std::vector<std::vector<std::string>> t = {{ctx.T("Date", "Datum"), ctx.T("Event", "Ereignis"),
                                              ctx.T("Channel", "Kanal"), ctx.T("Amount", "Betrag"),
                                              ctx.T("Items", "Artikel")}};
  size_t ri = 0;
  auto add_return = [&](const model::Return& r) {
    t.push_back({core::FormatDay(r.returned_at.day), ctx.T("return ", "Retoure ") + r.external_id,
                 "", "-" + FormatMoney(ctx, r.amount_minor), r.reason});
  };
  for (const auto& o : p.order_history) {
    while (ri < p.returns.size() && p.returns[ri].returned_at.day < o.order.ordered_at.day) {
      add_return(p.returns[ri++]);
    }
    std::string items;
    for (const auto& l : o.lines) {
      items += (items.empty() ? "" : ", ") +
               (l.quantity > 1 ? std::to_string(l.quantity) + "x " : "") +
               (l.name.empty() ? l.sku : l.name);
    }
    if (items.size() > 60) items = items.substr(0, 57) + "...";
    std::string channel =
        o.order.channel == model::Channel::kStore
            ? ctx.T("store", "Filiale") + (o.order.store_id.empty() ? "" : " " + o.order.store_id)
            : std::string(ctx.T("online", "online"));
    t.push_back({core::FormatDay(o.order.ordered_at.day),
                 ctx.T("order ", "Bestellung ") + o.order.external_id, channel,
                 FormatMoney(ctx, o.order.total_minor), items});
  }
  while (ri < p.returns.size()) add_return(p.returns[ri++]);
  PrintTable(std::cout, t);
}

}  // namespace

void RegisterCustomer(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<CustomerFlags>();
  auto* cmd = app.add_subcommand(
      "customer",
      "One customer: profile, new/existing classification, lifecycle stage judged against\n"
      "their own purchase rhythm (new, active, at_risk, lapsed, churned, reactivated), orders\n"
      "and returns timeline, RFM scores.");
  cmd->add_option("id", f->request.customer_id, "The customer's external id")->required();
  cmd->add_option("--as-of", f->as_of, "Judge as of this day (default: latest order in the shop)");
  cmd->add_option("--existing-min-orders", f->request.existing_min_orders,
                  "Orders that make an existing customer")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", f->json, "Print JSON");
  cmd->callback([&ctx, f] {
    auto as_of = ParseDateOption("--as-of", f->as_of);
    if (!as_of) return ctx.Fail(as_of.error());
    f->request.as_of = *as_of;
    auto session = app::OpenAnalytics(ctx.db);
    if (!session) return ctx.Fail(session.error());
    auto profile = app::LoadCustomerProfile(*session, f->request);
    if (!profile) return ctx.Fail(profile.error());
    if (f->json) {
      // Indented for people; the same document the API serves.
      std::cout << nlohmann::ordered_json::parse(app::CustomerProfileJson(*profile)).dump(2)
                << "\n";
    } else {
      PrintProfile(ctx, *profile);
    }
  });
}

}  // namespace retain::cli
