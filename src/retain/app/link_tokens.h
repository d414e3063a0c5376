// Signed links in messages: the unsubscribe link of every advertising email
// and (later) the feedback link of a feedback request. A token names the
// customer, the channel and the contact it came with; it is signed with the
// database's link key (HMAC-SHA-256), so it cannot be forged or altered, and
// a server of the same database checks it without any lookup.
//
//   auto key = LinkKey(store);  // in a write transaction the first time
//   std::string t = SignLink(*key, {.purpose = "u", .customer_id = "C17",
//                                   .channel = "email", .contact_id = 42});
//   auto claims = VerifyLink(*key, "u", t, today);  // kInvalidArgument if forged
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "retain/core/date.h"
#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

struct LinkClaims {
  std::string purpose;      // "u" unsubscribe, "f" feedback
  std::string customer_id;  // external id
  std::string channel;      // "email", ...
  std::string language;     // "de" | "en": of the page the link opens
  int64_t contact_id = 0;   // the interaction the link came with (0: none)
  core::Day expires = 0;    // valid through this day; 0: does not expire
};

// The database's link key (32 random bytes, as hex), made and stored on
// first use; every server of one database gets the same. Call it inside a
// write transaction (it may store the key).
core::Result<std::string> LinkKey(storage::Store& store);

// The token for `claims`: URL-safe base64 of the claims, '.', URL-safe
// base64 of their signature. `key` as LinkKey returns it.
std::string SignLink(const std::string& key, const LinkClaims& claims);

// The claims of `token` if it was signed with `key`, is for `purpose`, and
// has not expired on `today`; otherwise kInvalidArgument saying which
// ("the link is not valid", "the link has expired").
core::Result<LinkClaims> VerifyLink(const std::string& key, std::string_view purpose,
                                    std::string_view token, core::Day today);

// What following an unsubscribe link did.
struct Unsubscribed {
  LinkClaims claims;
  bool recorded = false;  // false: the channel was revoked or denied already
};

// Inside a write transaction: checks the unsubscribe `token` and records the
// objection at once (the channel's consent "revoked", source "unsubscribe",
// in the audit log as actor "unsubscribe"); it beats every earlier consent
// and every later import. kInvalidArgument for a forged, altered or other
// token; kNotFound when the customer was erased meanwhile.
core::Result<Unsubscribed> Unsubscribe(storage::Store& store, std::string_view token,
                                       core::Day today, const std::string& now);

}  // namespace retain::app
