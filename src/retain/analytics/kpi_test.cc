#include "retain/analytics/kpi.h"

#include <gtest/gtest.h>

#include "retain/analytics/test_snapshot.h"

namespace retain::analytics {
namespace {

using testing::BuildSnapshot;
using testing::TestCustomer;

// The article's example on real rows: S = 1000, E = 1100, N = 500 -> 60 %.
TEST(KpiTest, ArticleWorkedExampleRetentionIs60) {
  const core::Day f = core::DayFromCivil(2024, 1, 1);
  std::vector<TestCustomer> cs;
  for (int i = 0; i < 1000; ++i) {
    TestCustomer c{.orders = {{f - 10, 5000}}};
    if (i < 600) c.orders.push_back({f + 30, 4000});  // comes back in the period
    cs.push_back(c);
  }
  for (int i = 0; i < 500; ++i) cs.push_back({.orders = {{f + 45, 3000}}});  // new
  for (int i = 0; i < 50; ++i) cs.push_back({.orders = {{f - 200, 100}}});   // long gone
  cs.push_back({});                                                          // never bought
  const Snapshot s = BuildSnapshot(cs);

  const KpiReport r = ComputeKpis(s, {.from = f, .to = f + 89, .window_days = 90});
  EXPECT_EQ(r.customers_start, 1000);
  EXPECT_EQ(r.customers_end, 1100);
  EXPECT_EQ(r.new_customers, 500);
  EXPECT_TRUE(r.retention_defined);
  EXPECT_DOUBLE_EQ(r.retention_rate, 60.0);
  EXPECT_DOUBLE_EQ(r.churn_rate, 40.0);
  EXPECT_EQ(r.active_customers, 1100);
  EXPECT_EQ(r.orders, 1100);
  EXPECT_EQ(r.revenue, 600 * 4000 + 500 * 3000);
  EXPECT_EQ(r.existing_customers, 600);
  EXPECT_EQ(r.existing_revenue, 600 * 4000);
}

// Period 100..109, window 30, see the comments for who counts where.
Snapshot SmallSnapshot() {
  return BuildSnapshot({
      {.orders = {{80, 1000}, {101, 2000}, {105, 3000}}, .returns = {{106, 500}}},  // A
      {.orders = {{103, 4000}}},                                                    // B new
      {.orders = {{90, 500}}},                           // C counted, inactive
      {.orders = {{50, 700}, {108, 1000}, {108, 300}}},  // D
      {.orders = {{120, 9999}}},                         // E after the period
      {.returns = {{104, 200}, {99, 50}, {110, 70}}},    // F returns only
  });
}

TEST(KpiTest, SmallHandComputedCase) {
  const KpiReport r = ComputeKpis(SmallSnapshot(), {.from = 100, .to = 109, .window_days = 30});
  // Counted at 99 (70..99): A, C. Counted at 109 (80..109): A, B, C, D. New: B.
  EXPECT_EQ(r.customers_start, 2);
  EXPECT_EQ(r.customers_end, 4);
  EXPECT_EQ(r.new_customers, 1);
  EXPECT_DOUBLE_EQ(r.retention_rate, 150.0);
  EXPECT_DOUBLE_EQ(r.churn_rate, 0.0);
  // Active: A (2 orders, 5000), B (1, 4000), D (2, 1300).
  EXPECT_EQ(r.active_customers, 3);
  EXPECT_EQ(r.orders, 5);
  EXPECT_EQ(r.revenue, 10300);
  EXPECT_DOUBLE_EQ(r.repeat_purchase_rate, 200.0 / 3.0);  // A and D
  EXPECT_DOUBLE_EQ(r.purchase_frequency, 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.average_order_value, 2060.0);
  EXPECT_DOUBLE_EQ(r.revenue_per_customer, 10300.0 / 3.0);
  // Existing: A and D (3 orders each, counted at 109); C has one order.
  EXPECT_EQ(r.existing_customers, 2);
  EXPECT_EQ(r.existing_revenue, 2000 + 3000 + 1000 + 300);
  EXPECT_DOUBLE_EQ(r.existing_revenue_share, 6300.0 / 10300.0 * 100.0);
  // Returns in 100..109: 500 (A) + 200 (F).
  EXPECT_EQ(r.returns, 700);
  EXPECT_DOUBLE_EQ(r.return_rate, 700.0 / 10300.0 * 100.0);
  // Top ceil(0.6) = 1 customer: A.
  EXPECT_DOUBLE_EQ(r.top20_revenue_share, 5000.0 / 10300.0 * 100.0);
  // Lorenz over 1300, 4000, 5000.
  EXPECT_DOUBLE_EQ(r.lorenz[0].customer_share, 0.0);
  EXPECT_DOUBLE_EQ(r.lorenz[0].revenue_share, 0.0);
  EXPECT_DOUBLE_EQ(r.lorenz[5].customer_share, 25.0);
  EXPECT_NEAR(r.lorenz[5].revenue_share, 975.0 / 10300.0 * 100.0, 1e-9);
  EXPECT_NEAR(r.lorenz[10].revenue_share, 3300.0 / 10300.0 * 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.lorenz[20].customer_share, 100.0);
  EXPECT_DOUBLE_EQ(r.lorenz[20].revenue_share, 100.0);
  EXPECT_NEAR(r.gini, 7400.0 / 30900.0, 1e-12);
  EXPECT_EQ(r.budget.band, BudgetBand::kUpTo5PerWeek);
  EXPECT_DOUBLE_EQ(r.budget.sales_per_day, 0.5);
}

TEST(KpiTest, ExistingMinOrdersThree) {
  const KpiReport r = ComputeKpis(
      SmallSnapshot(), {.from = 100, .to = 109, .window_days = 30, .existing_min_orders = 3});
  EXPECT_EQ(r.existing_customers, 2);
  EXPECT_EQ(r.existing_revenue, 3000 + 300);  // third orders of A and D
}

TEST(KpiTest, ChurnCountsStartCustomersMissingAtEnd) {
  // Window 10: counted at 99 is 90..99 (C); counted at 109 is 100..109 (A, B, D).
  const KpiReport r = ComputeKpis(SmallSnapshot(), {.from = 100, .to = 109, .window_days = 10});
  EXPECT_EQ(r.customers_start, 1);
  EXPECT_EQ(r.customers_end, 3);
  EXPECT_DOUBLE_EQ(r.churn_rate, 100.0);
  EXPECT_DOUBLE_EQ(r.retention_rate, 200.0);
  EXPECT_EQ(r.existing_customers, 2);
}

TEST(KpiTest, EmptySnapshot) {
  const KpiReport r = ComputeKpis(Snapshot{}, {.from = 0, .to = 30});
  EXPECT_EQ(r.customers_start, 0);
  EXPECT_FALSE(r.retention_defined);
  EXPECT_DOUBLE_EQ(r.retention_rate, 0.0);
  EXPECT_EQ(r.active_customers, 0);
  EXPECT_DOUBLE_EQ(r.average_order_value, 0.0);
  EXPECT_DOUBLE_EQ(r.top20_revenue_share, 0.0);
  EXPECT_DOUBLE_EQ(r.gini, 0.0);
  EXPECT_DOUBLE_EQ(r.lorenz[10].revenue_share, 50.0);  // line of equality
  EXPECT_EQ(r.budget.band, BudgetBand::kUpTo5PerWeek);
}

TEST(KpiTest, NoStartCustomersLeavesRetentionUndefined) {
  const Snapshot s = BuildSnapshot({{.orders = {{100, 10}}}, {.orders = {{105, 20}}}});
  const KpiReport r = ComputeKpis(s, {.from = 100, .to = 110});
  EXPECT_EQ(r.customers_start, 0);
  EXPECT_EQ(r.customers_end, 2);
  EXPECT_EQ(r.new_customers, 2);
  EXPECT_FALSE(r.retention_defined);
  EXPECT_DOUBLE_EQ(r.retention_rate, 0.0);
  EXPECT_DOUBLE_EQ(r.churn_rate, 0.0);
  EXPECT_DOUBLE_EQ(r.repeat_purchase_rate, 0.0);
}

TEST(KpiTest, PeriodWithoutOrders) {
  // Counted at 114 (85..114) and at 118 (89..118): A, B, C, D; E buys at 120.
  const KpiReport r = ComputeKpis(SmallSnapshot(), {.from = 115, .to = 118, .window_days = 30});
  EXPECT_EQ(r.customers_start, 4);
  EXPECT_EQ(r.customers_end, 4);
  EXPECT_EQ(r.new_customers, 0);
  EXPECT_DOUBLE_EQ(r.retention_rate, 100.0);
  EXPECT_EQ(r.existing_customers, 2);
  EXPECT_EQ(r.active_customers, 0);
  EXPECT_EQ(r.orders, 0);
  EXPECT_EQ(r.revenue, 0);
  EXPECT_DOUBLE_EQ(r.purchase_frequency, 0.0);
  EXPECT_DOUBLE_EQ(r.average_order_value, 0.0);
  EXPECT_DOUBLE_EQ(r.return_rate, 0.0);
  EXPECT_DOUBLE_EQ(r.existing_revenue_share, 0.0);
  EXPECT_DOUBLE_EQ(r.budget.sales_per_day, 0.0);
}

TEST(KpiTest, ReversedPeriodIsEmpty) {
  const KpiReport r = ComputeKpis(SmallSnapshot(), {.from = 110, .to = 100, .window_days = 30});
  EXPECT_EQ(r.new_customers, 0);
  EXPECT_EQ(r.active_customers, 0);
  EXPECT_EQ(r.returns, 0);
  EXPECT_DOUBLE_EQ(r.budget.sales_per_day, 0.0);
}

TEST(KpiTest, TopTwentyAndGiniOnTenCustomers) {
  std::vector<TestCustomer> cs;
  for (int i = 1; i <= 10; ++i) cs.push_back({.orders = {{10, i * 100}}});
  const KpiReport r = ComputeKpis(BuildSnapshot(cs), {.from = 0, .to = 20});
  // Top 2: 1000 + 900 of 5500.
  EXPECT_DOUBLE_EQ(r.top20_revenue_share, 1900.0 / 5500.0 * 100.0);
  // 20 % poorest = 100 + 200.
  EXPECT_NEAR(r.lorenz[4].revenue_share, 300.0 / 5500.0 * 100.0, 1e-9);
  // Gini of 1..10: 2*sum(i*i)/(n*sum i) - (n+1)/n = 770/550 - 1.1 = 0.3.
  EXPECT_NEAR(r.gini, 0.3, 1e-12);
}

TEST(KpiTest, EqualRevenuesGiveZeroGini) {
  std::vector<TestCustomer> cs(7, TestCustomer{.orders = {{10, 100}}});
  const KpiReport r = ComputeKpis(BuildSnapshot(cs), {.from = 0, .to = 20});
  EXPECT_NEAR(r.gini, 0.0, 1e-12);
  for (int j = 0; j <= 20; ++j) EXPECT_NEAR(r.lorenz[j].revenue_share, j * 5.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.top20_revenue_share, 200.0 / 700.0 * 100.0);  // ceil(1.4) = 2
}

TEST(KpiTest, BudgetBandBoundaries) {
  EXPECT_EQ(AdviseBudget(5, 7).band, BudgetBand::kUpTo5PerWeek);  // exactly 5 a week
  EXPECT_EQ(AdviseBudget(5, 7).acquisition_percent, 85);
  EXPECT_EQ(AdviseBudget(5, 7).retention_percent, 15);
  EXPECT_EQ(AdviseBudget(6, 7).band, BudgetBand::kAbout1PerDay);
  EXPECT_EQ(AdviseBudget(1, 1).band, BudgetBand::kAbout1PerDay);
  EXPECT_EQ(AdviseBudget(316, 100).band, BudgetBand::kAbout1PerDay);  // 3.16 < sqrt(10)
  EXPECT_EQ(AdviseBudget(316, 100).retention_percent, 30);
  EXPECT_EQ(AdviseBudget(317, 100).band, BudgetBand::kAbout10PerDay);  // 3.17 > sqrt(10)
  EXPECT_EQ(AdviseBudget(10, 1).band, BudgetBand::kAbout10PerDay);
  EXPECT_EQ(AdviseBudget(10, 1).acquisition_percent, 50);
  EXPECT_EQ(AdviseBudget(1001, 100).band, BudgetBand::kMoreThan10PerDay);
  EXPECT_EQ(AdviseBudget(11, 1).acquisition_percent, 40);
  EXPECT_EQ(AdviseBudget(11, 1).retention_percent, 60);
  EXPECT_EQ(AdviseBudget(0, 30).band, BudgetBand::kUpTo5PerWeek);
  EXPECT_EQ(AdviseBudget(10, 0).band, BudgetBand::kUpTo5PerWeek);
  EXPECT_STREQ(BudgetBandName(BudgetBand::kAbout10PerDay), "about_10_per_day");
}

TEST(KpiTest, BudgetFromPeriodOrders) {
  std::vector<TestCustomer> cs(30, TestCustomer{.orders = {{5, 1}}});  // 30 orders in 10 days
  const KpiReport r = ComputeKpis(BuildSnapshot(cs), {.from = 0, .to = 9});
  EXPECT_DOUBLE_EQ(r.budget.sales_per_day, 3.0);
  EXPECT_EQ(r.budget.band, BudgetBand::kAbout1PerDay);
}

TEST(KpiTest, ClassifyNewExisting) {
  EXPECT_EQ(ClassifyNewExisting(0, 2), CustomerTenure::kProspect);
  EXPECT_EQ(ClassifyNewExisting(1, 2), CustomerTenure::kNew);
  EXPECT_EQ(ClassifyNewExisting(2, 2), CustomerTenure::kExisting);
  EXPECT_EQ(ClassifyNewExisting(2, 3), CustomerTenure::kNew);
  EXPECT_EQ(ClassifyNewExisting(1, 0), CustomerTenure::kExisting);
}

}  // namespace
}  // namespace retain::analytics
