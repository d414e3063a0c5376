// Contacts as stored: consents per customer and channel with their full
// history, the contacts made (interactions), the audit log of changes to
// personal data and consents, and the suppression list of erased addresses.
//
// Storage keeps these rows; what they mean (may the shop write?) is decided
// by contact/ and app/. Customers are named by their external id throughout.
#pragma once

#include <cstdint>
#include <string>

#include "retain/core/date.h"

namespace retain::storage {

// A consent as recorded (by the API, the CLI, an unsubscribe link): the
// current one per customer and channel, and every earlier one in the history.
struct ConsentRecord {
  std::string customer_id;   // external id; the customer must exist
  std::string channel;       // "email" | "sms" | "phone" | "letter"
  std::string status;        // "granted" | "denied" | "revoked"
  std::string basis;         // "" | "consent" | "double_opt_in" | "uwg_7_3" | "contract"
  std::string source;        // where it came from: "api", "cli", "unsubscribe", "form", ...
  std::string changed_at;    // ISO 8601 with offset
  std::string confirmed_at;  // double opt-in: confirmation time
  std::string proof;         // double opt-in: token or message id
  std::string actor;         // who recorded it: "key:<id>", "cli", "unsubscribe"
};

// A contact made (or a customer's own contact, such as a complaint).
struct InteractionRecord {
  std::string customer_id;  // external id
  core::Day day = 0;
  std::string kind;        // a trigger name ("birthday", ...) or "complaint"
  std::string channel;     // "email" | "sms" | "phone" | "letter" | "" (unknown)
  std::string reference;   // what it was about (see contact::Proposal::reference)
  std::string detail;      // JSON: template, offer, reason, ...
  std::string status;      // "planned" | "sending" | "sent" | "failed" | "exported" | "done"
  std::string created_at;  // ISO 8601 UTC
  int64_t id = 0;          // given by the store (read back; ignored when saving)
};

// An order as the contact calendar sees it: whose, which, when, its status.
struct OrderStatusFact {
  std::string customer_id, order_id;  // external ids
  core::Day day = 0;
  std::string status;
  int64_t total_minor = 0;
  std::string channel;  // "online" | "store" | ...
  std::string store;    // the store's id ("" none)
};

// One change to personal data or consent: who, when, what.
struct AuditRecord {
  int64_t id = 0;  // given by the store, ascending
  std::string at;  // ISO 8601 UTC
  std::string actor;
  std::string action;       // "consent", "erase", "export", ...
  std::string customer_id;  // external id at the time ("" when none)
  std::string detail;       // JSON
};

}  // namespace retain::storage
