// Test helpers for the contact layer: days by date, a customer who may be
// emailed, a history entry.
#pragma once

#include <string>

#include "retain/contact/triggers.h"
#include "retain/core/date.h"

namespace retain::contact::testing {

inline core::Day D(const char* iso) { return *core::ParseDate(iso); }

// A consumer with two orders, 60 days apart, the last one on 2026-10-01,
// who consented to email.
inline CustomerFacts Customer() {
  CustomerFacts f;
  f.customer_id = "C1";
  f.language = "de";
  f.orders = 2;
  f.first_order = D("2026-08-02");
  f.last_order = D("2026-10-01");
  f.last_order_id = "O2";
  f.mean_gap_days = 60;
  f.categories = {"Schuhe"};
  f.favourite_category = "Schuhe";
  f.consents[static_cast<size_t>(Channel::kEmail)] = {
      ConsentStatus::kGranted, LegalBasis::kConsent, "import", "", "", ""};
  f.legal.bought_categories = f.categories;
  return f;
}

inline PastContact Contact(const char* day, Trigger t, std::string ref = "") {
  return {D(day), t, Channel::kEmail, std::move(ref)};
}

}  // namespace retain::contact::testing
