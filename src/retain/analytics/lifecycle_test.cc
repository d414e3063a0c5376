#include "retain/analytics/lifecycle.h"

#include <gtest/gtest.h>

#include <vector>

#include "retain/analytics/test_snapshot.h"

namespace retain::analytics {
namespace {

using testing::BuildSnapshot;

// Defaults: default gap 30, floor 14, multiples 1.5 / 3 / 6.
std::optional<LifecycleStage> Classify(std::vector<core::Day> days, core::Day as_of,
                                       const LifecycleOptions& opts = {}) {
  return ClassifyLifecycle(days, as_of, opts);
}

TEST(LifecycleTest, Names) {
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kNew), "new");
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kActive), "active");
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kAtRisk), "at_risk");
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kLapsed), "lapsed");
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kChurned), "churned");
  EXPECT_EQ(LifecycleStageName(LifecycleStage::kReactivated), "reactivated");
}

TEST(LifecycleTest, SingleOrderUsesDefaultGap) {
  EXPECT_EQ(Classify({100}, 100), LifecycleStage::kNew);
  EXPECT_EQ(Classify({100}, 145), LifecycleStage::kNew);  // 45 = 1.5 * 30
  EXPECT_EQ(Classify({100}, 146), LifecycleStage::kAtRisk);
  EXPECT_EQ(Classify({100}, 190), LifecycleStage::kAtRisk);
  EXPECT_EQ(Classify({100}, 191), LifecycleStage::kLapsed);
  EXPECT_EQ(Classify({100}, 280), LifecycleStage::kLapsed);
  EXPECT_EQ(Classify({100}, 281), LifecycleStage::kChurned);
  EXPECT_EQ(Classify({100}, 130, {.default_gap_days = 10}), LifecycleStage::kAtRisk);  // 30 > 21
}

TEST(LifecycleTest, MonthlyBuyerMovesThroughTheStages) {
  const std::vector<core::Day> days = {0, 30, 60, 90};  // g = 30
  EXPECT_EQ(Classify(days, 90), LifecycleStage::kActive);
  EXPECT_EQ(Classify(days, 135), LifecycleStage::kActive);
  EXPECT_EQ(Classify(days, 136), LifecycleStage::kAtRisk);
  EXPECT_EQ(Classify(days, 180), LifecycleStage::kAtRisk);
  EXPECT_EQ(Classify(days, 181), LifecycleStage::kLapsed);
  EXPECT_EQ(Classify(days, 270), LifecycleStage::kLapsed);
  EXPECT_EQ(Classify(days, 271), LifecycleStage::kChurned);
}

TEST(LifecycleTest, RhythmIsTheCustomersOwn) {
  // A yearly buyer 200 days after the last purchase is still active.
  EXPECT_EQ(Classify({0, 365, 730}, 930), LifecycleStage::kActive);
  // A weekly-ish buyer (gap floored to 14) 50 days later is lapsed.
  EXPECT_EQ(Classify({0, 7, 14}, 64), LifecycleStage::kLapsed);
}

TEST(LifecycleTest, ReactivatedAfterLongPause) {
  // Monthly, then a 310-day pause (> 6 * 30), then back: g = 400 / 4 = 100.
  const std::vector<core::Day> days = {0, 30, 60, 90, 400};
  EXPECT_EQ(Classify(days, 400), LifecycleStage::kReactivated);
  EXPECT_EQ(Classify(days, 550), LifecycleStage::kReactivated);  // 150 = 1.5 * 100
  EXPECT_EQ(Classify(days, 551), LifecycleStage::kAtRisk);
  // Before the return the same customer was churned.
  EXPECT_EQ(Classify(days, 399), LifecycleStage::kChurned);
  // A pause of exactly 6 * g_prior is not enough.
  EXPECT_EQ(Classify({0, 30, 60, 90, 270}, 270), LifecycleStage::kActive);
}

