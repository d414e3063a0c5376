#include "retain/contact/triggers.h"

#include <gtest/gtest.h>

#include "retain/contact/contact_testing.h"

namespace retain::contact {
namespace {

using testing::Contact;
using testing::Customer;
using testing::D;

std::vector<Trigger> Fired(const CustomerFacts& f, core::Day day,
                           const std::vector<PastContact>& h = {},
                           const CalendarPolicy& p = CalendarPolicy{}) {
  std::vector<Trigger> out;
  for (const auto& prop : ProposeContacts(f, h, day, p)) out.push_back(prop.trigger);
  return out;
}

bool Has(const std::vector<Trigger>& v, Trigger t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

TEST(Triggers, ServiceProblemIsAnsweredOncePerOrder) {
  auto f = Customer();
  f.problem_day = D("2026-10-03");
  f.problem_order_id = "O2";
  EXPECT_TRUE(Has(Fired(f, D("2026-10-04")), Trigger::kServiceProblem));
  EXPECT_FALSE(Has(Fired(f, D("2026-10-25")), Trigger::kServiceProblem));  // past 14 days
  EXPECT_FALSE(
      Has(Fired(f, D("2026-10-05"), {Contact("2026-10-04", Trigger::kServiceProblem, "order:O2")}),
          Trigger::kServiceProblem));
}

TEST(Triggers, FeedbackRequestSevenToTenDaysAfterTheOrder) {
  const auto f = Customer();  // last order 2026-10-01
  EXPECT_FALSE(Has(Fired(f, D("2026-10-07")), Trigger::kFeedbackRequest));
  EXPECT_TRUE(Has(Fired(f, D("2026-10-08")), Trigger::kFeedbackRequest));
  EXPECT_TRUE(Has(Fired(f, D("2026-10-11")), Trigger::kFeedbackRequest));
  EXPECT_FALSE(Has(Fired(f, D("2026-10-12")), Trigger::kFeedbackRequest));
  EXPECT_FALSE(
      Has(Fired(f, D("2026-10-09"), {Contact("2026-10-08", Trigger::kFeedbackRequest, "order:O2")}),
          Trigger::kFeedbackRequest));
}

TEST(Triggers, PromoterIsInvitedToReviewOncePerAnswer) {
  auto f = Customer();
  EXPECT_FALSE(Has(Fired(f, D("2026-10-20")), Trigger::kReviewInvitation));
  f.promoter_day = D("2026-10-15");
  f.promoter_feedback_id = 7;
  auto props = ProposeContacts(f, {}, D("2026-10-20"), CalendarPolicy{});
  auto it = std::find_if(props.begin(), props.end(),
                         [](const Proposal& p) { return p.trigger == Trigger::kReviewInvitation; });
  ASSERT_NE(it, props.end());
  EXPECT_EQ(it->reference, "feedback:7");
  EXPECT_EQ(PurposeOf(Trigger::kReviewInvitation), Purpose::kRelationship);
  EXPECT_EQ(ReasonText(*it, "en"),
            "Rated us 9 or 10 out of 10 (5 days ago): a review or a recommendation?");
  EXPECT_TRUE(Has(Fired(f, D("2026-10-29")), Trigger::kReviewInvitation));   // 14 days
  EXPECT_FALSE(Has(Fired(f, D("2026-10-30")), Trigger::kReviewInvitation));  // too late
  EXPECT_FALSE(Has(
      Fired(f, D("2026-10-21"), {Contact("2026-10-20", Trigger::kReviewInvitation, "feedback:7")}),
      Trigger::kReviewInvitation));
}

TEST(Triggers, BirthdayOnTheDayWithPointsForMembers) {
  auto f = Customer();
  f.birth_date = D("1980-11-24");
  auto props = ProposeContacts(f, {}, D("2026-11-24"), CalendarPolicy{});
  ASSERT_FALSE(props.empty());
  EXPECT_EQ(props[0].trigger, Trigger::kBirthday);
  EXPECT_EQ(props[0].figures[0], 46);
  EXPECT_EQ(props[0].offer.kind, "");  // not a member
  f.member = true;
  props = ProposeContacts(f, {}, D("2026-11-24"), CalendarPolicy{});
  EXPECT_EQ(props[0].offer.kind, "points");
  EXPECT_EQ(props[0].offer.value, 100);
  EXPECT_FALSE(Has(Fired(f, D("2026-11-23")), Trigger::kBirthday));
  // Born on 29 February: the 28th in other years.
  f.birth_date = D("1996-02-29");
  EXPECT_TRUE(Has(Fired(f, D("2027-02-28")), Trigger::kBirthday));
  EXPECT_TRUE(Has(Fired(f, D("2028-02-29")), Trigger::kBirthday));
  EXPECT_FALSE(Has(Fired(f, D("2028-02-28")), Trigger::kBirthday));
}

TEST(Triggers, WinBackWhenOverdueAgainstTheirOwnRhythm) {
  const auto f = Customer();  // every 60 days; overdue after 90
  EXPECT_FALSE(Has(Fired(f, D("2026-12-30")), Trigger::kWinBack));  // 90 days
  auto props = ProposeContacts(f, {}, D("2026-12-31"), CalendarPolicy{});
  ASSERT_TRUE(Has(Fired(f, D("2026-12-31")), Trigger::kWinBack));
  const auto& wb = props.back();
  EXPECT_EQ(wb.reason, "overdue");
  EXPECT_EQ(wb.figures, (std::vector<int64_t>{91, 60}));
  EXPECT_EQ(wb.offer.kind, "voucher");
  EXPECT_EQ(wb.categories, std::vector<std::string>{"Schuhe"});
  EXPECT_EQ(ReasonText(wb, "de"), "Letzte Bestellung vor 91 Tagen, sonst alle 60 Tage");
  EXPECT_EQ(ReasonText(wb, "en"), "Last order 91 days ago, usually every 60 days");
  // Not again within 90 days.
  EXPECT_FALSE(Has(Fired(f, D("2027-02-01"), {Contact("2027-01-01", Trigger::kWinBack)}),
                   Trigger::kWinBack));
}

TEST(Triggers, WinBackWhenTheChanceOfStillBeingACustomerDrops) {
  auto f = Customer();
  f.orders = 1;  // no rhythm yet
  f.mean_gap_days = 0;
  f.p_alive = 0.2;
  EXPECT_TRUE(Has(Fired(f, D("2026-11-24")), Trigger::kWinBack));
  f.p_alive = 0.5;
  EXPECT_FALSE(Has(Fired(f, D("2026-11-24")), Trigger::kWinBack));
}

TEST(Triggers, RenewalTierPointsAndEvents) {
  auto f = Customer();
  f.member = true;
  f.top_tier = true;
  f.tier = "Gold";
  f.tier_since = D("2026-11-20");
  f.points_expiring_30d = 120;
  f.contract_end = D("2026-12-15");
  CalendarPolicy p;
  p.events.push_back({"Sommerfest", D("2026-12-10"), "gold", 21});
  const auto fired = Fired(f, D("2026-11-24"), {}, p);
  EXPECT_TRUE(Has(fired, Trigger::kRenewal));
  EXPECT_TRUE(Has(fired, Trigger::kTierChange));
  EXPECT_TRUE(Has(fired, Trigger::kPointsExpiring));
  EXPECT_TRUE(Has(fired, Trigger::kEventInvitation));
  // In priority order.
  EXPECT_TRUE(std::is_sorted(fired.begin(), fired.end()));
  // Not Gold: no invitation.
  f.top_tier = false;
  EXPECT_FALSE(Has(Fired(f, D("2026-11-24"), {}, p), Trigger::kEventInvitation));
}

TEST(Triggers, MilestonesAndKeepInTouch) {
  auto f = Customer();
  f.orders = 10;
  EXPECT_TRUE(Has(Fired(f, D("2026-10-03")), Trigger::kMilestone));
  f.orders = 11;
  EXPECT_FALSE(Has(Fired(f, D("2026-10-03")), Trigger::kMilestone));
  // First anniversary of the first order (2026-08-02).
  EXPECT_TRUE(Has(Fired(f, D("2027-08-04")), Trigger::kMilestone));
  // 60 days without an order or a contact.
  EXPECT_FALSE(Has(Fired(f, D("2026-11-29")), Trigger::kKeepInTouch));
  EXPECT_TRUE(Has(Fired(f, D("2026-11-30")), Trigger::kKeepInTouch));
  EXPECT_FALSE(Has(Fired(f, D("2026-11-30"), {Contact("2026-11-01", Trigger::kBirthday)}),
                   Trigger::kKeepInTouch));
  // A year after the last order (2026-10-01) the customer is win-back's.
  EXPECT_TRUE(Has(Fired(f, D("2027-10-01")), Trigger::kKeepInTouch));
  EXPECT_FALSE(Has(Fired(f, D("2027-10-02")), Trigger::kKeepInTouch));
}

TEST(Triggers, NewProductsInTheFavouriteCategory) {
  auto f = Customer();
  f.new_products_in_favourite = 3;
  auto props = ProposeContacts(f, {}, D("2026-10-20"), CalendarPolicy{});
  ASSERT_EQ(props.size(), 1u);
  EXPECT_EQ(props[0].trigger, Trigger::kNewInCategory);
  EXPECT_EQ(props[0].categories, std::vector<std::string>{"Schuhe"});
}

TEST(Triggers, SurprisesAreRareDeterministicAndSpaced) {
  auto f = Customer();
  f.orders = 5;
  auto surprised = [&](const std::vector<PastContact>& h) {
    std::vector<core::Day> days;
    for (core::Day d = D("2026-01-02"); d < D("2027-01-01"); ++d) {
      f.customer_id = "C" + std::to_string(d % 97);
      if (Has(Fired(f, d, h), Trigger::kSurprise)) days.push_back(d);
    }
    return days;
  };
  const auto days = surprised({});
  EXPECT_GT(days.size(), 0u);
  EXPECT_LT(days.size(), 25u);     // about 365 / 50
  EXPECT_EQ(surprised({}), days);  // the same data and day give the same plan
  // Not within 180 days of the last surprise (2026-01-01): from 30 June on.
  const auto spaced = surprised({Contact("2026-01-01", Trigger::kSurprise)});
  ASSERT_FALSE(spaced.empty());
  EXPECT_GE(spaced.front(), D("2026-06-30"));
  EXPECT_LT(days.front(), D("2026-06-30"));
}

}  // namespace
}  // namespace retain::contact
