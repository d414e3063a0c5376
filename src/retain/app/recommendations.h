// Association rules and next-best-product recommendations over the current
// data (see analytics/associations.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/associations.h"
#include "retain/app/analytics_session.h"

namespace retain::app {

// The rules behind recommendations: every product pair bought together in at
// least two baskets (no support or confidence threshold), up to as_of.
analytics::AssociationReport RecommendationRules(const analytics::Snapshot& s, core::Day as_of);

// Up to k products for one customer (NotFound for an unknown id).
core::Result<std::vector<analytics::Recommendation>> RecommendForCustomer(
    const AnalyticsSession& session, const analytics::AssociationReport& rules,
    const std::string& customer_id, core::Day as_of, size_t k);

}  // namespace retain::app
