// The contacts as the dashboard reads them back: one customer's contact
// history, and a day's committed plan with the state of each contact (the
// send log).
//
//   auto history = CustomerContactsJson(store, "C001", 50, 0);  // newest first
//   auto log = PlanLogJson(store, day, 100, 0);                 // the day's contacts
//
// A contact's state is its interaction status: "planned" (committed, not
// sent yet; also an email the mail server could not take, which waits for
// the next run), "sending" (taken by a run), "sent", "failed", "exported"
// (in a work list) or "done" (a contact the shop handled, such as a
// reported order problem).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>

#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// One contact: {"id","day","trigger","channel","status","template","reason","offer",
// "sent_at","error"}. trigger is the interaction's kind (a trigger of the
// calendar, or "complaint", "order_problem", ...); template, reason and
// offer come from the plan (null when the contact has none); sent_at is
// when it was sent or exported, error why it failed (null otherwise).
nlohmann::ordered_json ContactJson(const storage::InteractionRecord& r);

// {"customer_id","total","contacts":[ContactJson...],"next_offset"}: the
// customer's contacts, newest first (by day, then the later recorded
// first), `limit` of them from `offset`; next_offset is null on the last
// page. kNotFound for an unknown customer.
core::Result<nlohmann::ordered_json> CustomerContactsJson(storage::Store& store,
                                                          const std::string& customer_id,
                                                          size_t limit, size_t offset);

// {"date","total","counts":{"planned","sending","sent","failed","exported",...},
//  "contacts":[{"id","customer_id","trigger","channel","status","sent_at","error"}],
//  "next_offset"}: the contacts of the calendar committed for `day` (not
// complaints or order problems), in the order they were recorded; counts
// has every status of the day (and the five of sending, 0 when none).
core::Result<nlohmann::ordered_json> PlanLogJson(storage::Store& store, core::Day day, size_t limit,
                                                 size_t offset);

}  // namespace retain::app
