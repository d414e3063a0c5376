// The `cohorts` report as JSON, shared by the CLI and the API.
#pragma once

#include <nlohmann/json.hpp>

#include "retain/analytics/cohorts.h"

namespace retain::app {

// {"last_month": "YYYY-MM", "cohorts": [{cohort, customers, active, percent[]}]};
// percentages rounded to two decimals.
nlohmann::ordered_json CohortJson(const analytics::CohortMatrix& m);

}  // namespace retain::app
