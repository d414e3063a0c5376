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
    const analytics::Snapshot& snapshot, const analytics::AssociationReport& rules,
    const std::string& customer_id, core::Day as_of, size_t k) {
  const auto& ids = snapshot.customer_ids;
  const auto it = std::find(ids.begin(), ids.end(), customer_id);
  if (it == ids.end()) {
    return core::Err(core::NotFound("no customer with id '" + customer_id + "'"));
  }
  return analytics::RecommendProducts(snapshot, rules, static_cast<size_t>(it - ids.begin()), as_of,
                                      k);
}

core::Result<analytics::AssociationReport> FindAssociationRules(const analytics::Snapshot& snapshot,
                                                                const AssociationRequest& request) {
  if (request.level != "product" && request.level != "category") {
    return core::Err(
        core::InvalidArgument("level must be product or category, not '" + request.level + "'"));
  }
  if (!(request.min_support >= 0 && request.min_support <= 1)) {
    return core::Err(core::InvalidArgument("min_support must be from 0 to 1"));
  }
  if (!(request.min_confidence >= 0 && request.min_confidence <= 1)) {
    return core::Err(core::InvalidArgument("min_confidence must be from 0 to 1"));
  }
  analytics::AssociationOptions o;
  o.by_category = request.level == "category";
  o.min_support = request.min_support;
  o.min_confidence = request.min_confidence;
  if (request.as_of) o.to = *request.as_of;
  return analytics::FindAssociations(snapshot, o);
}

nlohmann::ordered_json AssociationsJson(const analytics::AssociationReport& r,
                                        const AssociationRequest& request) {
  const size_t shown = std::min(r.rules.size(), request.top);
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (size_t i = 0; i < shown; ++i) {
    const auto& x = r.rules[i];
    rules.push_back({{"if", r.names[x.antecedent]},
                     {"then", r.names[x.consequent]},
                     {"baskets", x.baskets},
                     {"support", x.support},
                     {"confidence", x.confidence},
                     {"lift", x.lift}});
  }
  return {{"level", request.level},
          {"baskets", r.baskets},
          {"min_support", request.min_support},
          {"min_confidence", request.min_confidence},
          {"rules_found", r.rules.size()},
          {"rules", rules}};
}

core::Result<CustomerRecommendations> LoadCustomerRecommendations(
    storage::Store& store, const analytics::Snapshot& snapshot, const std::string& customer_id,
    std::optional<core::Day> as_of, size_t k) {
  CustomerRecommendations out;
  out.customer_id = customer_id;
  out.as_of = as_of.value_or(snapshot.LastOrderDay());
  out.rules = RecommendationRules(snapshot, out.as_of);
  auto items = RecommendForCustomer(snapshot, out.rules, customer_id, out.as_of, k);
  if (!items) return core::Err(items.error());
  out.items = std::move(*items);
  std::vector<std::string> skus;
  for (const auto& r : out.items) {
    skus.push_back(out.rules.names[r.product]);
    if (r.because_of) skus.push_back(out.rules.names[r.because_of]);
  }
  auto names = store.ProductNames(skus);
  if (!names) return core::Err(names.error());
  out.names = std::move(*names);
  return out;
}

nlohmann::ordered_json CustomerRecommendationsJson(const CustomerRecommendations& r) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& x : r.items) {
    const std::string& sku = r.rules.names[x.product];
    auto name = r.names.find(sku);
    items.push_back(
        {{"sku", sku},
         {"name", name == r.names.end() ? nlohmann::ordered_json(nullptr)
                                        : nlohmann::ordered_json(name->second)},
         {"confidence", x.score},
         {"because_of", x.because_of ? nlohmann::ordered_json(r.rules.names[x.because_of])
                                     : nlohmann::ordered_json(nullptr)},
         {"reason", x.because_of ? "bought together" : "popular"}});
  }
  return {{"customer_id", r.customer_id},
          {"as_of", core::FormatDay(r.as_of)},
          {"recommendations", items}};
}

}  // namespace retain::app
