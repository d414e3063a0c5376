// RFM scoring (recency, frequency, monetary) and segments from the R x F grid.
//
// Only customers with >= 1 order on or before as_of are scored; later orders
// are ignored. recency = as_of - last order day (days), frequency = number of
// orders, monetary = sum of order amounts (minor units), all up to as_of.
//
// Scores are quintiles 1..5 by rank, ties broken by rank: customers are sorted
// by the value (recency descending so the most recent gets 5; frequency and
// monetary ascending so the largest gets 5), equal values by customer index
// ascending, and score = 1 + floor(rank * 5 / n) with rank the 0-based
// position. Each score therefore holds n/5 customers (+-1); equal values may
// get different scores.
//
// A customer's segment is the first rule of the segment map (in map order)
// whose R and F ranges contain their scores; -1 if none does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::analytics {

struct RfmSegmentRule {
  std::string name;
  int r_min = 1, r_max = 5;  // inclusive range of R scores, 1..5
  int f_min = 1, f_max = 5;  // inclusive range of F scores, 1..5
};

// The standard ten segments; they cover the whole 5 x 5 grid:
//   Champions R5 F4-5; Loyal R3-4 F4-5; Potential loyalists R4-5 F2-3;
//   New R5 F1; Promising R4 F1; Need attention R3 F3; About to sleep R3 F1-2;
//   At risk R1-2 F3-4; Can't lose them R1-2 F5; Hibernating R1-2 F1-2.
std::vector<RfmSegmentRule> DefaultSegmentMap();

struct RfmOptions {
  core::Day as_of = 0;  // scoring date (inclusive); later orders are ignored
  std::vector<RfmSegmentRule> segment_map = DefaultSegmentMap();  // first match wins
};

struct RfmCustomer {
  size_t customer = 0;       // customer index in the Snapshot
  int32_t recency_days = 0;  // as_of - last order day, >= 0
  int64_t frequency = 0;     // orders up to as_of, >= 1
  int64_t monetary = 0;      // minor units
  int r = 1, f = 1, m = 1;   // scores 1..5
  int segment = -1;          // index into the segment map; -1 when no rule matches
};

struct RfmSegmentSummary {
  std::string name;
  int64_t customers = 0;
  double revenue_share = 0;     // % of the monetary total of all scored customers; 0 if that is 0
  double avg_recency_days = 0;  // 0 for an empty segment
  double avg_frequency = 0;
  double avg_monetary = 0;  // minor units
};

struct RfmReport {
  std::vector<RfmCustomer> customers;       // scored customers, ascending customer index
  std::vector<RfmSegmentSummary> segments;  // one per rule, in map order (empty ones too)
  int64_t unsegmented = 0;                  // scored customers no rule matched
};

// Scores every customer with an order on or before opts.as_of and assigns segments.
RfmReport ComputeRfm(const Snapshot& s, const RfmOptions& opts);

// Parses a segment map from CSV text, one rule per line:
//   name,r_min,r_max,f_min,f_max
// Blank lines and lines starting with '#' are skipped, as is a first line whose
// first field is "name" (a header). Fields are trimmed. Scores must be 1..5 with
// min <= max and the name non-empty. Errors are kInvalidArgument naming the
// 1-based line number, e.g. "segment map line 3: r_max \"6\" is not a score 1..5".
// An input without any rule is an error too.
core::Result<std::vector<RfmSegmentRule>> ParseSegmentMap(std::string_view csv);

struct RfmCell {
  int r = 1, f = 1;
  bool operator==(const RfmCell&) const = default;
};

// The (R, F) cells of the 5 x 5 grid that no rule covers, ascending by r then f.
std::vector<RfmCell> UncoveredCells(const std::vector<RfmSegmentRule>& map);

// Ok when every cell is covered; otherwise kInvalidArgument listing the cells,
// e.g. "segment map leaves 2 cells uncovered: R1F3, R2F3".
core::Status ValidateSegmentMap(const std::vector<RfmSegmentRule>& map);

}  // namespace retain::analytics
