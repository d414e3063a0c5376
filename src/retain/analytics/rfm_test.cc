#include "retain/analytics/rfm.h"

#include <gtest/gtest.h>

#include <array>

#include "retain/analytics/test_snapshot.h"

namespace retain::analytics {
namespace {

using testing::BuildSnapshot;
using testing::TestCustomer;

TEST(RfmTest, HandExampleFiveDistinctCustomers) {
  // as_of 100. Customer i has i+1 orders, the last on day 60 + 10*i, amount 100 per order
  // except customer 0 who spends the most.
  const Snapshot s = BuildSnapshot({
      {.orders = {{60, 9000}}},
      {.orders = {{10, 100}, {70, 100}}},
      {.orders = {{10, 100}, {20, 100}, {80, 100}}},
      {.orders = {{10, 100}, {20, 100}, {30, 100}, {90, 100}}},
      {.orders = {{10, 100}, {20, 100}, {30, 100}, {40, 100}, {100, 100}}},
  });
  const RfmReport rep = ComputeRfm(s, {.as_of = 100});
  ASSERT_EQ(rep.customers.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const RfmCustomer& c = rep.customers[i];
    EXPECT_EQ(c.customer, static_cast<size_t>(i));
    EXPECT_EQ(c.recency_days, 40 - 10 * i);
    EXPECT_EQ(c.frequency, i + 1);
    EXPECT_EQ(c.r, i + 1);
    EXPECT_EQ(c.f, i + 1);
  }
  EXPECT_EQ(rep.customers[0].monetary, 9000);
  EXPECT_EQ(rep.customers[0].m, 5);
  EXPECT_EQ(rep.customers[1].m, 1);  // 200
  EXPECT_EQ(rep.customers[4].m, 4);  // 500
  // Segments: R1F1 Hibernating, R2F2 Hibernating, R3F3 Need attention,
  // R4F4 Loyal, R5F5 Champions.
  const auto seg = [&](int i) { return rep.segments[rep.customers[i].segment].name; };
  EXPECT_EQ(seg(0), "Hibernating");
  EXPECT_EQ(seg(1), "Hibernating");
  EXPECT_EQ(seg(2), "Need attention");
  EXPECT_EQ(seg(3), "Loyal");
  EXPECT_EQ(seg(4), "Champions");
  EXPECT_EQ(rep.unsegmented, 0);

  ASSERT_EQ(rep.segments.size(), 10u);  // every rule listed, in map order
  EXPECT_EQ(rep.segments[0].name, "Champions");
  EXPECT_EQ(rep.segments[0].customers, 1);
  const RfmSegmentSummary& hib = rep.segments[9];
  EXPECT_EQ(hib.name, "Hibernating");
  EXPECT_EQ(hib.customers, 2);
  EXPECT_DOUBLE_EQ(hib.avg_recency_days, 35.0);
  EXPECT_DOUBLE_EQ(hib.avg_frequency, 1.5);
  EXPECT_DOUBLE_EQ(hib.avg_monetary, 4600.0);
  EXPECT_DOUBLE_EQ(hib.revenue_share, 9200.0 / 10400.0 * 100.0);
  EXPECT_EQ(rep.segments[2].customers, 0);  // Potential loyalists: empty but present
  EXPECT_DOUBLE_EQ(rep.segments[2].avg_monetary, 0.0);
}

TEST(RfmTest, TiesAreBrokenByCustomerIndex) {
  std::vector<TestCustomer> cs(5, TestCustomer{.orders = {{50, 100}}});
  const RfmReport rep = ComputeRfm(BuildSnapshot(cs), {.as_of = 50});
  ASSERT_EQ(rep.customers.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(rep.customers[i].r, i + 1);
    EXPECT_EQ(rep.customers[i].f, i + 1);
    EXPECT_EQ(rep.customers[i].m, i + 1);
  }
}

TEST(RfmTest, MostRecentGetsFive) {
  const Snapshot s = BuildSnapshot({{.orders = {{99, 1}}}, {.orders = {{10, 1}}}});
  const RfmReport rep = ComputeRfm(s, {.as_of = 100});
  // n = 2: ranks 0, 1 -> scores 1, 3.
  EXPECT_EQ(rep.customers[0].r, 3);
  EXPECT_EQ(rep.customers[1].r, 1);
}

std::array<int, 6> BucketSizes(int n, int RfmCustomer::*score) {
  std::vector<TestCustomer> cs;
  for (int i = 0; i < n; ++i) {
    TestCustomer c;
    for (int k = 0; k <= i % 4; ++k) c.orders.push_back({10 + (i * 7) % 30 + k, 100 + i % 3});
    cs.push_back(c);
  }
  const RfmReport rep = ComputeRfm(BuildSnapshot(cs), {.as_of = 100});
  std::array<int, 6> sizes{};
  for (const RfmCustomer& c : rep.customers) ++sizes[c.*score];
  return sizes;
}

TEST(RfmTest, BucketsAreEqualSizedForTenAndThirteen) {
  for (int n : {10, 13}) {
    for (int RfmCustomer::*score : {&RfmCustomer::r, &RfmCustomer::f, &RfmCustomer::m}) {
      const std::array<int, 6> sizes = BucketSizes(n, score);
      EXPECT_EQ(sizes[0], 0);
      for (int v = 1; v <= 5; ++v) {
        EXPECT_GE(sizes[v], n / 5) << "n=" << n << " score " << v;
        EXPECT_LE(sizes[v], (n + 4) / 5) << "n=" << n << " score " << v;
      }
    }
  }
}

TEST(RfmTest, OrdersAfterAsOfAreIgnored) {
  const Snapshot s = BuildSnapshot({
      {.orders = {{10, 100}, {20, 200}, {150, 5000}}},
      {.orders = {{120, 700}}},  // only later orders: not scored
      {},
      {.orders = {{50, 300}}},
  });
  const RfmReport rep = ComputeRfm(s, {.as_of = 100});
  ASSERT_EQ(rep.customers.size(), 2u);
  EXPECT_EQ(rep.customers[0].customer, 0u);
  EXPECT_EQ(rep.customers[0].frequency, 2);
  EXPECT_EQ(rep.customers[0].monetary, 300);
  EXPECT_EQ(rep.customers[0].recency_days, 80);
  EXPECT_EQ(rep.customers[1].customer, 3u);
  EXPECT_EQ(rep.customers[1].recency_days, 50);
}

TEST(RfmTest, EmptySnapshot) {
  const RfmReport rep = ComputeRfm(Snapshot{}, {.as_of = 100});
  EXPECT_TRUE(rep.customers.empty());
  EXPECT_EQ(rep.segments.size(), 10u);
  EXPECT_DOUBLE_EQ(rep.segments[0].revenue_share, 0.0);
}

TEST(RfmTest, DefaultMapCoversWholeGrid) {
  EXPECT_TRUE(UncoveredCells(DefaultSegmentMap()).empty());
  EXPECT_TRUE(ValidateSegmentMap(DefaultSegmentMap()).ok());
  // And each cell is matched by exactly one rule, so map order does not matter.
  const auto map = DefaultSegmentMap();
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      int hits = 0;
      for (const auto& rule : map) {
        hits += r >= rule.r_min && r <= rule.r_max && f >= rule.f_min && f <= rule.f_max;
      }
      EXPECT_EQ(hits, 1) << "R" << r << "F" << f;
    }
  }
}

