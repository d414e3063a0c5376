#include "retain/app/recommendations.h"

#include <fmt/format.h>
#include <algorithm>
#include <string>

#include "retain/synth/csv_out.h"

namespace retain::app {

analytics::AssociationOptions RecommendationOptions() {
  analytics::AssociationOptions o;
  o.min_support = 0;
  o.min_confidence = 0;
  o.min_baskets = 2;
  o.sort_rules = false;
  return o;
}

analytics::AssociationReport RecommendationRules(const analytics::Snapshot& s, core::Day as_of) {
  analytics::AssociationOptions o = RecommendationOptions();
  o.to = as_of;
  return analytics::FindAssociations(s, o);
}

core::Result<int64_t> WriteRecommendationsCsv(
    std::ostream& out, const analytics::Snapshot& s, const analytics::AssociationReport& rules,
    const std::vector<std::vector<analytics::Recommendation>>& all) {
  std::string line;
  int64_t customers = 0;
  out << "customer_id,rank,sku,confidence,because_of\n";
  for (size_t c = 0; c < all.size(); ++c) {
    customers += !all[c].empty();
    for (size_t i = 0; i < all[c].size(); ++i) {
      const auto& r = all[c][i];
      line.clear();
      synth::AppendCsvField(line, s.customer_ids[c]);
      line += ',' + std::to_string(i + 1) + ',';
      synth::AppendCsvField(line, rules.names[r.product]);
      line += ',' + fmt::format("{:.6g}", r.score) + ',';
      if (r.because_of) synth::AppendCsvField(line, rules.names[r.because_of]);
      out << line << '\n';
    }
  }
  if (!out) return core::Err(core::IoError("writing the recommendations failed"));
  return customers;
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
