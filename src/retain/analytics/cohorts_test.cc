#include "retain/analytics/cohorts.h"

#include <gtest/gtest.h>

#include "retain/analytics/test_snapshot.h"

namespace retain::analytics {
namespace {

using testing::BuildSnapshot;

core::Day D(int y, int m, int d) { return core::DayFromCivil(y, m, d); }

TEST(CohortsTest, HandBuiltMatrix) {
  const Snapshot s = BuildSnapshot({
      // January cohort (3 customers).
      {.orders = {{D(2024, 1, 5), 1}, {D(2024, 1, 20), 1}, {D(2024, 2, 1), 1}}},
      {.orders = {{D(2024, 1, 31), 1}, {D(2024, 3, 1), 1}}},
      {.orders = {{D(2024, 1, 10), 1}}},
      // March cohort (1 customer) ordering in April twice and after as_of.
      {.orders =
           {{D(2024, 3, 15), 1}, {D(2024, 4, 1), 1}, {D(2024, 4, 30), 1}, {D(2024, 6, 1), 1}}},
      {},  // no orders
  });
  const CohortMatrix m = ComputeCohorts(s, {.as_of = D(2024, 4, 30)});
  EXPECT_EQ(m.first_month, core::MonthIndex(D(2024, 1, 1)));
  EXPECT_EQ(m.last_month, core::MonthIndex(D(2024, 4, 1)));
  ASSERT_EQ(m.rows.size(), 4u);

  const CohortRow& jan = m.rows[0];
  EXPECT_EQ(jan.size, 3);
  EXPECT_EQ(jan.active, (std::vector<int64_t>{3, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(jan.percent[0], 100.0);
  EXPECT_DOUBLE_EQ(jan.percent[1], 100.0 / 3.0);
  EXPECT_DOUBLE_EQ(jan.percent[3], 0.0);

  const CohortRow& feb = m.rows[1];  // empty month
  EXPECT_EQ(feb.size, 0);
  EXPECT_EQ(feb.active, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(feb.percent, (std::vector<double>{0, 0, 0}));

  const CohortRow& mar = m.rows[2];
  EXPECT_EQ(mar.month, core::MonthIndex(D(2024, 3, 1)));
  EXPECT_EQ(mar.size, 1);
  EXPECT_EQ(mar.active, (std::vector<int64_t>{1, 1}));

  EXPECT_EQ(m.rows[3].size, 0);
  EXPECT_EQ(m.rows[3].active.size(), 1u);
}

TEST(CohortsTest, DefaultAsOfIsLastOrderAndSpansYears) {
  const Snapshot s = BuildSnapshot({
      {.orders = {{D(2023, 12, 31), 1}, {D(2024, 1, 1), 1}, {D(2025, 1, 2), 1}}},
      {.orders = {{D(2024, 12, 1), 1}}},
  });
  const CohortMatrix m = ComputeCohorts(s, {});
  EXPECT_EQ(m.first_month, 2023 * 12 + 11);
  EXPECT_EQ(m.last_month, 2025 * 12 + 0);
  ASSERT_EQ(m.rows.size(), 14u);
  const CohortRow& dec23 = m.rows[0];
  ASSERT_EQ(dec23.active.size(), 14u);
  EXPECT_EQ(dec23.active[0], 1);
  EXPECT_EQ(dec23.active[1], 1);
  EXPECT_EQ(dec23.active[13], 1);
  EXPECT_EQ(dec23.active[12], 0);
  EXPECT_EQ(m.rows[12].size, 1);  // Dec 2024
  EXPECT_EQ(m.rows[12].active, (std::vector<int64_t>{1, 0}));
}

TEST(CohortsTest, CustomersFirstBuyingAfterAsOfAreLeftOut) {
  const Snapshot s = BuildSnapshot({
      {.orders = {{D(2024, 5, 1), 1}}},
      {.orders = {{D(2024, 2, 1), 1}}},
  });
  const CohortMatrix m = ComputeCohorts(s, {.as_of = D(2024, 3, 31)});
  ASSERT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.rows[0].size, 1);
  EXPECT_EQ(m.rows[1].size, 0);
}

TEST(CohortsTest, NoOrdersGivesNoRows) {
  EXPECT_TRUE(ComputeCohorts(Snapshot{}, {}).rows.empty());
  const Snapshot s = BuildSnapshot({{.orders = {{D(2024, 5, 1), 1}}}});
  EXPECT_TRUE(ComputeCohorts(s, {.as_of = D(2024, 1, 1)}).rows.empty());
}

}  // namespace
}  // namespace retain::analytics
