#include "retain/app/cohort_report.h"

#include <cmath>

namespace retain::app {

nlohmann::ordered_json CohortJson(const analytics::CohortMatrix& m) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& r : m.rows) {
    nlohmann::ordered_json pct = nlohmann::ordered_json::array();
    for (double p : r.percent) pct.push_back(std::round(p * 100) / 100);
    rows.push_back({{"cohort", core::FormatMonthIndex(r.month)},
                    {"customers", r.size},
                    {"active", r.active},
                    {"percent", pct}});
  }
  return {{"last_month", m.last_month >= m.first_month ? core::FormatMonthIndex(m.last_month) : ""},
          {"cohorts", rows}};
}

}  // namespace retain::app
