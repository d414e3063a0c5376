// The contact plan on a real (SQLite) store: facts from orders, statuses,
// consents and contacts; the law; committing; the caps on the next days.
#include "retain/app/contact_plan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/app/analytics_session.h"
#include "retain/app/consents.h"
#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

core::Day D(const char* text) { return *core::ParseDate(text); }

model::Customer Person(const std::string& id) {
  model::Customer c;
  c.external_id = id;
  c.first_name = "Anna";
  c.email = id + "@example.de";
  c.street = "Hauptstr. 1";
  c.postal_code = "10115";
  c.city = "Berlin";
  c.language = "de";
  return c;
}

class ContactPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_plan_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "p.db").string();
    auto store = storage::OpenStore(path_, storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    auto& s = **store;
    ASSERT_TRUE(s.BeginWrite().ok());
    // late: a delayed order last week; no consent at all (service needs none).
    auto late = Person("late");
    late.email.clear();
    Upsert(s, late);
    Order(s, "O-1", "late", "2026-03-01", "completed", "Schuhe");
    Order(s, "O-2", "late", "2026-11-20", "delayed", "Schuhe");
    // loyal: buys shoes every 30 days, silent for 100 days; the email came
    // with a sale, so win-back may use it for shoes (UWG §7(3)).
    auto loyal = Person("loyal");
    loyal.attributes["email_source"] = "checkout";
    Upsert(s, loyal);
    for (const char* d : {"2026-05-18", "2026-06-17", "2026-07-17", "2026-08-16"}) {
      Order(s, std::string("L-") + d, "loyal", d, "completed", "Schuhe");
    }
    // objector: the same, but objected to letters and has no email address.
    auto objector = Person("objector");
    objector.email.clear();
    objector.consents.letter = model::ConsentState::kDenied;
    Upsert(s, objector);
    for (const char* d : {"2026-05-18", "2026-06-17", "2026-07-17", "2026-08-16"}) {
      Order(s, std::string("X-") + d, "objector", d, "completed", "Schuhe");
    }
    // quiet: bought a new product this week; its email did not come with a
    // sale, and there is no consent: no email about new products.
    Upsert(s, Person("quiet"));
    Order(s, "Q-1", "quiet", "2026-11-22", "completed", "Hosen");
    ASSERT_TRUE(s.Commit().ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static void Upsert(storage::Store& s, const model::Customer& c) {
    ASSERT_TRUE(s.UpsertCustomer(c).has_value());
  }
  static void Order(storage::Store& s, const std::string& id, const std::string& customer,
                    const char* day, const char* status, const char* category) {
    model::Order o;
    o.external_id = id;
    o.customer_external_id = customer;
    o.ordered_at.day = D(day);
    o.ordered_at.seconds = 36000;
    o.ordered_at.utc_offset_minutes = 60;
    o.total_minor = 5000;
    o.status = status;
    ASSERT_TRUE(s.UpsertOrder(o).has_value());
    model::OrderLine l;
    l.order_external_id = id;
    l.line_no = 1;
    l.sku = std::string("SKU-") + category;
    l.category = category;
    l.unit_price_minor = 5000;
    ASSERT_TRUE(s.UpsertOrderLine(l).has_value());
  }

  PlanReport Plan(const char* day, const std::string& segment = "") {
    auto session = OpenAnalytics(path_);
    EXPECT_TRUE(session.has_value()) << session.error().message();
    PlanSettings settings;
    settings.policy.surprise_one_in = 0;  // no chance in these tests
    settings.policy.silence_days = 150;   // nor keep-in-touch (it outranks win-back)
    auto plan = BuildPlan(*session->store, session->snapshot, settings, {D(day), segment});
    EXPECT_TRUE(plan.has_value()) << plan.error().message();
    return plan.value_or(PlanReport{});
  }
  CommitReport Commit(const PlanReport& plan) {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto r = CommitPlan(**store, plan, "2026-11-24T06:00:00Z");
    EXPECT_TRUE(r.has_value()) << r.error().message();
    EXPECT_TRUE((*store)->Commit().ok());
    return r.value_or(CommitReport{});
  }
  static const PlanEntry* Find(const PlanReport& plan, const std::string& customer) {
    for (const auto& e : plan.contacts) {
      if (e.customer_id == customer) return &e;
    }
    return nullptr;
  }

  std::filesystem::path dir_;
  std::string path_;
};

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
