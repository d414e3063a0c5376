// Printing the Kunden-Club's answers for people (labels in German or
// English, tables for lists) or as JSON, and a progress bar for the jobs.
#pragma once

#include <nlohmann/json.hpp>

#include "retain/app/loyalty_club.h"
#include "retain/cli/context.h"

namespace retain::cli {

// Prints `answer` to stdout: as indented JSON with `as_json`, else one
// labelled line per field and a table per list of records.
void PrintLoyaltyAnswer(const Context& ctx, const nlohmann::ordered_json& answer, bool as_json);

// A progress callback for the daily jobs: a bar on stderr when it is a terminal.
app::LoyaltyClub::Progress LoyaltyProgress(const Context& ctx);

}  // namespace retain::cli