TEST(LifecycleTest, ReactivatedWithTwoOrdersUsesDefaultGapForThePast) {
  EXPECT_EQ(Classify({0, 300}, 310), LifecycleStage::kReactivated);  // 300 > 180
  EXPECT_EQ(Classify({0, 150}, 160), LifecycleStage::kActive);       // 150 <= 180
}

TEST(LifecycleTest, MinimumGapFloor) {
  // Orders on consecutive days: g = 1 is raised to 14.
  EXPECT_EQ(Classify({100, 101}, 108), LifecycleStage::kActive);  // 7 <= 21
  EXPECT_EQ(Classify({100, 101}, 140), LifecycleStage::kAtRisk);  // 39 <= 42
  EXPECT_EQ(Classify({100, 101}, 108, {.min_gap_days = 1}), LifecycleStage::kChurned);
}

TEST(LifecycleTest, SameDayOrdersAreOnePurchase) {
  EXPECT_EQ(Classify({100, 100, 100}, 110), LifecycleStage::kNew);
  // Distinct days 0, 30, 60: g = 30 despite five orders.
  EXPECT_EQ(Classify({0, 30, 30, 60, 60}, 130), LifecycleStage::kAtRisk);
}

TEST(LifecycleTest, OrdersAfterAsOfAreIgnored) {
  EXPECT_EQ(Classify({100, 200}, 150), LifecycleStage::kAtRisk);  // one purchase, d = 50
  EXPECT_EQ(Classify({200}, 150), std::nullopt);
  EXPECT_EQ(Classify({}, 150), std::nullopt);
}

TEST(LifecycleTest, MedianInterPurchaseGap) {
  EXPECT_EQ(MedianInterPurchaseGap(Snapshot{}, 1000), std::nullopt);
  const Snapshot s = BuildSnapshot({
      {.orders = {{0, 1}, {10, 1}, {30, 1}}},  // gaps 10, 20
      {.orders = {{5, 1}, {35, 1}}},           // 30
      {.orders = {{7, 1}, {7, 1}}},            // same day: no gap
      {.orders = {{9, 1}}},
      {.orders = {{100, 1}, {140, 1}}},  // 40
  });
  EXPECT_EQ(MedianInterPurchaseGap(s, 1000), 25.0);  // 10 20 30 40
  EXPECT_EQ(MedianInterPurchaseGap(s, 139), 20.0);   // 10 20 30
  EXPECT_EQ(MedianInterPurchaseGap(s, 29), 10.0);
  EXPECT_EQ(MedianInterPurchaseGap(s, 9), std::nullopt);
}

TEST(LifecycleTest, CountsOverSnapshot) {
  const Snapshot s = BuildSnapshot({
      {.orders = {{190, 1}}},                                     // new
      {.orders = {{130, 1}, {160, 1}, {190, 1}}},                 // active
      {.orders = {{100, 1}, {130, 1}, {140, 1}}},                 // g 20, d 60: at_risk
      {.orders = {{10, 1}}},                                      // d 190: churned
      {.orders = {{0, 1}, {30, 1}, {60, 1}, {90, 1}, {195, 1}}},  // pause 105 <= 180: active
      {.orders = {{0, 1}, {199, 1}}},                             // reactivated
      {.orders = {{250, 1}}},                                     // after as_of
      {},
  });
  const LifecycleCounts counts = CountLifecycleStages(s, 200, {});
  const auto at = [&](LifecycleStage st) { return counts.by_stage[static_cast<int>(st)]; };
  EXPECT_EQ(at(LifecycleStage::kNew), 1);
  EXPECT_EQ(at(LifecycleStage::kActive), 2);  // includes the 105-day pause (< 180)
  EXPECT_EQ(at(LifecycleStage::kAtRisk), 1);
  EXPECT_EQ(at(LifecycleStage::kLapsed), 0);
  EXPECT_EQ(at(LifecycleStage::kChurned), 1);
  EXPECT_EQ(at(LifecycleStage::kReactivated), 1);
  EXPECT_EQ(counts.without_orders, 2);
}

}  // namespace
}  // namespace retain::analytics
