// Bringing card holders into the Kunden-Club with their history: who joins
// when, which orders and returns are credited (checked by hand against the
// program's rules), that a second run changes nothing and that the ledger
// check passes.
#include "retain/app/loyalty_backfill.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;
core::Day D(const char* text) { return *core::ParseDate(text); }

class LoyaltyBackfillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_backfill_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore((dir_ / "shop.db").string(), storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->BeginWrite().ok());
    // anna and ben hold the card (one tag in another case), cara does not,
    // dora holds it but has not ordered since the day.
    Customer("anna", {"Kundenkarte"});
    Customer("ben", {"vip", "kundenkarte"});
    Customer("cara", {});
    Customer("dora", {"kundenkarte"});
    Order("A-0", "anna", "2024-12-20", 50000);  // before the day: not credited
    Order("A-1", "anna", "2025-02-03", 99999);  // 999 points at Basis
    Order("A-2", "anna", "2025-03-01", 10000);  // 100: crosses 1,000, still at the Basis rate
    Order("A-3", "anna", "2025-04-01", 10000);  // 110 at Silber
    Return("AR-1", "A-3", "anna", "2025-04-10", 5000);   // half of A-3: 55 back
    Return("AR-0", "A-0", "anna", "2025-01-10", 50000);  // of an order before the day
    Order("B-1", "ben", "2025-06-30", 4550, model::Channel::kStore);
    Order("B-2", "ben", "2025-07-01", 2000, model::Channel::kOnline, "cancelled");
    Order("C-1", "cara", "2025-05-05", 30000);
    Order("D-0", "dora", "2024-06-01", 30000);
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Customer(const std::string& id, std::vector<std::string> tags) {
    model::Customer c;
    c.external_id = id;
    c.tags = std::move(tags);
    ASSERT_TRUE(store_->UpsertCustomer(c).has_value());
  }
  void Order(const std::string& id, const std::string& customer, const char* day, int64_t cents,
             model::Channel channel = model::Channel::kOnline, const std::string& status = "") {
    model::Order o;
    o.external_id = id;
    o.customer_external_id = customer;
    o.ordered_at.day = D(day);
    o.total_minor = cents;
    o.channel = channel;
    o.store_id = channel == model::Channel::kStore ? "B1" : "";
    o.status = status;
    ASSERT_TRUE(store_->UpsertOrder(o).has_value());
  }
  void Return(const std::string& id, const std::string& order, const std::string& customer,
              const char* day, int64_t cents) {
    model::Return r;
    r.external_id = id;
    r.order_external_id = order;
    r.customer_external_id = customer;
    r.returned_at.day = D(day);
    r.amount_minor = cents;
    ASSERT_TRUE(store_->UpsertReturn(r).has_value());
  }
  BackfillReport Run(BackfillRequest request) {
    auto r = BackfillMembers(*store_, club_, request, "2026-01-05T10:00:00Z");
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? *r : BackfillReport{};
  }
  json Member(const std::string& id, const char* day) {
    auto m = club_.Member(*store_, id, D(day));
    EXPECT_TRUE(m.has_value()) << m.error().message();
    return m ? *m : json();
  }
  int64_t Entries() {
    int64_t n = 0;
    EXPECT_TRUE(store_
                    ->ScanLoyaltyEntries(
                        [&](const std::string&, const storage::LoyaltyEntryRecord&) { ++n; })
                    .ok());
    return n;
  }
  void ExpectConsistent() {
    auto check = club_.Check(*store_);
    ASSERT_TRUE(check.has_value()) << check.error().message();
    EXPECT_TRUE((*check)["ok"].get<bool>()) << check->dump(2);
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  LoyaltyClub club_{loyalty::DefaultProgram()};
};

TEST_F(LoyaltyBackfillTest, CardHoldersJoinWithTheirHistoryOnce) {
  const auto first = Run({.tag = "kundenkarte", .since = D("2025-01-01")});
  EXPECT_EQ(first.customers, 3);  // anna, ben, dora (tags in any case)
  EXPECT_EQ(first.already_members, 0);
  EXPECT_EQ(first.enrolled, 3);
  EXPECT_EQ(first.purchases, 4);          // B-1
  EXPECT_EQ(first.purchases_skipped, 1);  // B-2 was cancelled
  EXPECT_EQ(first.returns, 1);            // AR-1 (AR-0's order was before the day)
  EXPECT_EQ(first.points_issued, 999 + 100 + 110 + 45);
  EXPECT_EQ(first.points_returned, 55);

  auto anna = Member("anna", "2025-04-30");
  EXPECT_EQ(anna["member_since"], "2025-02-03");  // her first order since the day
  EXPECT_EQ(anna["tier"], "Silber");
  EXPECT_EQ(anna["points_available"], 999 + 100 + 110 - 55);
  EXPECT_EQ(Member("ben", "2025-07-01")["member_since"], "2025-06-30");
  EXPECT_EQ(Member("dora", "2025-07-01")["member_since"], "2025-01-01");  // no order since
  EXPECT_EQ(Member("dora", "2025-07-01")["points_available"], 0);
  EXPECT_EQ(club_.Member(*store_, "cara", D("2025-07-01")).error().code(), core::Code::kNotFound);
  ExpectConsistent();

  // Again: nothing changes, not even a ledger entry.
  const int64_t entries = Entries();
  const auto again = Run({.tag = "kundenkarte", .since = D("2025-01-01")});
  EXPECT_EQ(again.customers, 3);
  EXPECT_EQ(again.already_members, 3);
  EXPECT_EQ(again.enrolled, 0);
  EXPECT_EQ(again.purchases, 0);
  EXPECT_EQ(again.returns, 0);
  EXPECT_EQ(again.points_issued, 0);
  EXPECT_EQ(Entries(), entries);
  ExpectConsistent();

  // Everybody else too; the members stay as they are.
  const auto all = Run({.all = true, .since = D("2025-01-01")});
  EXPECT_EQ(all.customers, 4);
  EXPECT_EQ(all.already_members, 3);
  EXPECT_EQ(all.enrolled, 1);
  EXPECT_EQ(all.purchases, 1);
  EXPECT_EQ(all.points_issued, 300);
  ExpectConsistent();

  // The daily jobs work on them as on anybody.
  ASSERT_TRUE(club_.Recalc(*store_, D("2026-04-02"), "2026-04-02T03:00:00Z").has_value());
  ASSERT_TRUE(club_.Expire(*store_, D("2029-01-01"), "2029-01-01T03:00:00Z").has_value());
  ExpectConsistent();
  EXPECT_EQ(Member("anna", "2029-01-01")["points_available"], 0);
}

TEST_F(LoyaltyBackfillTest, AMemberAlreadyIsLeftAloneAndATagIsNeeded) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(club_.Enroll(*store_, {"ben", D("2025-12-01"), ""}, "2025-12-01T10:00:00Z"));
  ASSERT_TRUE(store_->Commit().ok());
  const auto r = Run({.tag = "KUNDENKARTE", .since = D("2025-01-01")});
  EXPECT_EQ(r.already_members, 1);
  EXPECT_EQ(r.enrolled, 2);
  EXPECT_EQ(Member("ben", "2025-12-02")["member_since"], "2025-12-01");
  EXPECT_EQ(Member("ben", "2025-12-02")["points_available"], 0);
  ExpectConsistent();
  auto none = BackfillMembers(*store_, club_, {.since = D("2025-01-01")}, "2026-01-05T10:00:00Z");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code(), core::Code::kInvalidArgument);
}

}  // namespace
}  // namespace retain::app
