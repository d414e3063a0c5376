// Triggers: the reasons the calendar may get in touch with a customer on a
// day, proposed from what is known about them (CustomerFacts).
//
//   auto proposals = ProposeContacts(facts, history, day, policy);
//   // ordered by priority: service > transactional > relationship > sales
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/contact/calendar_policy.h"
#include "retain/contact/consent.h"
#include "retain/core/date.h"

namespace retain::contact {

// Why the shop gets in touch, highest priority first.
enum class Purpose { kService, kTransactional, kRelationship, kSales };
const char* PurposeName(Purpose p);  // "service" | "transactional" | "relationship" | "sales"

// In priority order (within a purpose, the earlier one wins).
enum class Trigger {
  kServiceProblem,   // an order or delivery problem
  kFeedbackRequest,  // N days after an order
  kRenewal,          // a contract or subscription ends soon (renewal reward)
  kTierChange,       // a new Kunden-Club tier
  kPointsExpiring,   // points expire within 30 days
  kBirthday,
  kEventInvitation,   // Gold members, key accounts
  kReviewInvitation,  // a promoter's answer: invited to review or recommend us
  kMilestone,         // 10th order, first anniversary
  kSurprise,
  kKeepInTouch,    // non-sales content after a long silence
  kWinBack,        // overdue against their own rhythm, or likely lost
  kNewInCategory,  // new products in the favourite category
};
inline constexpr int kTriggerCount = 13;
const char* TriggerName(Trigger t);  // "service_problem", "feedback_request", ...
std::optional<Trigger> ParseTrigger(std::string_view name);
Purpose PurposeOf(Trigger t);
// The channels that suit the trigger, best first (the arbiter takes the
// customer's preferred one first when it is among them).
const std::vector<Channel>& ChannelsFor(Trigger t);

// A contact made earlier (an interaction recorded by a committed plan).
struct PastContact {
  core::Day day = 0;
  Trigger trigger = Trigger::kKeepInTouch;
  Channel channel = Channel::kEmail;
  std::string reference;
};

// Everything the calendar knows about one customer on the planning day.
struct CustomerFacts {
  std::string customer_id;
  bool b2b = false;
  bool key_account = false;  // tagged key_account
  std::string language;      // "de", "en"
  std::optional<core::Day> birth_date;
  // Orders (not counting cancelled ones).
  int orders = 0;
  core::Day first_order = 0, last_order = 0;
  std::string last_order_id;
  double mean_gap_days = 0;  // between orders, when there are at least two
  std::optional<double> p_alive;
  std::vector<std::string> categories;  // bought, sorted, distinct
  std::string favourite_category;
  int new_products_in_favourite = 0;  // first sold within policy.new_products_days
  // The latest order with a problem (status such as "delayed", "damaged").
  std::optional<core::Day> problem_day;
  std::string problem_order_id;
  std::optional<core::Day> contract_end;
  std::optional<core::Day> last_complaint;
  // The latest promoter answer (NPS 9-10) before the day, and its id.
  std::optional<core::Day> promoter_day;
  int64_t promoter_feedback_id = 0;
  // The Kunden-Club (member = false: not enrolled).
  bool member = false;
  bool top_tier = false;  // in the program's highest tier
  std::string tier;
  std::optional<core::Day> tier_since;
  int64_t points_expiring_30d = 0;
  // Consent and reach, by Channel.
  std::array<Consent, 4> consents;
  LegalContext legal;
  std::optional<Channel> preferred_channel;
};

// What comes with the message.
struct Offer {
  std::string kind;   // "" | "voucher" | "points"
  int64_t value = 0;  // cents for a voucher, points for points
};

struct Proposal {
  Trigger trigger = Trigger::kKeepInTouch;
  // What the contact is about, so that it is made once: "order:O-17",
  // "event:Sommerfest", "orders:10", "birthday:2026", ...
  std::string reference;
  // Why, in figures: the reason's words come from ReasonText.
  std::string reason;            // a reason code, e.g. "overdue"
  std::vector<int64_t> figures;  // its figures, e.g. {days silent, usual gap}
  std::string subject;           // a name it is about: the new tier, the event
  Offer offer;
  // The goods the message is about (for the §7(3) privilege); empty when none.
  std::vector<std::string> categories;
};

// The triggers that fire for the customer on `day`, in priority order.
// `history` holds the customer's earlier contacts (days before `day`),
// oldest first; a trigger whose reference was contacted already stays quiet.
std::vector<Proposal> ProposeContacts(const CustomerFacts& facts,
                                      const std::vector<PastContact>& history, core::Day day,
                                      const CalendarPolicy& policy);

// The reason in words, in German ("de") or English (any other language).
std::string ReasonText(const Proposal& p, std::string_view language);

}  // namespace retain::contact
