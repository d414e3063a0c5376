#include "retain/analytics/nps.h"

#include <gtest/gtest.h>

namespace retain::analytics {
namespace {

NpsCounts Of(std::initializer_list<int> scores) {
  NpsCounts n;
  for (int s : scores) n.Add(s);
  return n;
}

TEST(Nps, NoAnswersHaveNoScore) {
  EXPECT_FALSE(NpsCounts{}.Score().has_value());
  EXPECT_EQ(NpsCounts{}.answers(), 0);
}

TEST(Nps, AllPromotersIsHundredAllDetractorsMinusHundred) {
  EXPECT_DOUBLE_EQ(*Of({9, 10, 10}).Score(), 100.0);
  EXPECT_DOUBLE_EQ(*Of({0, 6, 3}).Score(), -100.0);
  EXPECT_DOUBLE_EQ(*Of({7, 8}).Score(), 0.0);  // passives only
}

TEST(Nps, GroupBoundaries) {
  EXPECT_EQ(NpsGroupOf(0), NpsGroup::kDetractor);
  EXPECT_EQ(NpsGroupOf(6), NpsGroup::kDetractor);
  EXPECT_EQ(NpsGroupOf(7), NpsGroup::kPassive);
  EXPECT_EQ(NpsGroupOf(8), NpsGroup::kPassive);
  EXPECT_EQ(NpsGroupOf(9), NpsGroup::kPromoter);
  EXPECT_EQ(NpsGroupOf(10), NpsGroup::kPromoter);
  EXPECT_STREQ(NpsGroupName(NpsGroup::kPassive), "passive");
}

TEST(Nps, WorkedExample) {
  // 10 answers: 5 promoters, 3 passives, 2 detractors -> 50 % - 20 % = 30.
  const NpsCounts n = Of({10, 9, 9, 10, 9, 8, 7, 7, 6, 0});
  EXPECT_EQ(n.promoters, 5);
  EXPECT_EQ(n.passives, 3);
  EXPECT_EQ(n.detractors, 2);
  EXPECT_DOUBLE_EQ(*n.Score(), 30.0);
  // One third each: (1 - 1) / 3 = 0; two promoters, one detractor: 33.3.
  EXPECT_NEAR(*Of({10, 6, 9}).Score(), 100.0 / 3, 1e-12);
  NpsCounts sum = Of({10});
  sum.Add(Of({0, 0}));
  EXPECT_NEAR(*sum.Score(), -100.0 / 3, 1e-12);
}

}  // namespace
}  // namespace retain::analytics
