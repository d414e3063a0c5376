// The contact calendar's test shop on a real (SQLite) store: four customers
// (a delayed order, a loyal shoe buyer gone quiet, an objector, a new
// buyer without consent), with helpers to plan and commit a day.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/app/analytics_session.h"
#include "retain/app/contact_plan.h"
#include "retain/storage/open_store.h"

namespace retain::app {

inline core::Day D(const char* text) { return *core::ParseDate(text); }

inline model::Customer Person(const std::string& id) {
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

}  // namespace retain::app
