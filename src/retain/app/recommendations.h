// Association rules and next-best-product recommendations over the current
// data (see analytics/associations.h).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "retain/analytics/associations.h"
#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

namespace retain::app {

// The thresholds of the rules behind recommendations: every product pair
// bought together in at least two baskets (no support or confidence minimum).
analytics::AssociationOptions RecommendationOptions();

// Those rules over the baskets up to as_of.
analytics::AssociationReport RecommendationRules(const analytics::Snapshot& s, core::Day as_of);

// Writes every customer's recommendations (RecommendForAll's result) as CSV:
// customer_id,rank,sku,confidence,because_of. Returns how many customers got any.
core::Result<int64_t> WriteRecommendationsCsv(
    std::ostream& out, const analytics::Snapshot& s, const analytics::AssociationReport& rules,
    const std::vector<std::vector<analytics::Recommendation>>& all);

// Up to k products for one customer of the snapshot (NotFound for an unknown id).
core::Result<std::vector<analytics::Recommendation>> RecommendForCustomer(
    const analytics::Snapshot& snapshot, const analytics::AssociationReport& rules,
    const std::string& customer_id, core::Day as_of, size_t k);

// The `associations` use case: item-to-item rules, best lift first.
struct AssociationRequest {
  std::string level = "product";   // "product" | "category"
  double min_support = 0.01;       // share of baskets with both, 0..1
  double min_confidence = 0.1;     // share of baskets with A that also hold B, 0..1
  size_t top = 20;                 // rules listed (all are counted)
  std::optional<core::Day> as_of;  // only baskets up to this day (default: all)
};

// The rules of the snapshot's baskets; kInvalidArgument for an unknown level
// or a threshold outside 0..1.
core::Result<analytics::AssociationReport> FindAssociationRules(const analytics::Snapshot& snapshot,
                                                                const AssociationRequest& request);

// {"level","baskets","min_support","min_confidence","rules_found",
//  "rules":[{"if","then","baskets","support","confidence","lift"}]} with the
// top request.top rules (the keys of `retain associations --json`).
nlohmann::ordered_json AssociationsJson(const analytics::AssociationReport& report,
                                        const AssociationRequest& request);

// Next best products for one customer, with the products' names.
struct CustomerRecommendations {
  std::string customer_id;
  core::Day as_of = 0;
  analytics::AssociationReport rules;
  std::vector<analytics::Recommendation> items;
  std::map<std::string, std::string> names;  // sku -> product name, where the store has one
};

// Up to k products for `customer_id` as of `as_of` (default: the latest
// order day), from rules over the baskets up to then. kNotFound for an
// unknown customer.
core::Result<CustomerRecommendations> LoadCustomerRecommendations(
    storage::Store& store, const analytics::Snapshot& snapshot, const std::string& customer_id,
    std::optional<core::Day> as_of, size_t k);

// {"customer_id","as_of","recommendations":[{"sku","name","confidence",
// "because_of","reason"}]} (the keys of `retain recommend ID --json`).
nlohmann::ordered_json CustomerRecommendationsJson(const CustomerRecommendations& r);

}  // namespace retain::app
