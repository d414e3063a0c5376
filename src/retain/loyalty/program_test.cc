// The Kunden-Club's rules on the worked examples of the program.
#include "retain/loyalty/program.h"

#include <gtest/gtest.h>

namespace retain::loyalty {
namespace {

core::Day D(const char* text) { return *core::ParseDate(text); }

TEST(PurchasePoints, OnePointPerFullEuroPlusTheTierBonus) {
  const auto p = DefaultProgram();
  const Tier &basis = p.tiers[0], &silber = p.tiers[1], &gold = p.tiers[2];
  EXPECT_EQ(PurchasePoints(p, 10000, silber), 110);  // 100.00 EUR at Silber
  EXPECT_EQ(PurchasePoints(p, 99999, basis), 999);   // 999.99 EUR at Basis
  EXPECT_EQ(PurchasePoints(p, 5050, gold), 60);      // 50 full euros x 1.2
  EXPECT_EQ(PurchasePoints(p, 1999, silber), 20);    // floor(19 x 1.1) = floor(20.9)
  EXPECT_EQ(PurchasePoints(p, 99, basis), 0);
  EXPECT_EQ(PurchasePoints(p, -5000, gold), 0);
}

TEST(ReturnedPoints, AreTheReturnedShareRoundedAndAddUpOverPartialReturns) {
  EXPECT_EQ(ReturnedPoints(110, 10000, 0, 5000), 55);
  EXPECT_EQ(ReturnedPoints(3, 200, 0, 100), 2);          // 1.5 rounds up
  EXPECT_EQ(ReturnedPoints(110, 10000, 0, 20000), 110);  // never more than the order earned
  // Three partial returns take exactly what one full return would.
  const int64_t a = ReturnedPoints(110, 10000, 0, 3333);
  const int64_t b = ReturnedPoints(110, 10000, 3333, 3333);
  const int64_t c = ReturnedPoints(110, 10000, 6666, 3334);
  EXPECT_EQ(a + b + c, 110);
  EXPECT_EQ(a, 37);  // 36.663 -> 37
  EXPECT_EQ(ReturnedPoints(0, 10000, 0, 5000), 0);
  EXPECT_EQ(ReturnedPoints(110, 10000, 10000, 100), 0);  // all returned already
}

TEST(PointsExpireAfter, TheEndOfTheThirdCalendarYearAfterEarning) {
  const auto p = DefaultProgram();
  EXPECT_EQ(PointsExpireAfter(p, D("2025-06-01")), D("2028-12-31"));
  EXPECT_EQ(PointsExpireAfter(p, D("2025-12-31")), D("2028-12-31"));
  EXPECT_EQ(PointsExpireAfter(p, D("2026-01-01")), D("2029-12-31"));
}

TEST(AddMonths, ClampsToTheMonthsLength) {
  EXPECT_EQ(AddMonths(D("2024-01-31"), 1), D("2024-02-29"));
  EXPECT_EQ(AddMonths(D("2025-01-31"), 1), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2025-03-15"), -12), D("2024-03-15"));
  EXPECT_EQ(AddMonths(D("2025-11-30"), 3), D("2026-02-28"));
  EXPECT_EQ(TierWindowStart(DefaultProgram(), D("2026-03-15")), D("2025-03-16"));
}

TEST(Tiers, UpgradeAtOnceHoldTwelveMonthsThenFollowTheWindow) {
  const auto p = DefaultProgram();
  EXPECT_EQ(TierFor(p, 999), 0u);
  EXPECT_EQ(TierFor(p, 1000), 1u);
  EXPECT_EQ(TierFor(p, 2999), 1u);
  EXPECT_EQ(TierFor(p, 3000), 2u);
  TierState s;  // Basis since joining
  s = EvaluateTier(p, s, D("2025-05-10"), 1200);
  EXPECT_EQ(s.tier, 1u);
  EXPECT_EQ(s.since, D("2025-05-10"));
  EXPECT_EQ(s.held_until, D("2026-05-10"));
  // The window empties, but the tier holds its twelve months.
  EXPECT_EQ(EvaluateTier(p, s, D("2026-05-10"), 0).tier, 1u);
  const TierState after = EvaluateTier(p, s, D("2026-05-11"), 0);
  EXPECT_EQ(after.tier, 0u);
  EXPECT_EQ(after.since, D("2026-05-11"));
  // Gold during a Silber hold applies at once and starts a new hold.
  const TierState gold = EvaluateTier(p, s, D("2025-09-01"), 3100);
  EXPECT_EQ(gold.tier, 2u);
  EXPECT_EQ(gold.held_until, D("2026-09-01"));
  // A fall from Gold after its hold goes to what the window supports.
  EXPECT_EQ(EvaluateTier(p, gold, D("2026-09-02"), 1500).tier, 1u);
}

TEST(Program, ValidatesItsRules) {
  EXPECT_TRUE(Validate(DefaultProgram()).ok());
  auto p = DefaultProgram();
  p.tiers[2].threshold = 500;
  EXPECT_NE(Validate(p).message().find("thresholds must rise"), std::string::npos);
  p = DefaultProgram();
  p.tiers[0].threshold = 10;
  EXPECT_FALSE(Validate(p).ok());
  p = DefaultProgram();
  p.cents_per_point = 0;
  EXPECT_FALSE(Validate(p).ok());
  EXPECT_EQ(*RedemptionBlocks(DefaultProgram(), 1000), 2);
  EXPECT_FALSE(RedemptionBlocks(DefaultProgram(), 750).has_value());
  EXPECT_FALSE(RedemptionBlocks(DefaultProgram(), 0).has_value());
}

}  // namespace
}  // namespace retain::loyalty
