// CalendarPolicy: the settings of the contact calendar (triggers, caps,
// defaults for consumers and businesses), all of them configurable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::contact {

// The caps the arbiter applies, separately for consumers and businesses.
struct ContactCaps {
  int min_gap_days = 7;     // at least this many days between two contacts
  int max_per_30_days = 4;  // at most this many contacts in any 30 days
  // Not only when money is wanted: among the last `sales_window` contacts
  // (the new one included) at most `max_sales_in_window` are sales-driven.
  int sales_window = 5;
  int max_sales_in_window = 2;
  int quiet_days_after_complaint = 14;  // only service messages meanwhile
};

// An event the shop invites a part of its customers to.
struct ContactEvent {
  std::string name;  // also the reference of the invitation
  core::Day day = 0;
  // Who is invited: "gold" (the top tier of the Kunden-Club), "key_account"
  // (business customers tagged key_account) or "all".
  std::string audience = "gold";
  int invite_days_before = 21;  // the invitation goes out from then on
};

struct CalendarPolicy {
  ContactCaps consumer;
  ContactCaps business = {14, 2, 5, 2, 14};
  int problem_days = 14;                // an order problem this recent is answered
  int feedback_after_days = 7;          // feedback request this long after an order...
  int feedback_window_days = 3;         // ...or up to this many days later
  double win_back_rhythm_factor = 1.5;  // overdue: silent for 1.5 x the usual gap
  double win_back_p_alive = 0.3;        // or the chance of still being a customer below this
  int win_back_repeat_days = 90;        // not again sooner
  int64_t win_back_voucher_cents = 1000;
  int renewal_lead_days = 30;        // a contract ending this soon is a reason
  int tier_change_days = 7;          // a new tier this recent is announced
  int64_t points_expiring_min = 1;   // points expiring within 30 days worth a note
  int silence_days = 60;             // no order and no contact this long: keep in touch
  int keep_in_touch_max_days = 365;  // but not beyond this since the last order (win-back's)
  int new_products_days = 30;        // products first sold this recently are new
  int milestone_orders = 10;         // the 10th (20th, ...) order is celebrated
  int milestone_days = 7;            // within this many days
  int surprise_one_in = 50;          // a loyal customer's chance of a surprise per day: 1/N
  int surprise_min_orders = 3;
  int surprise_repeat_days = 180;
  int64_t surprise_points = 100;
  int review_invitation_days = 14;  // a promoter's answer this recent: invite to review
  std::vector<ContactEvent> events;
  // Kunden-Club bonuses offered with a contact (set from its program).
  int64_t birthday_points = 100;
  int64_t renewal_points = 250;
  // The law (see consent.h): customers were told at checkout that they may
  // object to email advertising (needed for the UWG §7(3) privilege); the
  // shop documented presumed interest for calls to business customers.
  bool objection_notice_at_collection = true;
  bool b2b_presumed_phone_interest = false;
};

// kInvalidArgument naming the first setting that does not hold (positive
// periods, a share window that fits, factors and chances in range, events
// with a name and a known audience).
core::Status Validate(const CalendarPolicy& policy);

}  // namespace retain::contact
