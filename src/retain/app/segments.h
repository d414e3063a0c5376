// Segments: which customers a rule (see analytics/segment_rule.h) selects,
// evaluated against the current data every time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/customer_table.h"
#include "retain/app/analytics_session.h"

namespace retain::app {

// Every customer's figures for rules as of a day: those of
// analytics/customer_figures.h plus the stored forecasts of `retain clv score`
// (p_alive, expected_purchases_30d/90d/365d, expected_order_value, clv, risk;
// no value for customers without one). as_of defaults to the latest order day.
core::Result<analytics::CustomerTable> LoadCustomerTable(AnalyticsSession& session,
                                                         std::optional<core::Day> as_of);

struct SegmentMatch {
  core::Day as_of = 0;
  int64_t customers = 0;          // everybody in the table
  std::vector<uint32_t> members;  // snapshot customer indices, ascending
};

// Parses `rule` against the table's fields and evaluates it. Errors:
// InvalidArgument "rule 1:23: ..." for a bad rule.
core::Result<SegmentMatch> MatchSegment(const analytics::CustomerTable& table,
                                        const std::string& rule);

}  // namespace retain::app