TEST(RfmTest, FirstMatchingRuleWinsAndUnmatchedIsMinusOne) {
  std::vector<TestCustomer> cs(5, TestCustomer{.orders = {{50, 100}}});
  RfmOptions opts{.as_of = 50};
  opts.segment_map = {{"Top", 4, 5, 1, 5}, {"Also top", 5, 5, 5, 5}, {"Low", 1, 2, 1, 5}};
  const RfmReport rep = ComputeRfm(BuildSnapshot(cs), opts);
  EXPECT_EQ(rep.customers[4].segment, 0);  // R5F5 matches both; first wins
  EXPECT_EQ(rep.customers[3].segment, 0);
  EXPECT_EQ(rep.customers[2].segment, -1);  // R3: no rule
  EXPECT_EQ(rep.customers[0].segment, 2);
  EXPECT_EQ(rep.unsegmented, 1);
  EXPECT_EQ(rep.segments[1].customers, 0);
  EXPECT_DOUBLE_EQ(rep.segments[0].revenue_share, 40.0);
}

TEST(RfmTest, ParseSegmentMap) {
  const auto map = ParseSegmentMap(
      "name,r_min,r_max,f_min,f_max\n"
      "# comment\n"
      "\n"
      " Best , 4,5, 4 ,5\r\n"
      "Rest,1,5,1,5\n");
  ASSERT_TRUE(map.has_value()) << map.error().message();
  ASSERT_EQ(map->size(), 2u);
  EXPECT_EQ((*map)[0].name, "Best");
  EXPECT_EQ((*map)[0].r_min, 4);
  EXPECT_EQ((*map)[0].f_max, 5);
  EXPECT_TRUE(ValidateSegmentMap(*map).ok());
}

TEST(RfmTest, ParseSegmentMapErrorsNameTheLine) {
  auto e = ParseSegmentMap("A,1,5,1,5\nB,1,6,1,5\n");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(e.error().message(), "segment map line 2: r_max \"6\" is not a score 1..5");

  e = ParseSegmentMap("A,1,5,1\n");
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message().find("line 1: expected 5 fields"), std::string::npos);

  e = ParseSegmentMap("\nA,3,2,1,5");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message(), "segment map line 2: r_min is above r_max");

  e = ParseSegmentMap("A,1,5,x,5");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message(), "segment map line 1: f_min \"x\" is not a score 1..5");

  e = ParseSegmentMap(",1,5,1,5");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message(), "segment map line 1: empty segment name");

  e = ParseSegmentMap("# nothing\n");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message(), "segment map has no rules");
}

TEST(RfmTest, ValidationReportsUncoveredCells) {
  const std::vector<RfmSegmentRule> map = {
      {"Most", 1, 5, 1, 2}, {"More", 3, 5, 3, 5}, {"Edge", 1, 2, 4, 5}};
  const std::vector<RfmCell> cells = UncoveredCells(map);
  EXPECT_EQ(cells, (std::vector<RfmCell>{{1, 3}, {2, 3}}));
  const core::Status st = ValidateSegmentMap(map);
  EXPECT_EQ(st.code(), core::Code::kInvalidArgument);
  EXPECT_EQ(st.message(), "segment map leaves 2 cells uncovered: R1F3, R2F3");
}

}  // namespace
}  // namespace retain::analytics
