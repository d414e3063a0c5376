// Association rules and next-best-product recommendations over the current
// data (see analytics/associations.h).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "retain/analytics/associations.h"
#include "retain/app/analytics_session.h"

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

// Up to k products for one customer (NotFound for an unknown id).
core::Result<std::vector<analytics::Recommendation>> RecommendForCustomer(
    const AnalyticsSession& session, const analytics::AssociationReport& rules,
    const std::string& customer_id, core::Day as_of, size_t k);

}  // namespace retain::app
