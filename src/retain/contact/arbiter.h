// The arbiter: of the day's proposals for one customer, at most one contact,
// on a channel the law and the customer allow, within the caps.
//
//   auto d = Arbitrate(proposals, facts, history, day, policy);
//   if (d.contact) ...  // d.suppressed says why each other proposal was not taken
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retain/contact/calendar_policy.h"
#include "retain/contact/triggers.h"

namespace retain::contact {

struct PlannedContact {
  Proposal proposal;
  Channel channel = Channel::kEmail;
  const char* legal_rule = "";    // Permission::rule of the channel
  bool objection_notice = false;  // the message must carry it
};

struct Suppressed {
  Trigger trigger = Trigger::kKeepInTouch;
  // "law:<rule>" (no channel allowed; the rule of the best-suited one),
  // "quiet_period", "min_gap", "max_per_30_days", "variety",
  // "sales_share", or "outranked" (a contact of higher priority was chosen).
  std::string rule;
};

struct Decision {
  std::optional<PlannedContact> contact;
  std::vector<Suppressed> suppressed;
};

// Checks the proposals (in priority order, as ProposeContacts returns
// them) one by one against the law and the caps (ContactCaps of the
// customer's kind; `history`: earlier contacts, days before `day`, oldest
// first) and takes the first that passes. Service messages need only a
// channel: they count towards the caps but are never blocked by them.
Decision Arbitrate(const std::vector<Proposal>& proposals, const CustomerFacts& facts,
                   const std::vector<PastContact>& history, core::Day day,
                   const CalendarPolicy& policy);

}  // namespace retain::contact
