#include "retain/app/rfm_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace retain::app {

core::Result<RfmResult> RunRfm(const analytics::Snapshot& snapshot, const RfmRequest& request) {
  RfmResult r;
  r.options.as_of = request.as_of.value_or(snapshot.orders() > 0 ? snapshot.LastOrderDay() : 0);
  if (!request.segment_map_path.empty()) {
    std::ifstream in(request.segment_map_path);
    if (!in) {
      return core::Err(core::NotFound(request.segment_map_path + ": cannot read the segment map"));
    }
    std::stringstream text;
    text << in.rdbuf();
    auto map = analytics::ParseSegmentMap(text.str());
    if (!map) return core::Err(map.error().WithPrefix(request.segment_map_path));
    r.options.segment_map = std::move(*map);
  }
  r.report = analytics::ComputeRfm(snapshot, r.options);
  return r;
}

const analytics::RfmCustomer* FindRfmCustomer(const RfmResult& r, size_t customer_index) {
  const auto& v = r.report.customers;
  auto it =
      std::lower_bound(v.begin(), v.end(), customer_index,
                       [](const analytics::RfmCustomer& c, size_t i) { return c.customer < i; });
  return it != v.end() && it->customer == customer_index ? &*it : nullptr;
}

nlohmann::ordered_json RfmGridJson(const RfmResult& r) {
  int64_t customers[5][5] = {}, revenue[5][5] = {};
  for (const auto& c : r.report.customers) {
    ++customers[c.r - 1][c.f - 1];
    revenue[c.r - 1][c.f - 1] += c.monetary;
  }
  nlohmann::ordered_json grid = nlohmann::ordered_json::array();
  for (int rs = 1; rs <= 5; ++rs) {
    for (int fs = 1; fs <= 5; ++fs) {
      nlohmann::ordered_json segment = nullptr;
      for (const auto& rule : r.options.segment_map) {
        if (rs >= rule.r_min && rs <= rule.r_max && fs >= rule.f_min && fs <= rule.f_max) {
          segment = rule.name;
          break;
        }
      }
      grid.push_back({{"r", rs},
                      {"f", fs},
                      {"customers", customers[rs - 1][fs - 1]},
                      {"revenue", revenue[rs - 1][fs - 1]},
                      {"segment", segment}});
    }
  }
  return grid;
}

nlohmann::ordered_json RfmJson(const RfmResult& r) {
  nlohmann::ordered_json segments = nlohmann::ordered_json::array();
  for (const auto& s : r.report.segments) {
    segments.push_back({{"name", s.name},
                        {"customers", s.customers},
                        {"revenue_share", std::round(s.revenue_share * 100) / 100},
                        {"avg_recency_days", std::round(s.avg_recency_days * 10) / 10},
                        {"avg_frequency", std::round(s.avg_frequency * 100) / 100},
                        {"avg_monetary", std::llround(s.avg_monetary)}});
  }
  return {{"as_of", core::FormatDay(r.options.as_of)},
          {"customers", static_cast<int64_t>(r.report.customers.size())},
          {"unsegmented", r.report.unsegmented},
          {"segments", segments},
          {"grid", RfmGridJson(r)},
          {"amounts", "minor units (cents)"}};
}

nlohmann::ordered_json RfmCustomerJson(const RfmResult& r, const analytics::RfmCustomer& c,
                                       const std::string& external_id) {
  const std::string segment =
      c.segment >= 0 ? r.options.segment_map[static_cast<size_t>(c.segment)].name : "";
  return {{"customer_id", external_id},
          {"as_of", core::FormatDay(r.options.as_of)},
          {"recency_days", c.recency_days},
          {"frequency", c.frequency},
          {"monetary", c.monetary},
          {"r", c.r},
          {"f", c.f},
          {"m", c.m},
          {"segment", segment}};
}

const char* SegmentNameDe(const std::string& name) {
  static const std::map<std::string, const char*> de = {
      {"Champions", "Champions"},
      {"Loyal", "Treue Kunden"},
      {"Potential loyalists", "Potenziell treu"},
      {"New", "Neu"},
      {"Promising", "Vielversprechend"},
      {"Need attention", "Brauchen Aufmerksamkeit"},
      {"About to sleep", "Drohen einzuschlafen"},
      {"At risk", "Gefährdet"},
      {"Can't lose them", "Nicht verlieren"},
      {"Hibernating", "Schlafend"},
  };
  auto it = de.find(name);
  return it == de.end() ? name.c_str() : it->second;
}

}  // namespace retain::app
