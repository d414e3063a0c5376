// Segments: which customers a rule (see analytics/segment_rule.h) selects,
// evaluated against the current data every time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/customer_table.h"
#include "retain/app/analytics_session.h"
#include "retain/app/listening.h"

namespace retain::app {

// Every customer's figures for rules as of a day: those of
// analytics/customer_figures.h plus the stored forecasts of `retain clv score`
// (p_alive, expected_purchases_30d/90d/365d, expected_order_value, clv, risk;
// no value for customers without one). as_of defaults to the latest order day.
core::Result<analytics::CustomerTable> LoadCustomerTable(AnalyticsSession& session,
                                                         std::optional<core::Day> as_of);
// The same for a store and a snapshot of it (the snapshot must outlive the
// table). Also the listening fields: nps_score (latest answer), nps_answers,
// complaints, days_since_complaint, open_conversations; a complaint within
// `complaint_risk_days` raises `risk` one band (no forecast: medium).
core::Result<analytics::CustomerTable> LoadCustomerTable(
    storage::Store& store, const analytics::Snapshot& snapshot, std::optional<core::Day> as_of,
    int complaint_risk_days = ListeningSettings{}.complaint_risk_days);

struct SegmentMatch {
  core::Day as_of = 0;
  int64_t customers = 0;          // everybody in the table
  std::vector<uint32_t> members;  // snapshot customer indices, ascending
};

// Parses `rule` against the table's fields and evaluates it (the snapshot
// the table was built from serves tags, attributes, birthdays and purchases).
// Errors: InvalidArgument "rule: 1:23: ..." for a bad rule.
core::Result<SegmentMatch> MatchSegment(const analytics::Snapshot& snapshot,
                                        const analytics::CustomerTable& table,
                                        const std::string& rule);

// A segment a user can name: saved with `segment create`, or one of the
// built-in RFM segments (rule: rfm_segment = "NAME").
struct NamedSegment {
  std::string name, rule, description;
  std::string created_at;  // empty for built-in segments
  bool built_in = false;
};

// The built-in segments, then the saved ones by name.
core::Result<std::vector<NamedSegment>> ListNamedSegments(storage::Store& store);

// The segment of that name (case-insensitive for ASCII letters); NotFound
// naming `retain segment list` otherwise.
core::Result<NamedSegment> FindNamedSegment(storage::Store& store, const std::string& name);

// Saves a segment after checking its name (not empty, not a built-in one's)
// and its rule (against the table's fields). Returns the saved segment.
core::Result<NamedSegment> CreateSegment(storage::Store& store,
                                         const analytics::CustomerTable& table,
                                         const std::string& name, const std::string& rule,
                                         const std::string& description);

// Deletes a saved segment; built-in ones cannot be deleted.
core::Status DeleteSegment(storage::Store& store, const std::string& name);

// Who entered and who left a segment between two days: the rule evaluated
// on the data as of `since` and as of `as_of` (stored forecasts are the
// current ones at both days; they are not kept per day).
struct SegmentDiff {
  core::Day since = 0, as_of = 0;
  int64_t before = 0, after = 0;        // members at each day
  std::vector<uint32_t> entered, left;  // snapshot customer indices, ascending
};

core::Result<SegmentDiff> DiffSegment(AnalyticsSession& session, const std::string& rule,
                                      core::Day since, std::optional<core::Day> as_of);

}  // namespace retain::app
