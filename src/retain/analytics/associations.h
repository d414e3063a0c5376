// Item-to-item association rules from order baskets: "who buys A also buys
// B", with support, confidence and lift; and next-best-product
// recommendations built on them.
//
//   AssociationOptions o;  o.min_support = 0.01;  o.min_confidence = 0.2;
//   AssociationReport r = FindAssociations(snapshot, o);
//   for (const auto& rule : r.rules) Use(r.names[rule.antecedent], rule.lift);
//
// A basket is one order's distinct products (or categories). For a rule
// A -> B over N baskets: support = baskets with A and B / N, confidence =
// baskets with A and B / baskets with A, lift = confidence / (baskets with B / N).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "retain/analytics/snapshot.h"

namespace retain::analytics {

struct AssociationOptions {
  bool by_category = false;   // categories instead of products
  double min_support = 0.01;  // of all baskets, 0..1
  double min_confidence = 0.1;
  int64_t min_baskets = 1;  // also at least this many baskets with A and B
  // Sort `rules` by lift (for reports); recommendations need only the index.
  bool sort_rules = true;
  // Only baskets ordered in [from, to].
  core::Day from = std::numeric_limits<core::Day>::min();
  core::Day to = std::numeric_limits<core::Day>::max();
};

struct AssociationRule {
  uint32_t antecedent = 0, consequent = 0;  // indices into the report's names
  int64_t baskets = 0;                      // with both
  double support = 0, confidence = 0, lift = 0;
};

struct AssociationReport {
  int64_t baskets = 0;                // baskets considered (with at least one item)
  std::vector<int64_t> item_baskets;  // per item: baskets containing it
  std::vector<std::string> names;     // per item: SKU or category (the snapshot's)
  // By lift, then confidence, then baskets (descending) when sort_rules.
  std::vector<AssociationRule> rules;
  // The rules of antecedent a are rules[by_antecedent[k]] for k in
  // [antecedent_offsets[a], antecedent_offsets[a + 1]), by confidence (descending),
  // then consequent.
  std::vector<int64_t> antecedent_offsets;
  std::vector<uint32_t> by_antecedent;
  std::vector<uint32_t> popular;  // items by baskets (descending), then index
};

// Every rule A -> B (A != B) meeting the thresholds. Pairs are counted only
// among items that meet min_support on their own (no rule can involve
// another), in parallel over baskets.
AssociationReport FindAssociations(const Snapshot& s, const AssociationOptions& options);

// A recommended product with the reason for it.
struct Recommendation {
  uint32_t product = 0;
  double score = 0;         // confidence of the rule that suggested it; 0 for popular picks
  uint32_t because_of = 0;  // the customer's product behind it; 0 for a popular pick
};

// Next-best products for one customer from product rules (`rules`, built
// with by_category false): for each product not yet bought or returned (up to
// and including `as_of`), the best confidence over rules from a product the
// customer bought; the rest of the k filled with the most popular products
// they have not bought. Deterministic (ties by product index).
std::vector<Recommendation> RecommendProducts(const Snapshot& s, const AssociationReport& rules,
                                              size_t customer, core::Day as_of, size_t k);

// RecommendProducts for every customer with a purchase up to as_of (others
// get none), in parallel.
std::vector<std::vector<Recommendation>> RecommendForAll(const Snapshot& s,
                                                         const AssociationReport& rules,
                                                         core::Day as_of, size_t k);

// Hit rate at k on held-out orders: rules and popularity from baskets before
// `holdout_from`; for every customer with an order before and one on or after
// it, whether any of their k recommendations (as of the day before) is bought
// in the holdout. Compared with recommending the k most popular products.
struct RecommendationEvaluation {
  int64_t customers = 0;  // evaluated customers
  size_t k = 0;
  double hit_rate = 0, popular_hit_rate = 0;  // 0..1
};

RecommendationEvaluation EvaluateRecommendations(const Snapshot& s, core::Day holdout_from,
                                                 size_t k, const AssociationOptions& options);

}  // namespace retain::analytics
