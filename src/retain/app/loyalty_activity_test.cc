// The Kunden-Club's activity by month: every ledger entry of the period in
// exactly one column, checked against a hand-made history and against the
// entries themselves.
#include "retain/app/loyalty_activity.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/app/loyalty_club.h"
#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;
core::Day D(const char* text) { return *core::ParseDate(text); }
int M(const char* text) { return *ParseMonth(text, "month"); }

class LoyaltyActivityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto program = loyalty::DefaultProgram();
    program.expiry_years_after = 0;  // points expire at the end of the year they were earned
    club_ = std::make_unique<LoyaltyClub>(program);
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_activity_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore((dir_ / "club.db").string(), storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->BeginWrite().ok());
    for (const char* id : {"anna", "ben"}) {
      model::Customer c;
      c.external_id = id;
      ASSERT_TRUE(store_->UpsertCustomer(c).has_value());
    }
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  template <class Fn>
  json Write(Fn fn) {
    EXPECT_TRUE(store_->BeginWrite().ok());
    core::Result<LoyaltyAnswer> a = fn(*store_);
    EXPECT_TRUE(a.has_value()) << a.error().message();
    EXPECT_TRUE(store_->Commit().ok());
    return a ? a->json : json();
  }
  LoyaltyActivityReport Activity(const char* from, const char* to) {
    auto r = LoyaltyActivity(*store_, club_->program(), {M(from), M(to)});
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? *r : LoyaltyActivityReport{};
  }
  // The points of the entries whose day falls in [from, to], read directly.
  int64_t EntryPoints(core::Day from, core::Day to) {
    int64_t sum = 0;
    EXPECT_TRUE(
        store_
            ->ScanLoyaltyEntries([&](const std::string&, const storage::LoyaltyEntryRecord& e) {
              if (e.day >= from && e.day <= to) sum += e.points;
            })
            .ok());
    return sum;
  }
  static int64_t Sum(const LoyaltyActivityReport& r) {
    int64_t sum = 0;
    for (const auto& m : r.months) {
      sum += m.issued + m.bonus + m.redeemed + m.restored + m.expired + m.returned;
    }
    return sum;
  }

  static constexpr const char* kNow = "2026-01-02T10:00:00Z";
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<LoyaltyClub> club_;
};

TEST_F(LoyaltyActivityTest, EveryPointOfThePeriodLandsInOneColumn) {
  const auto& club = *club_;
  Write([&](storage::Store& s) { return club.Enroll(s, {"anna", D("2025-03-01"), ""}, kNow); });
  Write([&](storage::Store& s) { return club.Enroll(s, {"ben", D("2025-04-15"), ""}, kNow); });
  Write([&](storage::Store& s) {
    return club.Purchase(s, {"O-1", "anna", 120000, "EUR", "store", "B1", D("2025-03-10"), {}},
                         kNow);
  });
  Write([&](storage::Store& s) {
    return club.Bonus(s, {"Q-1", "anna", "surprise", 50, "Jubiläum", D("2025-03-20")}, kNow);
  });
  auto voucher = Write([&](storage::Store& s) {
    return club.Redeem(s, {"Q-2", "anna", 1000, D("2025-04-02")}, kNow);
  });
  Write([&](storage::Store& s) {
    return club.CancelVoucher(s, voucher["voucher"]["code"], D("2025-04-03"), kNow);
  });
  Write([&](storage::Store& s) {
    return club.Purchase(s, {"O-2", "ben", 5000, "EUR", "online", "", D("2025-04-20"), {}}, kNow);
  });
  Write([&](storage::Store& s) {
    return club.Return(s, {"R-1", "O-1", 30000, D("2025-05-05")}, kNow);
  });
  auto expired = club.Expire(*store_, D("2026-01-02"), kNow);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->points, 900 + 50 + 50);  // anna's lots after the return, ben's purchase

  const auto all = Activity("2025-01", "2026-02");
  ASSERT_EQ(all.months.size(), 14u);
  const auto& march = all.months[2];
  EXPECT_EQ(march.month, M("2025-03"));
  EXPECT_EQ(march.issued, 1200);
  EXPECT_EQ(march.bonus, 50);
  EXPECT_EQ(march.new_members, 1);
  const auto& april = all.months[3];
  EXPECT_EQ(april.issued, 50);
  EXPECT_EQ(april.redeemed, 1000);
  EXPECT_EQ(april.restored, 1000);
  EXPECT_EQ(april.new_members, 1);
  EXPECT_EQ(all.months[4].returned, 300);
  EXPECT_EQ(all.months[12].expired, 1000);
  EXPECT_EQ(Sum(all), 1200 + 50 + 50 + 1000 + 1000 + 300 + 1000);
  EXPECT_EQ(Sum(all), EntryPoints(D("2025-01-01"), D("2026-02-28")));

  // A part of the history: only its own entries.
  const auto april_only = Activity("2025-04", "2025-04");
  ASSERT_EQ(april_only.months.size(), 1u);
  EXPECT_EQ(Sum(april_only), EntryPoints(D("2025-04-01"), D("2025-04-30")));
  EXPECT_EQ(Sum(april_only), 2050);

  const auto j = LoyaltyActivityJson(all);
  EXPECT_EQ(j["currency"], "EUR");
  EXPECT_EQ(j["from"], "2025-01");
  EXPECT_EQ(j["to"], "2026-02");
  EXPECT_EQ(j["months"][3]["month"], "2025-04");
  EXPECT_EQ(j["months"][3]["restored"], 1000);
  EXPECT_EQ(j["totals"]["issued"], 1250);
  EXPECT_EQ(j["totals"]["new_members"], 2);
}

TEST(LoyaltyMonthRange, DefaultsAndMistakesNamingTheField) {
  auto r = ResolveMonthRange(std::nullopt, std::nullopt, D("2026-03-15"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(core::FormatMonthIndex(r->first), "2025-04");
  EXPECT_EQ(core::FormatMonthIndex(r->last), "2026-03");
  r = ResolveMonthRange(std::nullopt, "2025-12", D("2026-03-15"));
  EXPECT_EQ(core::FormatMonthIndex(r->first), "2025-01");
  r = ResolveMonthRange("2026-01", std::nullopt, D("2026-03-15"));
  EXPECT_EQ(r->last - r->first, 2);
  r = ResolveMonthRange("2026-13", std::nullopt, D("2026-03-15"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message().rfind("from: ", 0), 0u) << r.error().message();
  r = ResolveMonthRange(std::nullopt, "März", D("2026-03-15"));
  EXPECT_EQ(r.error().message().rfind("to: ", 0), 0u) << r.error().message();
  r = ResolveMonthRange("2026-02", "2026-01", D("2026-03-15"));
  EXPECT_EQ(r.error().message().rfind("from: ", 0), 0u) << r.error().message();
  r = ResolveMonthRange("2000-01", "2026-01", D("2026-03-15"));
  EXPECT_FALSE(r.has_value());
}

}  // namespace
}  // namespace retain::app
