// The contact plan (`retain plan`): for every customer, whether to get in
// touch on a day, why, how and with what, from the shop's data, the
// forecasts, the Kunden-Club, the consents and the contacts made so far;
// and committing it, so that the next day's caps count these contacts.
//
//   auto plan = BuildPlan(store, snapshot, settings, {.day = today});
//   if (plan) CommitPlan(store, *plan, "cli", now);  // inside a write transaction
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/app/listening.h"
#include "retain/contact/arbiter.h"
#include "retain/core/status.h"
#include "retain/loyalty/program.h"
#include "retain/storage/store.h"

namespace retain::app {

// What the plan needs besides the data: the calendar's rules (the [contact]
// configuration) and the Kunden-Club's program (its tiers).
struct PlanSettings {
  contact::CalendarPolicy policy;
  loyalty::LoyaltyProgram program;
  // Order statuses that are a problem worth a service message.
  std::vector<std::string> problem_statuses = {"delayed", "damaged", "lost", "problem"};
  // Whether an email address came with a sale (UWG §7(3)) when the customer
  // has no `email_source` attribute; with one, "sale" or "checkout" say yes.
  bool email_from_sale = false;
  bool informal = false;  // German messages say "du" rather than "Sie"
  // Feedback, tasks and conversations ([listening]).
  ListeningSettings listening;
};

struct PlanRequest {
  core::Day day = 0;
  std::string segment;          // only the customers of this named segment; "" = all
  bool list_held_back = false;  // also list each proposal held back (PlanReport::held_back)
};

// One planned contact.
struct PlanEntry {
  std::string customer_id;
  std::string language;  // "de" or "en": of the message
  contact::PlannedContact contact;
  std::string reason;         // in words, in the customer's language
  std::string template_name;  // "<trigger>.<variant>", e.g. "birthday.de-sie"
};

// A proposal the arbiter did not take: whose, which trigger, the rule that
// held it back (as in PlanReport::suppressed) and the trigger's reason in
// words, in the customer's language.
struct HeldBack {
  std::string customer_id;
  contact::Trigger trigger = contact::Trigger::kKeepInTouch;
  std::string rule;
  std::string reason;
};

struct PlanReport {
  core::Day day = 0;
  std::string segment;
  int64_t customers = 0;            // looked at (the segment's, or all)
  int64_t candidates = 0;           // with at least one proposal
  int64_t already_contacted = 0;    // a contact on `day` is recorded already
  std::vector<PlanEntry> contacts;  // snapshot order
  std::map<std::string, int64_t> by_trigger, by_channel;
  // Proposals not taken, by the rule that held them back ("min_gap", ...).
  std::map<std::string, int64_t> suppressed;
  // Each of them, in snapshot order (only with PlanRequest::list_held_back).
  std::vector<HeldBack> held_back;
};

// The plan for `request.day` (deterministic for the same data and day).
// Customers with a contact recorded on that day already are left out
// (already_contacted). Reads the store (forecasts, Kunden-Club, consents,
// contacts, recent orders) and the snapshot; kNotFound for an unknown
// segment, kInvalidArgument for settings that do not validate.
core::Result<PlanReport> BuildPlan(storage::Store& store, const analytics::Snapshot& snapshot,
                                   const PlanSettings& settings, const PlanRequest& request);

struct CommitReport {
  int64_t recorded = 0;  // new interactions
  int64_t already = 0;   // recorded before (the plan was committed already)
};

// Inside a write transaction: records each planned contact as an
// interaction (status "planned"; detail: channel rule, template, reason,
// offer, language), so committing the same plan twice adds nothing.
core::Result<CommitReport> CommitPlan(storage::Store& store, const PlanReport& plan,
                                      const std::string& now);

// A problem with an order reported by the shop (a late delivery, a damaged
// parcel): the calendar answers it with a service message.
struct OrderProblem {
  std::string order_id;
  std::string problem;  // what went wrong: "delayed", "damaged", ...
  std::string note;
  core::Day day = 0;  // when it was reported
};

// Inside a write transaction: records the problem as an interaction of the
// order's customer (kind "order_problem", reference "order:<id>") with an
// audit entry naming `actor`. Returns false when the same problem was
// reported for the order on that day already (nothing written); kNotFound
// for an unknown order, kInvalidArgument "problem: ..." when it is empty.
core::Result<bool> ReportOrderProblem(storage::Store& store, const OrderProblem& problem,
                                      const std::string& actor, const std::string& now);

// {"day", "segment", "customers", "candidates", "already_contacted",
// "planned", "by_trigger", "by_channel", "suppressed", "contacts": [...]}
// (contacts left out when `with_contacts` is false).
nlohmann::ordered_json PlanJson(const PlanReport& plan, bool with_contacts);

// One planned contact: {"customer_id", "trigger", "purpose", "priority",
// "reason", "reason_code", "figures", "reference", "channel", "legal_rule",
// "objection_notice", "template", "language", "offer", "subject", "categories"}.
nlohmann::ordered_json PlanEntryJson(const PlanEntry& e);

}  // namespace retain::app
