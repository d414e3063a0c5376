#include "retain/app/recommendations.h"

#include <algorithm>

namespace retain::app {

analytics::AssociationReport RecommendationRules(const analytics::Snapshot& s, core::Day as_of) {
  analytics::AssociationOptions o;
  o.min_support = 0;
  o.min_confidence = 0;
  o.min_baskets = 2;
  o.sort_rules = false;
  o.to = as_of;
  return analytics::FindAssociations(s, o);
}

core::Result<std::vector<analytics::Recommendation>> RecommendForCustomer(
    const AnalyticsSession& session, const analytics::AssociationReport& rules,
    const std::string& customer_id, core::Day as_of, size_t k) {
  const auto& ids = session.snapshot.customer_ids;
  const auto it = std::find(ids.begin(), ids.end(), customer_id);
  if (it == ids.end()) {
    return core::Err(core::NotFound("no customer with id '" + customer_id + "'"));
  }
  return analytics::RecommendProducts(session.snapshot, rules,
                                      static_cast<size_t>(it - ids.begin()), as_of, k);
}

}  // namespace retain::app
