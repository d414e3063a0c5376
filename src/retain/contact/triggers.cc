#include "retain/contact/triggers.h"

#include <algorithm>
#include <cmath>

namespace retain::contact {

namespace {

struct TriggerInfo {
  Trigger trigger;
  const char* name;
  Purpose purpose;
  std::vector<Channel> channels;
};

const std::array<TriggerInfo, kTriggerCount>& Infos() {
  using enum Channel;
  static const std::array<TriggerInfo, kTriggerCount> infos = {{
      {Trigger::kServiceProblem,
       "service_problem",
       Purpose::kService,
       {kEmail, kPhone, kSms, kLetter}},
      {Trigger::kFeedbackRequest, "feedback_request", Purpose::kTransactional, {kEmail, kSms}},
      {Trigger::kRenewal, "renewal", Purpose::kTransactional, {kEmail, kLetter, kPhone}},
      {Trigger::kTierChange, "tier_change", Purpose::kTransactional, {kEmail, kLetter}},
      {Trigger::kPointsExpiring,
       "points_expiring",
       Purpose::kTransactional,
       {kEmail, kSms, kLetter}},
      {Trigger::kBirthday, "birthday", Purpose::kRelationship, {kEmail, kLetter, kSms}},
      {Trigger::kEventInvitation,
       "event_invitation",
       Purpose::kRelationship,
       {kLetter, kEmail, kPhone}},
      {Trigger::kReviewInvitation, "review_invitation", Purpose::kRelationship, {kEmail, kLetter}},
      {Trigger::kMilestone, "milestone", Purpose::kRelationship, {kEmail, kLetter}},
      {Trigger::kSurprise, "surprise", Purpose::kRelationship, {kLetter, kEmail}},
      {Trigger::kKeepInTouch, "keep_in_touch", Purpose::kRelationship, {kEmail, kLetter}},
      {Trigger::kWinBack, "win_back", Purpose::kSales, {kEmail, kLetter}},
      {Trigger::kNewInCategory, "new_in_category", Purpose::kSales, {kEmail}},
  }};
  return infos;
}

const TriggerInfo& Info(Trigger t) { return Infos()[static_cast<size_t>(t)]; }

bool Within(core::Day day, core::Day from, int days) { return day >= from && day - from <= days; }

bool ContactedAbout(const std::vector<PastContact>& history, Trigger t, const std::string& ref) {
  for (const auto& c : history) {
    if (c.trigger == t && c.reference == ref) return true;
  }
  return false;
}

bool ContactedSince(const std::vector<PastContact>& history, Trigger t, core::Day since) {
  for (auto it = history.rbegin(); it != history.rend() && it->day >= since; ++it) {
    if (it->trigger == t) return true;
  }
  return false;
}

// The same month and day in `year` (29 February falls on the 28th otherwise).
core::Day Anniversary(core::Day of, int year) {
  const auto c = core::CivilFromDay(of);
  const int d = core::IsValidCivil(year, c.month, c.day) ? c.day : 28;
  return core::DayFromCivil(year, c.month, d);
}

// A stable pseudo-random number for the customer and day (FNV-1a).
uint64_t DayHash(const std::string& id, core::Day day) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](unsigned char b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  for (char c : id) mix(static_cast<unsigned char>(c));
  for (int i = 0; i < 4; ++i)
    mix(static_cast<unsigned char>(static_cast<uint32_t>(day) >> (8 * i)));
  return h;
}

bool Invited(const ContactEvent& e, const CustomerFacts& f) {
  if (e.audience == "gold") return f.member && f.top_tier;
  if (e.audience == "key_account") return f.b2b && f.key_account;
  return e.audience == "all";
}

class Proposer {
 public:
  Proposer(const CustomerFacts& f, const std::vector<PastContact>& h, core::Day day,
           const CalendarPolicy& p)
      : f_(f), h_(h), day_(day), p_(p) {}

  std::vector<Proposal> Run() {
    ServiceProblem();
    Feedback();
    Renewal();
    TierChange();
    PointsExpiring();
    Birthday();
    Event();
    ReviewInvitation();
    Milestone();
    Surprise();
    KeepInTouch();
    WinBack();
    NewInCategory();
    return std::move(out_);
  }

