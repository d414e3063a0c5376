// The data subject's rights (GDPR Art. 15, 17, 20): everything retain holds
// about a person, as one JSON document; and erasure that removes the person
// but keeps the shop's figures, with the email address hashed onto the
// suppression list so that no later import brings it back.
//
//   auto doc = ExportPerson(store, "C17", "cli", now);    // in a write transaction
//   auto done = ErasePerson(store, "C17", "key:ab12", now); // in a write transaction
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// The suppression list's key of an email address: "email:" and the SHA-256
// (hex) of the address trimmed and in lower case; "" for an empty address.
std::string EmailSuppressionHash(std::string_view email);

// Everything about the customer: {"customer", "orders" (with lines),
// "returns", "consents", "consent_history", "contacts", "loyalty"
// ({"member", "entries", "vouchers"} or null), "lifetime_value", "audit",
// "exported_at"}. Records the export in the audit log (actor, when). In a
// write transaction; kNotFound for an unknown customer.
core::Result<nlohmann::ordered_json> ExportPerson(storage::Store& store,
                                                  const std::string& customer_id,
                                                  const std::string& actor, const std::string& now);

struct Erasure {
  std::string customer_id;  // as it was
  std::string pseudonym;    // the row's new name: "erased-<random hex>"
  bool email_suppressed = false;
};

// Erases the customer (Store::EraseCustomer) under a random pseudonym, puts
// their email address's hash on the suppression list, and records the
// erasure in the audit log under the pseudonym (who, when). In a write
// transaction; kNotFound for an unknown customer.
core::Result<Erasure> ErasePerson(storage::Store& store, const std::string& customer_id,
                                  const std::string& actor, const std::string& now);

// {"customer_id", "pseudonym", "email_suppressed"}.
nlohmann::ordered_json ErasureJson(const Erasure& e);

}  // namespace retain::app
