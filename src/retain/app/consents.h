// Consents: what a customer allowed on each channel, as recorded by the API,
// the CLI or an unsubscribe link, merged with what the shop's import says.
//
//   auto c = EffectiveConsents(customer.consents, *store.CustomerConsents(id));
//   contact::MayContact(contact::Channel::kEmail, true, c[0], ...);
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

#include "retain/contact/consent.h"
#include "retain/core/status.h"
#include "retain/model/customer.h"
#include "retain/storage/store.h"

namespace retain::app {

// The consent that counts on each channel (indexed by contact::Channel): an
// objection recorded by retain wins over everything, an import's "denied"
// over a recorded consent; then a recorded consent; then an imported
// "granted" (basis consent, source "import").
std::array<contact::Consent, 4> EffectiveConsents(
    const model::ChannelConsents& imported, const std::vector<storage::ConsentRecord>& recorded);

// The record's consent (unknown names become unknown / no basis).
contact::Consent ConsentOf(const storage::ConsentRecord& r);

struct ConsentChange {
  std::string customer_id;
  std::string channel;              // "email" | "sms" | "phone" | "letter"
  std::string status;               // "granted" | "denied" | "revoked"
  std::string basis;                // required for "granted"; "" otherwise
  std::string source;               // where the customer said it ("form", "till", ...)
  std::string changed_at;           // ISO 8601 with offset; "" = now
  std::string confirmed_at, proof;  // a double opt-in's confirmation
};

// Checks a change without the store: kInvalidArgument whose message starts
// with the field ("basis: ...").
core::Status CheckConsentChange(const ConsentChange& change);

// Inside a write transaction: checks the change (kInvalidArgument whose
// message starts with the field: "basis: ..."), records it as the current
// consent and in the history, and writes an audit entry naming `actor`.
// kNotFound for an unknown customer.
core::Status RecordConsent(storage::Store& store, const ConsentChange& change,
                           const std::string& actor, const std::string& now);

// {"customer_id", "consents": [{channel, status, basis, source, changed_at,
// confirmed_at, proof, actor}, one per channel as it counts], "history":
// [every recorded change, oldest first] when `with_history`}.
// kNotFound for an unknown customer.
core::Result<nlohmann::ordered_json> ConsentsJson(storage::Store& store,
                                                  const std::string& customer_id,
                                                  bool with_history);

}  // namespace retain::app