 private:
  Proposal& Add(Trigger t, std::string ref, std::string reason, std::vector<int64_t> figures) {
    Proposal& p = out_.emplace_back();
    p.trigger = t;
    p.reference = std::move(ref);
    p.reason = std::move(reason);
    p.figures = std::move(figures);
    return p;
  }
  Offer Points(int64_t points) const {
    if (!f_.member || points <= 0) return {};
    return {"points", points};
  }

  void ServiceProblem() {
    if (!f_.problem_day || !Within(day_, *f_.problem_day, p_.problem_days)) return;
    const std::string ref = "order:" + f_.problem_order_id;
    if (ContactedAbout(h_, Trigger::kServiceProblem, ref)) return;
    Add(Trigger::kServiceProblem, ref, "order_problem", {day_ - *f_.problem_day});
  }
  void Feedback() {
    if (f_.orders == 0) return;
    const int since = day_ - f_.last_order;
    if (since < p_.feedback_after_days || since > p_.feedback_after_days + p_.feedback_window_days)
      return;
    const std::string ref = "order:" + f_.last_order_id;
    if (ContactedAbout(h_, Trigger::kFeedbackRequest, ref)) return;
    Add(Trigger::kFeedbackRequest, ref, "after_order", {since});
  }
  void Renewal() {
    if (!f_.contract_end || !Within(*f_.contract_end, day_, p_.renewal_lead_days)) return;
    const std::string ref = "contract:" + core::FormatDay(*f_.contract_end);
    if (ContactedAbout(h_, Trigger::kRenewal, ref)) return;
    Add(Trigger::kRenewal, ref, "contract_ends", {*f_.contract_end - day_}).offer =
        Points(p_.renewal_points);
  }
  void TierChange() {
    if (!f_.member || !f_.tier_since || !Within(day_, *f_.tier_since, p_.tier_change_days)) return;
    const std::string ref = "tier:" + f_.tier + ":" + core::FormatDay(*f_.tier_since);
    if (ContactedAbout(h_, Trigger::kTierChange, ref)) return;
    Add(Trigger::kTierChange, ref, "new_tier", {day_ - *f_.tier_since}).subject = f_.tier;
  }
  void PointsExpiring() {
    if (!f_.member || f_.points_expiring_30d < std::max<int64_t>(1, p_.points_expiring_min)) return;
    if (ContactedSince(h_, Trigger::kPointsExpiring, day_ - 30)) return;
    Add(Trigger::kPointsExpiring, "points:" + core::FormatDay(day_), "points_expiring",
        {f_.points_expiring_30d});
  }
  void Birthday() {
    if (!f_.birth_date) return;
    const int year = core::CivilFromDay(day_).year;
    if (Anniversary(*f_.birth_date, year) != day_) return;
    const std::string ref = "birthday:" + std::to_string(year);
    if (ContactedAbout(h_, Trigger::kBirthday, ref)) return;
    Add(Trigger::kBirthday, ref, "birthday", {year - core::CivilFromDay(*f_.birth_date).year})
        .offer = Points(p_.birthday_points);
  }
  void Event() {
    for (const auto& e : p_.events) {
      if (day_ >= e.day || e.day - day_ > e.invite_days_before || !Invited(e, f_)) continue;
      const std::string ref = "event:" + e.name;
      if (ContactedAbout(h_, Trigger::kEventInvitation, ref)) continue;
      Add(Trigger::kEventInvitation, ref, "event", {e.day - day_}).subject = e.name;
      return;
    }
  }
  void ReviewInvitation() {
    if (!f_.promoter_day || !Within(day_, *f_.promoter_day, p_.review_invitation_days)) return;
    const std::string ref = "feedback:" + std::to_string(f_.promoter_feedback_id);
    if (ContactedAbout(h_, Trigger::kReviewInvitation, ref)) return;
    Add(Trigger::kReviewInvitation, ref, "promoter", {day_ - *f_.promoter_day});
  }
  void Milestone() {
    if (f_.orders == 0) return;
    const int every = std::max(1, p_.milestone_orders);
    if (f_.orders % every == 0 && Within(day_, f_.last_order, p_.milestone_days)) {
      const std::string ref = "orders:" + std::to_string(f_.orders);
      if (!ContactedAbout(h_, Trigger::kMilestone, ref)) {
        Add(Trigger::kMilestone, ref, "nth_order", {f_.orders});
        return;
      }
    }
    const int years = core::CivilFromDay(day_).year - core::CivilFromDay(f_.first_order).year;
    for (int y : {years, years - 1}) {
      if (y < 1 ||
          !Within(day_, Anniversary(f_.first_order, core::CivilFromDay(f_.first_order).year + y),
                  p_.milestone_days))
        continue;
      const std::string ref = "anniversary:" + std::to_string(y);
      if (ContactedAbout(h_, Trigger::kMilestone, ref)) return;
      Add(Trigger::kMilestone, ref, "anniversary", {y});
      return;
    }
  }
  void Surprise() {
    if (f_.orders < p_.surprise_min_orders || p_.surprise_one_in <= 0) return;
    if (f_.p_alive && *f_.p_alive < 0.5) return;
    if (DayHash(f_.customer_id, day_) % static_cast<uint64_t>(p_.surprise_one_in) != 0) return;
    if (ContactedSince(h_, Trigger::kSurprise, day_ - p_.surprise_repeat_days)) return;
    Add(Trigger::kSurprise, "surprise:" + core::FormatDay(day_), "surprise", {f_.orders}).offer =
        Points(p_.surprise_points);
  }
  void KeepInTouch() {
    if (f_.orders == 0 || day_ - f_.last_order < p_.silence_days ||
        day_ - f_.last_order > p_.keep_in_touch_max_days) {
      return;
    }
    const core::Day last_contact =
        h_.empty() ? f_.last_order : std::max(f_.last_order, h_.back().day);
    if (day_ - last_contact < p_.silence_days) return;
    Add(Trigger::kKeepInTouch, "silence:" + core::FormatDay(last_contact), "silence",
        {day_ - last_contact});
  }
  void WinBack() {
    if (f_.orders == 0) return;
    const int silent = day_ - f_.last_order;
    const bool overdue = f_.orders >= 2 && f_.mean_gap_days > 0 &&
                         silent > p_.win_back_rhythm_factor * f_.mean_gap_days;
    const bool at_risk = f_.p_alive && *f_.p_alive < p_.win_back_p_alive && silent >= 30;
    if (!overdue && !at_risk) return;
    if (ContactedSince(h_, Trigger::kWinBack, day_ - p_.win_back_repeat_days)) return;
    Proposal& p = overdue ? Add(Trigger::kWinBack, "win_back:" + core::FormatDay(f_.last_order),
                                "overdue", {silent, std::llround(f_.mean_gap_days)})
                          : Add(Trigger::kWinBack, "win_back:" + core::FormatDay(f_.last_order),
                                "at_risk", {std::llround(*f_.p_alive * 100)});
    if (p_.win_back_voucher_cents > 0) p.offer = {"voucher", p_.win_back_voucher_cents};
    if (!f_.favourite_category.empty()) p.categories = {f_.favourite_category};
  }
  void NewInCategory() {
    if (f_.new_products_in_favourite <= 0 || f_.favourite_category.empty()) return;
    if (ContactedSince(h_, Trigger::kNewInCategory, day_ - p_.new_products_days)) return;
    Add(Trigger::kNewInCategory, "new:" + f_.favourite_category + ":" + core::FormatDay(day_),
        "new_products", {f_.new_products_in_favourite})
        .categories = {f_.favourite_category};
  }

  const CustomerFacts& f_;
  const std::vector<PastContact>& h_;
  const core::Day day_;
  const CalendarPolicy& p_;
  std::vector<Proposal> out_;
};

}  // namespace

const char* PurposeName(Purpose p) {
  constexpr const char* kNames[] = {"service", "transactional", "relationship", "sales"};
  return kNames[static_cast<size_t>(p)];
}

const char* TriggerName(Trigger t) { return Info(t).name; }

std::optional<Trigger> ParseTrigger(std::string_view name) {
  for (const auto& i : Infos()) {
    if (name == i.name) return i.trigger;
  }
  return std::nullopt;
}

Purpose PurposeOf(Trigger t) { return Info(t).purpose; }

const std::vector<Channel>& ChannelsFor(Trigger t) { return Info(t).channels; }

std::vector<Proposal> ProposeContacts(const CustomerFacts& facts,
                                      const std::vector<PastContact>& history, core::Day day,
                                      const CalendarPolicy& policy) {
  return Proposer(facts, history, day, policy).Run();
}

}  // namespace retain::contact
