#include "retain/contact/arbiter.h"

#include <gtest/gtest.h>

#include "retain/contact/contact_testing.h"

namespace retain::contact {
namespace {

using testing::Contact;
using testing::Customer;
using testing::D;

Proposal Propose(Trigger t, std::vector<std::string> categories = {}) {
  Proposal p;
  p.trigger = t;
  p.reference = TriggerName(t);
  p.categories = std::move(categories);
  return p;
}

Decision Decide(const std::vector<Proposal>& props, const CustomerFacts& f,
                const std::vector<PastContact>& h, const char* day = "2026-11-24") {
  return Arbitrate(props, f, h, D(day), CalendarPolicy{});
}

std::string Why(const Decision& d, Trigger t) {
  for (const auto& s : d.suppressed) {
    if (s.trigger == t) return s.rule;
  }
  return "";
}

TEST(Arbiter, AtMostOneContactTheHighestPriority) {
  const auto d = Decide({Propose(Trigger::kFeedbackRequest), Propose(Trigger::kBirthday),
                         Propose(Trigger::kWinBack, {"Schuhe"})},
                        Customer(), {});
  ASSERT_TRUE(d.contact.has_value());
  EXPECT_EQ(d.contact->proposal.trigger, Trigger::kFeedbackRequest);
  EXPECT_EQ(d.contact->channel, Channel::kEmail);
  EXPECT_EQ(Why(d, Trigger::kBirthday), "outranked");
  EXPECT_EQ(Why(d, Trigger::kWinBack), "outranked");
}

TEST(Arbiter, MinimumGapAndMonthlyMaximum) {
  const auto f = Customer();
  auto d = Decide({Propose(Trigger::kBirthday)}, f, {Contact("2026-11-20", Trigger::kWinBack)});
  EXPECT_FALSE(d.contact);
  EXPECT_EQ(Why(d, Trigger::kBirthday), "min_gap");
  const std::vector<PastContact> four = {
      Contact("2026-10-27", Trigger::kWinBack), Contact("2026-11-03", Trigger::kKeepInTouch),
      Contact("2026-11-10", Trigger::kSurprise), Contact("2026-11-17", Trigger::kMilestone)};
  d = Decide({Propose(Trigger::kBirthday)}, f, four);
  EXPECT_EQ(Why(d, Trigger::kBirthday), "max_per_30_days");
  // Service messages count but are never blocked.
  d = Decide({Propose(Trigger::kServiceProblem)}, f, four);
  ASSERT_TRUE(d.contact);
  EXPECT_EQ(d.contact->proposal.trigger, Trigger::kServiceProblem);
}

TEST(Arbiter, NoSameKindTwiceInARow) {
  const auto d = Decide({Propose(Trigger::kKeepInTouch), Propose(Trigger::kWinBack, {"Schuhe"})},
                        Customer(), {Contact("2026-09-01", Trigger::kKeepInTouch)});
  EXPECT_EQ(Why(d, Trigger::kKeepInTouch), "variety");
  ASSERT_TRUE(d.contact);
  EXPECT_EQ(d.contact->proposal.trigger, Trigger::kWinBack);
}

TEST(Arbiter, BoundedShareOfSalesContacts) {
  // Two of the last four were sales: a third would make 3 of 5.
  const std::vector<PastContact> h = {
      Contact("2026-08-01", Trigger::kWinBack), Contact("2026-09-01", Trigger::kBirthday),
      Contact("2026-10-01", Trigger::kNewInCategory), Contact("2026-11-01", Trigger::kMilestone)};
  auto d = Decide({Propose(Trigger::kWinBack, {"Schuhe"})}, Customer(), h);
  EXPECT_EQ(Why(d, Trigger::kWinBack), "sales_share");
  // A relationship contact is fine.
  d = Decide({Propose(Trigger::kKeepInTouch)}, Customer(), h);
  EXPECT_TRUE(d.contact);
}

TEST(Arbiter, QuietPeriodAfterAComplaint) {
  auto f = Customer();
  f.last_complaint = D("2026-11-20");
  auto d = Decide({Propose(Trigger::kBirthday), Propose(Trigger::kWinBack, {"Schuhe"})}, f, {});
  EXPECT_FALSE(d.contact);
  EXPECT_EQ(Why(d, Trigger::kBirthday), "quiet_period");
  d = Decide({Propose(Trigger::kServiceProblem)}, f, {});
  EXPECT_TRUE(d.contact);
  d = Decide({Propose(Trigger::kBirthday)}, f, {}, "2026-12-04");  // 14 days later
  EXPECT_TRUE(d.contact);
}

TEST(Arbiter, BusinessCustomersHaveTheirOwnCaps) {
  auto f = Customer();
  f.b2b = true;  // 14 days between contacts
  const auto d =
      Decide({Propose(Trigger::kBirthday)}, f, {Contact("2026-11-14", Trigger::kWinBack)});
  EXPECT_EQ(Why(d, Trigger::kBirthday), "min_gap");
  EXPECT_TRUE(
      Decide({Propose(Trigger::kBirthday)}, Customer(), {Contact("2026-11-14", Trigger::kWinBack)})
          .contact);
}

TEST(Arbiter, ChannelByConsentAndPreference) {
  auto f = Customer();
  f.consents[static_cast<size_t>(Channel::kEmail)] = {
      ConsentStatus::kRevoked, LegalBasis::kNone, "unsubscribe", "", "", ""};
  // No email after the objection: the birthday goes by letter.
  auto d = Decide({Propose(Trigger::kBirthday)}, f, {});
  ASSERT_TRUE(d.contact);
  EXPECT_EQ(d.contact->channel, Channel::kLetter);
  EXPECT_TRUE(d.contact->objection_notice);
  // New products only suit email: refused, naming the objection.
  d = Decide({Propose(Trigger::kNewInCategory, {"Schuhe"})}, f, {});
  EXPECT_EQ(Why(d, Trigger::kNewInCategory), "law:objection");
  // A preferred channel comes first when it suits the trigger.
  f = Customer();
  f.preferred_channel = Channel::kLetter;
  d = Decide({Propose(Trigger::kBirthday)}, f, {});
  EXPECT_EQ(d.contact->channel, Channel::kLetter);
}

TEST(Arbiter, PrivilegeCustomersGetOnlyOffersForWhatTheyBought) {
  auto f = Customer();
  f.consents = {};  // no consent at all, but the address came with a sale
  f.legal.email_from_sale = true;
  f.legal.objection_notice_at_collection = true;
  f.legal.reachable[static_cast<size_t>(Channel::kLetter)] = false;
  auto d = Decide({Propose(Trigger::kNewInCategory, {"Schuhe"})}, f, {});
  ASSERT_TRUE(d.contact);
  EXPECT_STREQ(d.contact->legal_rule, "uwg_7_3");
  d = Decide({Propose(Trigger::kNewInCategory, {"Elektronik"})}, f, {});
  EXPECT_EQ(Why(d, Trigger::kNewInCategory), "law:uwg_7_3_unrelated");
  d = Decide({Propose(Trigger::kBirthday)}, f, {});
  EXPECT_FALSE(d.contact);
}

}  // namespace
}  // namespace retain::contact
