// The reasons of the calendar's proposals in words (German and English).
#include <fmt/format.h>

#include "retain/contact/triggers.h"

namespace retain::contact {

namespace {

struct ReasonWords {
  const char* code;
  const char* de;  // fmt pattern: {0}, {1} the figures, {s} the subject
  const char* en;
};

constexpr ReasonWords kWords[] = {
    {"order_problem", "Problem mit Bestellung vor {0} Tagen", "Problem with an order {0} days ago"},
    {"after_order", "Bestellung vor {0} Tagen: Wie zufrieden?",
     "Ordered {0} days ago: how was it?"},
    {"contract_ends", "Vertrag endet in {0} Tagen", "Contract ends in {0} days"},
    {"new_tier", "Neue Stufe {s} seit {0} Tagen", "New tier {s} for {0} days"},
    {"points_expiring", "{0} Punkte verfallen in den nächsten 30 Tagen",
     "{0} points expire within 30 days"},
    {"birthday", "Geburtstag ({0} Jahre)", "Birthday ({0} years)"},
    {"event", "Einladung: {s} in {0} Tagen", "Invitation: {s} in {0} days"},
    {"promoter", "Hat uns 9 oder 10 von 10 gegeben (vor {0} Tagen): Bewertung oder Empfehlung?",
     "Rated us 9 or 10 out of 10 ({0} days ago): a review or a recommendation?"},
    {"nth_order", "{0}. Bestellung", "Order number {0}"},
    {"anniversary", "{0} Jahr(e) Kunde", "Customer for {0} year(s)"},
    {"surprise", "Überraschung für treue Kunden ({0} Bestellungen)",
     "A surprise for a loyal customer ({0} orders)"},
    {"silence", "Seit {0} Tagen kein Kontakt und keine Bestellung",
     "No contact and no order for {0} days"},
    {"overdue", "Letzte Bestellung vor {0} Tagen, sonst alle {1} Tage",
     "Last order {0} days ago, usually every {1} days"},
    {"at_risk", "Nur noch {0} % Wahrscheinlichkeit, dass noch Kunde",
     "Only a {0}% chance of still being a customer"},
    {"new_products", "{0} neue Produkte in der Lieblingskategorie",
     "{0} new products in the favourite category"},
};

}  // namespace

std::string ReasonText(const Proposal& p, std::string_view language) {
  for (const auto& w : kWords) {
    if (p.reason != w.code) continue;
    const int64_t a = p.figures.size() > 0 ? p.figures[0] : 0;
    const int64_t b = p.figures.size() > 1 ? p.figures[1] : 0;
    return fmt::format(fmt::runtime(language == "de" ? w.de : w.en), a, b,
                       fmt::arg("s", p.subject));
  }
  return p.reason;
}

}  // namespace retain::contact
