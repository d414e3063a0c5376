#include "retain/contact/calendar_policy.h"

#include <string>

namespace retain::contact {

namespace {

core::Status Bad(const std::string& what) { return core::InvalidArgument(what); }

core::Status CheckCaps(const ContactCaps& c, const std::string& who) {
  if (c.min_gap_days < 0) return Bad(who + ".min_gap_days must not be negative");
  if (c.max_per_30_days < 1) return Bad(who + ".max_per_30_days must be at least 1");
  if (c.sales_window < 1) return Bad(who + ".sales_window must be at least 1");
  if (c.max_sales_in_window < 0 || c.max_sales_in_window > c.sales_window) {
    return Bad(who + ".max_sales_in_window must be between 0 and sales_window");
  }
  if (c.quiet_days_after_complaint < 0) {
    return Bad(who + ".quiet_days_after_complaint must not be negative");
  }
  return {};
}

}  // namespace

core::Status Validate(const CalendarPolicy& p) {
  if (auto s = CheckCaps(p.consumer, "consumer"); !s.ok()) return s;
  if (auto s = CheckCaps(p.business, "business"); !s.ok()) return s;
  const std::pair<const char*, int> periods[] = {
      {"problem_days", p.problem_days},
      {"feedback_after_days", p.feedback_after_days},
      {"win_back_repeat_days", p.win_back_repeat_days},
      {"renewal_lead_days", p.renewal_lead_days},
      {"tier_change_days", p.tier_change_days},
      {"silence_days", p.silence_days},
      {"new_products_days", p.new_products_days},
      {"milestone_orders", p.milestone_orders},
      {"surprise_repeat_days", p.surprise_repeat_days},
      {"review_invitation_days", p.review_invitation_days},
  };
  for (const auto& [name, value] : periods) {
    if (value < 1) return Bad(std::string(name) + " must be at least 1");
  }
  if (p.keep_in_touch_max_days < p.silence_days) {
    return Bad("keep_in_touch_max_days must be at least silence_days");
  }
  if (p.feedback_window_days < 0 || p.milestone_days < 0) {
    return Bad("feedback_window_days and milestone_days must not be negative");
  }
  if (p.surprise_one_in < 0) return Bad("surprise_one_in must not be negative (0 = off)");
  if (!(p.win_back_rhythm_factor >= 1.0)) return Bad("win_back_rhythm_factor must be at least 1");
  if (!(p.win_back_p_alive >= 0.0 && p.win_back_p_alive <= 1.0)) {
    return Bad("win_back_p_alive must be between 0 and 1");
  }
  if (p.win_back_voucher_cents < 0 || p.birthday_points < 0 || p.renewal_points < 0 ||
      p.surprise_points < 0) {
    return Bad("offers (voucher cents, points) must not be negative");
  }
  for (const auto& e : p.events) {
    if (e.name.empty()) return Bad("events: every event needs a name");
    if (e.audience != "gold" && e.audience != "key_account" && e.audience != "all") {
      return Bad("events." + e.name + ".audience must be gold, key_account or all");
    }
    if (e.invite_days_before < 1) {
      return Bad("events." + e.name + ".invite_days_before must be at least 1");
    }
  }
  return {};
}

}  // namespace retain::contact
