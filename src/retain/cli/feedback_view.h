// What `retain feedback list` and `retain nps --comments` share: the --score
// filter, the NPS as text, and the comment table.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retain/cli/context.h"
#include "retain/core/status.h"
#include "retain/storage/listening_records.h"

namespace retain::cli {

// The --score filter as (lowest, highest): "0-6", "7-8", "9-10", a single
// score "N", or detractors | passives | promoters; "" is 0..10.
// kInvalidArgument naming the forms otherwise.
core::Result<std::pair<int, int>> ParseScoreRange(const std::string& text);

// The NPS with one decimal and its sign ("+30.0" / "+30,0"); "–" for none.
std::string FormatNps(const Context& ctx, std::optional<double> nps);

// `text` on one line, cut to `max_chars` characters (UTF-8) with "…".
std::string OneLine(const std::string& text, size_t max_chars);

// The answers as a table: date, customer, score, order, comment (shortened).
void PrintComments(const Context& ctx, const std::vector<storage::FeedbackRecord>& comments);

// The answers as a JSON array (app::FeedbackJson each, comments in full).
nlohmann::ordered_json CommentsJson(const std::vector<storage::FeedbackRecord>& comments);

}  // namespace retain::cli
