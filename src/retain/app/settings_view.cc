#include "retain/app/settings_view.h"

#include "retain/analytics/clv_score.h"
#include "retain/analytics/lifecycle.h"
#include "retain/app/kpi_report.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

json Definitions(const std::optional<storage::ClvScoreRun>& run) {
  const KpiRequest kpi;
  const analytics::LifecycleOptions lifecycle;
  const analytics::ScoreOptions score;
  json j = {{"window_days", kpi.window_days},
            {"existing_min_orders", kpi.existing_min_orders},
            {"kpi_period_days", 90}};
  // The expected gap of a customer with one purchase day is the shop's
  // median gap between purchases (null here: it follows the data).
  j["lifecycle"] = {{"default_gap_days", nullptr},
                    {"min_gap_days", lifecycle.min_gap_days},
                    {"active_multiple", lifecycle.active_multiple},
                    {"at_risk_multiple", lifecycle.at_risk_multiple},
                    {"churn_multiple", lifecycle.churn_multiple}};
  j["clv_horizon_months"] = run ? run->horizon_months : score.horizon_months;
  j["discount_monthly"] = run ? run->discount_monthly : score.discount_monthly;
  j["high_risk_below"] = run ? run->high_risk_below : score.high_risk_below;
  j["medium_risk_below"] = run ? run->medium_risk_below : score.medium_risk_below;
  j["risk_from"] = run ? "score_run" : "defaults";
  j["score_run_id"] = run ? json(run->id) : json();
  return j;
}

json Caps(const contact::ContactCaps& c) {
  return {{"min_gap_days", c.min_gap_days},
          {"max_per_30_days", c.max_per_30_days},
          {"sales_window", c.sales_window},
          {"max_sales_in_window", c.max_sales_in_window},
          {"quiet_days_after_complaint", c.quiet_days_after_complaint}};
}

json Contact(const PlanSettings& s) {
  const auto& p = s.policy;
  json events = json::array();
  for (const auto& e : p.events) {
    events.push_back({{"name", e.name},
                      {"day", core::FormatDay(e.day)},
                      {"audience", e.audience},
                      {"invite_days_before", e.invite_days_before}});
  }
  return {{"informal", s.informal},
          {"email_from_sale", s.email_from_sale},
          {"problem_statuses", s.problem_statuses},
          {"problem_days", p.problem_days},
          {"feedback_after_days", p.feedback_after_days},
          {"feedback_window_days", p.feedback_window_days},
          {"win_back_rhythm_factor", p.win_back_rhythm_factor},
          {"win_back_p_alive", p.win_back_p_alive},
          {"win_back_repeat_days", p.win_back_repeat_days},
          {"win_back_voucher_cents", p.win_back_voucher_cents},
          {"renewal_lead_days", p.renewal_lead_days},
          {"tier_change_days", p.tier_change_days},
          {"points_expiring_min", p.points_expiring_min},
          {"silence_days", p.silence_days},
          {"keep_in_touch_max_days", p.keep_in_touch_max_days},
          {"new_products_days", p.new_products_days},
          {"milestone_orders", p.milestone_orders},
          {"milestone_days", p.milestone_days},
          {"surprise_one_in", p.surprise_one_in},
          {"surprise_min_orders", p.surprise_min_orders},
          {"surprise_repeat_days", p.surprise_repeat_days},
          {"surprise_points", p.surprise_points},
          {"review_invitation_days", p.review_invitation_days},
          {"birthday_points", p.birthday_points},
          {"renewal_points", p.renewal_points},
          {"objection_notice_at_collection", p.objection_notice_at_collection},
          {"b2b_presumed_phone_interest", p.b2b_presumed_phone_interest},
          {"consumer", Caps(p.consumer)},
          {"business", Caps(p.business)},
          {"events", std::move(events)}};
}

json Listening(const ListeningSettings& l) {
  return {{"call_back_working_days", l.call_back_working_days},
          {"satisfaction_call_min_cents", l.satisfaction_call_min_cents},
          {"satisfaction_call_after_days", l.satisfaction_call_after_days},
          {"satisfaction_call_working_days", l.satisfaction_call_working_days},
          {"complaint_risk_days", l.complaint_risk_days}};
}

json Messages(const MessageConfig& c, const std::string& work_list_dir) {
  const auto& m = c.send.message;
  return {{"public_url", m.public_url},
          {"from", c.send.from_address},
          {"from_name", c.send.from_name.empty() ? m.shop.name : c.send.from_name},
          {"shop",
           {{"name", m.shop.name},
            {"email", m.shop.email},
            {"url", m.shop.url},
            {"address", m.shop.address},
            {"sender_name", m.shop.sender_name},
            {"review_url", m.shop.review_url}}},
          {"templates_dir", m.templates_dir},
          {"recommendations", m.recommendations},
          {"voucher_valid_days", m.voucher_valid_days},
          {"offer_code", m.offer_code},
          {"feedback_valid_days", m.feedback_valid_days},
          {"per_second", c.send.per_second},
          {"attempts", c.send.attempts},
          {"backoff_ms", c.send.backoff_ms},
          {"work_list_dir", work_list_dir}};
}

// The mail server without its password: only whether one is set.
json Smtp(const messages::SmtpSettings& s) {
  return {{"host", s.host},
          {"port", s.port},
          {"tls", s.tls},
          {"user", s.user},
          {"from", s.from_address},
          {"timeout_seconds", s.timeout_seconds},
          {"configured", !s.host.empty()},
          {"password_set", !s.password.empty()}};
}

}  // namespace

json SettingsJson(const SettingsSources& s) {
  return {{"definitions", Definitions(s.score_run)},
          {"contact", Contact(*s.contact)},
          {"listening", Listening(s.contact->listening)},
          {"messages", Messages(*s.messages, s.work_list_dir)},
          {"smtp", Smtp(s.messages->smtp)},
          {"loyalty", s.loyalty}};
}

}  // namespace retain::app
