// The Kunden-Club as stored: members, their append-only ledger entries,
// purchases and returns that earned or took back points, vouchers, and the
// answers to loyalty requests (so a repeated request gets the same answer).
//
// Storage keeps these rows; what they mean (points, lots, tiers) is decided by
// loyalty/ and app/. Customers are named by their external id throughout.
#pragma once

#include <cstdint>
#include <string>

#include "retain/core/date.h"

namespace retain::storage {

// A member of the loyalty program and the tier last decided for them.
struct LoyaltyMemberRecord {
  std::string customer_id;  // external id; the customer must exist
  std::string enrolled_at;  // ISO 8601 UTC
  core::Day enrolled_day = 0;
  std::string referred_by;  // external id of the member who recommended, or ""
  std::string tier;         // a tier name of the program
  core::Day tier_since = 0, tier_held_until = 0;
  int64_t last_seq = 0;  // the seq of the member's newest ledger entry (0: none)
};

// One ledger entry (a transfer between accounts; see loyalty/ledger.h).
// Entries are never changed or deleted once written.
struct LoyaltyEntryRecord {
  int64_t seq = 0;   // 1, 2, ... per member
  std::string kind;  // "earn" | "bonus" | "reverse" | "redeem" | "restore" | "expire"
  core::Day day = 0;
  int64_t points = 0;  // > 0
  std::string reference;
  core::Day available_from = 0, expires_after = 0;  // credits only, else 0
  std::string created_at;                           // ISO 8601 UTC
};

// A purchase the program has seen (members and non-members alike).
struct LoyaltyPurchaseRecord {
  std::string order_id;
  std::string customer_id;  // external id
  core::Day day = 0;
  int64_t amount_cents = 0;
  int64_t points = 0;          // what it earned (0 for a non-member)
  int64_t returned_cents = 0;  // read only: the sum of its returns so far
};

// A return that took points back from a purchase.
struct LoyaltyReturnRecord {
  std::string return_id;
  std::string order_id;  // a purchase that exists
  int64_t amount_cents = 0;
  int64_t points = 0;
};

// A voucher bought with points.
struct VoucherRecord {
  std::string code;  // unique, unguessable
  std::string customer_id;
  std::string request_id;  // the redemption that issued it (unique)
  int64_t points = 0;
  int64_t value_cents = 0;
  std::string currency;
  core::Day issued_day = 0, expires_day = 0;  // valid through expires_day
  std::string state;                          // "issued" | "used" | "cancelled"
  std::string order_id;                       // the order it paid, once used
  std::string changed_at;                     // ISO 8601 UTC of the last state change
};

// The answer given to a loyalty request, kept under its natural key.
struct LoyaltyRequestRecord {
  std::string kind;          // "purchase" | "return" | "redemption" | "bonus" | ...
  std::string key;           // the order id, return id, request id, ...
  std::string request_hash;  // fingerprint of what was asked
  std::string answer;        // the answer's JSON
  std::string created_at;    // ISO 8601 UTC
};

}  // namespace retain::storage
