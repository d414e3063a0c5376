// What baskets earn with time-boxed multipliers.
#include "retain/loyalty/promotions.h"

#include <gtest/gtest.h>

namespace retain::loyalty {
namespace {

core::Day D(const char* text) { return *core::ParseDate(text); }

Basket Buy(int64_t cents, const char* channel, const char* day,
           std::vector<BasketLine> lines = {}) {
  return {cents, channel, D(day), std::move(lines)};
}

// The default program with `promotions`.
LoyaltyProgram With(std::vector<Promotion> promotions) {
  auto p = DefaultProgram();
  p.promotions = std::move(promotions);
  return p;
}

TEST(BasketPoints, WithoutPromotionsArePurchasePoints) {
  const auto p = DefaultProgram();
  for (const auto& tier : p.tiers) {
    for (int64_t cents : {0, 99, 100, 1999, 10000, 99999, 123456}) {
      EXPECT_EQ(BasketPoints(p, tier, Buy(cents, "store", "2026-03-03")).points,
                PurchasePoints(p, cents, tier))
          << tier.name << " " << cents;
    }
  }
}

TEST(BasketPoints, APromotionCountsOnItsDaysChannelAndCategory) {
  const auto p = DefaultProgram();
  const Promotion online{"Online-Woche", D("2026-03-02"), D("2026-03-08"), "online", "", 200};
  const Promotion shoes{"Schuhwoche", D("2026-03-02"), D("2026-03-08"), "", "Schuhe", 200};
  EXPECT_EQ(BasketPoints(With({online}), p.tiers[0], Buy(5000, "online", "2026-03-03")).points,
            100);
  EXPECT_EQ(BasketPoints(With({online}), p.tiers[0], Buy(5000, "store", "2026-03-03")).points, 50);
  EXPECT_EQ(BasketPoints(With({online}), p.tiers[0], Buy(5000, "online", "2026-03-09")).points, 50);

  const auto mixed = Buy(10000, "store", "2026-03-05", {{"Schuhe", 4000}, {"Hosen", 6000}});
  auto basis = BasketPoints(With({shoes}), p.tiers[0], mixed);
  EXPECT_EQ(basis.points, 140);  // 40 x 2 + 60
  EXPECT_EQ(basis.base_points, 100);
  EXPECT_EQ(basis.promotions, std::vector<std::string>{"Schuhwoche"});
  EXPECT_EQ(BasketPoints(With({shoes}), p.tiers[1], mixed).points, 154);  // 140 x 1.1
  // The best multiplier for each part counts, they do not multiply.
  const Promotion all{"Jubilaeum", D("2026-03-01"), D("2026-03-31"), "", "", 150};
  EXPECT_EQ(BasketPoints(With({shoes, all}), p.tiers[0], mixed).points, 170);  // 40 x 2 + 60 x 1.5
  // Lines adding up to more than the amount (a discount on the order) are scaled to it.
  const auto discounted = Buy(10000, "store", "2026-03-05", {{"Schuhe", 6000}, {"Hosen", 6000}});
  EXPECT_EQ(BasketPoints(With({shoes}), p.tiers[0], discounted).points, 150);  // 50 x 2 + 50
  // Lines adding up to less: the rest (shipping, say) earns without the category's bonus.
  const auto shipping = Buy(10000, "store", "2026-03-05", {{"Schuhe", 4000}});
  EXPECT_EQ(BasketPoints(With({shoes}), p.tiers[0], shipping).points, 140);
}

TEST(Promotion, IsValidatedWithTheProgram) {
  EXPECT_TRUE(Validate(With({{"x", 1, 2, "online", "", 200}})).ok());
  EXPECT_FALSE(Validate(With({{"x", 3, 2, "", "", 200}})).ok());
  EXPECT_NE(Validate(With({{"x", 1, 2, "phone", "", 200}})).message().find("channel"),
            std::string::npos);
  EXPECT_FALSE(Validate(With({{"x", 1, 2, "", "", 50}})).ok());
  EXPECT_FALSE(Validate(With({{"", 1, 2, "", "", 200}})).ok());
}

}  // namespace
}  // namespace retain::loyalty
