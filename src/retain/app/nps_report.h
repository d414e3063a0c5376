// The `nps` use case: Net Promoter Score of a period, overall and by
// segment, store, sales channel or month, with the response rate of the
// feedback requests; and the comments behind it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/nps.h"
#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

namespace retain::app {

struct NpsRequest {
  std::optional<core::Day> from;  // default: 89 days before `to`
  std::optional<core::Day> to;    // default: the day of the latest answer (today without any)
  std::string by;                 // "" | "segment" | "store" | "channel" | "month"
};

struct NpsRow {
  std::string key;  // the segment, store, channel or month ("" none)
  analytics::NpsCounts counts;
};

struct NpsReport {
  core::Day from = 0, to = 0;
  std::string by;
  analytics::NpsCounts total;
  // Feedback requests made in the period (sent, exported or handed out) and
  // how many of them were answered (at any time).
  int64_t requests = 0, answered_requests = 0;
  std::optional<double> response_rate;  // 0..1; nullopt without requests
  std::vector<NpsRow> groups;           // by key
};

// kInvalidArgument for an unknown `by` or from > to. `snapshot` serves
// by = "segment" (the RFM segment as of `to`); it may be null otherwise.
core::Result<NpsReport> RunNps(storage::Store& store, const analytics::Snapshot* snapshot,
                               const NpsRequest& request, core::Day today);

// {"from", "to", "by", "answers", "promoters", "passives", "detractors",
//  "nps", "requests", "answered_requests", "response_rate", "groups": [...]}
// (nps and response_rate null when there is nothing to divide by).
nlohmann::ordered_json NpsJson(const NpsReport& r);

// The counts of one NpsCounts as JSON: {"answers", "promoters", "passives",
// "detractors", "nps"} (nps rounded to one decimal, null without answers).
nlohmann::ordered_json NpsCountsJson(const analytics::NpsCounts& c);

struct CommentRequest {
  std::optional<core::Day> from, to;  // default: everything
  int min_score = 0, max_score = 10;  // scores in this range
  std::string customer_id;            // "" all customers
  int limit = 100;                    // newest first
};

// Answers with a comment, newest first. kInvalidArgument for a bad range.
core::Result<std::vector<storage::FeedbackRecord>> FeedbackComments(storage::Store& store,
                                                                    const CommentRequest& r);

// One answer as JSON (the API's and `--json`'s shape).
nlohmann::ordered_json FeedbackJson(const storage::FeedbackRecord& f);

}  // namespace retain::app
