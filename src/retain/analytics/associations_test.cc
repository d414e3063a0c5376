#include "retain/analytics/associations.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace retain::analytics {
namespace {

// Baskets as lists of SKUs, one customer each unless given.
Snapshot Baskets(const std::vector<std::vector<std::string>>& baskets) {
  SnapshotBuilder b;
  for (size_t i = 0; i < baskets.size(); ++i) b.AddCustomer(i + 1, "K" + std::to_string(i + 1));
  for (size_t i = 0; i < baskets.size(); ++i) {
    for (const auto& sku : baskets[i]) {
      b.AddLine(i + 1, i + 1, 100, sku, sku.substr(0, 1), 1);
    }
  }
  return b.Finish();
}

const AssociationRule* Find(const AssociationReport& r, const std::string& a,
                            const std::string& b) {
  for (const auto& rule : r.rules) {
    if (r.names[rule.antecedent] == a && r.names[rule.consequent] == b) return &rule;
  }
  return nullptr;
}

// Four baskets: {A1,B1}, {A1,B1,C1}, {A1}, {B1,C1} (a duplicate line counts once).
TEST(Associations, WorkedExample) {
  const Snapshot s = Baskets({{"A1", "B1", "B1"}, {"A1", "B1", "C1"}, {"A1"}, {"B1", "C1"}});
  AssociationOptions o;
  o.min_support = 0.5;
  o.min_confidence = 0.6;
  const auto r = FindAssociations(s, o);
  EXPECT_EQ(r.baskets, 4);
  const AssociationRule* ab = Find(r, "A1", "B1");
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(ab->baskets, 2);
  EXPECT_DOUBLE_EQ(ab->support, 0.5);
  EXPECT_DOUBLE_EQ(ab->confidence, 2.0 / 3);
  EXPECT_DOUBLE_EQ(ab->lift, (2.0 / 3) / 0.75);
  const AssociationRule* cb = Find(r, "C1", "B1");
  ASSERT_NE(cb, nullptr);
  EXPECT_DOUBLE_EQ(cb->confidence, 1.0);
  EXPECT_DOUBLE_EQ(cb->lift, 1 / 0.75);
  EXPECT_EQ(Find(r, "A1", "C1"), nullptr);    // support 1/4 < 0.5
  EXPECT_EQ(r.rules.front().lift, cb->lift);  // best lift first
  // Categories: A, B, C.
  o.by_category = true;
  const auto c = FindAssociations(s, o);
  EXPECT_NE(Find(c, "B", "C"), nullptr);
}

// Both ways of counting pairs (few frequent items: a triangular array; many:
// a hash map) against a brute-force count.
void CheckAgainstBruteForce(int products, int baskets, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> size(1, 8), pick(0, products - 1);
  std::vector<std::vector<std::string>> lists(baskets);
  std::map<std::string, int> single;
  std::map<std::pair<std::string, std::string>, int> both;
  for (auto& list : lists) {
    std::set<std::string> items;
    for (int k = size(rng); k > 0; --k) items.insert("P" + std::to_string(pick(rng)));
    list.assign(items.begin(), items.end());
    for (const auto& a : items) {
      ++single[a];
      for (const auto& b : items) {
        if (a != b) ++both[{a, b}];
      }
    }
  }
  const Snapshot s = Baskets(lists);
  AssociationOptions o;
  o.min_support = 0;
  o.min_confidence = 0;
  o.min_baskets = 2;
  const auto r = FindAssociations(s, o);
  size_t expected = 0;
  for (const auto& [ab, n] : both) {
    if (n < 2) continue;
    ++expected;
    const AssociationRule* rule = Find(r, ab.first, ab.second);
    ASSERT_NE(rule, nullptr) << ab.first << " -> " << ab.second;
    EXPECT_EQ(rule->baskets, n);
    EXPECT_DOUBLE_EQ(rule->confidence, static_cast<double>(n) / single[ab.first]);
  }
  EXPECT_EQ(r.rules.size(), expected);
}

TEST(Associations, MatchABruteForceCount) {
  CheckAgainstBruteForce(50, 3000, 1);     // triangular array
  CheckAgainstBruteForce(6000, 40000, 2);  // more than 4,096 frequent items: hash map
}

TEST(Recommendations, LeaveOutBoughtAndReturnedAndGiveTheReason) {
  // Customers 1-3 buy X with Y (and 1 also Z); customer 4 bought X and returned Y.
  SnapshotBuilder b;
  for (int c = 1; c <= 5; ++c) b.AddCustomer(c, "K" + std::to_string(c));
  for (int c = 1; c <= 3; ++c) {
    b.AddLine(c, c, 100, "X", "", 1);
    b.AddLine(c, c, 100, "Y", "", 1);
  }
  b.AddLine(1, 1, 100, "Z", "", 1);
  b.AddLine(3, 30, 101, "Z", "", 1);
  b.AddLine(4, 4, 100, "X", "", 1);
  b.AddReturn(4, 101, 500, "Y");
  b.AddLine(5, 5, 100, "X", "", 1);
  const Snapshot s = b.Finish();
  AssociationOptions o;
  o.min_support = 0;
  o.min_confidence = 0;
  o.min_baskets = 2;
  const auto r = FindAssociations(s, o);
  auto names = [&](size_t customer, size_t k) {
    std::vector<std::string> out;
    for (const auto& x : RecommendProducts(s, r, customer, 200, k)) {
      out.push_back(s.products[x.product] + (x.because_of ? "<" + s.products[x.because_of] : ""));
    }
    return out;
  };
  // X -> Y has confidence 3/5; Y and Z are then the popular fill.
  EXPECT_EQ(names(3, 3), std::vector<std::string>({"Z"}));  // K4: X bought, Y returned
  EXPECT_EQ(names(0, 3), std::vector<std::string>());       // bought everything
  // K2 bought X and Y; X and Y share a basket with Z only once (K3's Z is a
  // separate order), below two baskets: Z comes as a popular pick.
  EXPECT_EQ(names(1, 3), std::vector<std::string>({"Z"}));
  const auto five = RecommendProducts(s, r, 4, 200, 3);  // K5: X only
  ASSERT_EQ(five.size(), 2u);
  EXPECT_EQ(s.products[five[0].product], "Y");
  EXPECT_EQ(s.products[five[0].because_of], "X");
  EXPECT_DOUBLE_EQ(five[0].score, 3.0 / 5);
  EXPECT_EQ(s.products[five[1].product], "Z");
}

TEST(Recommendations, EvaluationCountsHitsOnTheHoldout) {
  // Before day 200 everybody buys X with Y; after it, customers 1-2 (who had
  // only X) buy Y, customer 3 (who had only X) buys W.
  SnapshotBuilder b;
  for (int c = 1; c <= 6; ++c) b.AddCustomer(c, "K" + std::to_string(c));
  for (int c = 4; c <= 6; ++c) {
    b.AddLine(c, c, 100, "X", "", 1);
    b.AddLine(c, c, 100, "Y", "", 1);
  }
  for (int c = 1; c <= 3; ++c) {
    b.AddLine(c, 10 + c, 100, "X", "", 1);
    b.AddLine(c, 20 + c, 250, c < 3 ? "Y" : "W", "", 1);
  }
  b.AddLine(4, 40, 120, "V", "", 1);  // V is popular only by count 1
  const Snapshot s = b.Finish();
  AssociationOptions o;
  o.min_support = 0;
  o.min_confidence = 0;
  o.min_baskets = 2;
  const auto e = EvaluateRecommendations(s, 200, 1, o);
  EXPECT_EQ(e.customers, 3);
  EXPECT_DOUBLE_EQ(e.hit_rate, 2.0 / 3);  // Y for 1 and 2
  // The most popular product they have not bought is Y as well (in 3 baskets).
  EXPECT_DOUBLE_EQ(e.popular_hit_rate, 2.0 / 3);
}

}  // namespace
}  // namespace retain::analytics
