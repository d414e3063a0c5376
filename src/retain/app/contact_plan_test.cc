// The contact plan on a real (SQLite) store: facts from orders, statuses,
// consents and contacts; the law; committing; the caps on the next days.
#include "retain/app/contact_plan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/app/analytics_session.h"
#include "retain/app/consents.h"
#include "retain/app/contact_plan_testing.h"
#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

TEST_F(ContactPlanTest, EachCustomerGetsTheRightContactWithinTheLaw) {
  const auto plan = Plan("2026-11-24");
  EXPECT_EQ(plan.customers, 4);
  EXPECT_EQ(plan.candidates, 4);

  const PlanEntry* late = Find(plan, "late");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->contact.proposal.trigger, contact::Trigger::kServiceProblem);
  EXPECT_EQ(late->contact.proposal.reference, "order:O-2");
  EXPECT_EQ(late->contact.channel, contact::Channel::kLetter);  // no email address
  EXPECT_EQ(late->template_name, "service_problem.de-sie");

  const PlanEntry* loyal = Find(plan, "loyal");
  ASSERT_NE(loyal, nullptr);
  EXPECT_EQ(loyal->contact.proposal.trigger, contact::Trigger::kWinBack);
  EXPECT_EQ(loyal->contact.channel, contact::Channel::kEmail);
  EXPECT_STREQ(loyal->contact.legal_rule, "uwg_7_3");
  EXPECT_TRUE(loyal->contact.objection_notice);
  EXPECT_EQ(loyal->contact.proposal.offer.kind, "voucher");
  EXPECT_EQ(loyal->reason, "Letzte Bestellung vor 100 Tagen, sonst alle 30 Tage");

  // The objector is overdue too, but may not get a letter and has no email.
  EXPECT_EQ(Find(plan, "objector"), nullptr);
  EXPECT_EQ(plan.suppressed.at("law:objection"), 1);
  EXPECT_EQ(plan.suppressed.at("law:no_consent"), 1);  // quiet's new products
  EXPECT_EQ(plan.by_channel.at("email"), 1);
  EXPECT_EQ(plan.by_channel.at("letter"), 1);
}

TEST_F(ContactPlanTest, TheSamePlanForTheSameDataAndDay) {
  EXPECT_EQ(PlanJson(Plan("2026-11-24"), true), PlanJson(Plan("2026-11-24"), true));
}

TEST_F(ContactPlanTest, CommittingTwiceAddsNothingAndTheCapsHoldTomorrow) {
  const auto plan = Plan("2026-11-24");
  ASSERT_EQ(plan.contacts.size(), 2u);
  EXPECT_EQ(Commit(plan).recorded, 2);
  const auto again = Commit(plan);
  EXPECT_EQ(again.recorded, 0);
  EXPECT_EQ(again.already, 2);

  // The same day planned again: those two are contacted already.
  const auto replan = Plan("2026-11-24");
  EXPECT_EQ(replan.already_contacted, 2);
  EXPECT_TRUE(replan.contacts.empty());

  // Tomorrow: the service problem was answered; the win-back is not repeated.
  const auto tomorrow = Plan("2026-11-25");
  EXPECT_EQ(Find(tomorrow, "late"), nullptr);
  EXPECT_EQ(Find(tomorrow, "loyal"), nullptr);

  auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
  auto recorded = (*store)->InteractionsOn(D("2026-11-24"));
  ASSERT_TRUE(recorded.has_value());
  ASSERT_EQ(recorded->size(), 2u);
  EXPECT_EQ((*recorded)[0].status, "planned");
  const auto detail = nlohmann::json::parse((*recorded)[1].detail);
  EXPECT_EQ(detail["template"], "win_back.de-sie");
  EXPECT_EQ(detail["offer"]["kind"], "voucher");
}

TEST_F(ContactPlanTest, AnObjectionRecordedInRetainStopsTheWinBack) {
  auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
  ASSERT_TRUE((*store)->BeginWrite().ok());
  ASSERT_TRUE(RecordConsent(**store, {"loyal", "email", "revoked", "", "unsubscribe", "", "", ""},
                            "unsubscribe", "2026-11-23T08:00:00Z")
                  .ok());
  ASSERT_TRUE((*store)->Commit().ok());
  const auto plan = Plan("2026-11-24");
  const PlanEntry* loyal = Find(plan, "loyal");
  // A letter is still allowed (no objection to letters).
  ASSERT_NE(loyal, nullptr);
  EXPECT_EQ(loyal->contact.channel, contact::Channel::kLetter);
}

TEST_F(ContactPlanTest, ASegmentLimitsWhoIsLookedAt) {
  auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
  ASSERT_TRUE((*store)->SaveSegment({"Schuhkunden", "orders >= 4", "", "x"}).ok());
  const auto plan = Plan("2026-11-24", "Schuhkunden");
  EXPECT_EQ(plan.customers, 2);
  ASSERT_EQ(plan.contacts.size(), 1u);
  EXPECT_EQ(plan.contacts[0].customer_id, "loyal");
}

}  // namespace
}  // namespace retain::app
