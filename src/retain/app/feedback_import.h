// Importing feedback answers from a CSV file (the shop's survey tool, the
// till's tablet, a spreadsheet): one answer per row, recorded like any other
// answer (via "import"), so a detractor's answer opens its call-back task.
//
//   customer_id;score;comment;order_id;date;id
//   C001;9;Sehr gute Beratung;O1003;2024-03-02;A-17
//
// Columns (any order, names case-insensitive): customer_id and score
// (0..10) required; comment, order_id (must be the customer's), date
// (YYYY-MM-DD or DD.MM.YYYY; default today), id (the shop's answer id: an
// answer imported before is left as it is), sales_channel (online | store;
// default the order's), store (default the order's). A row without an id
// that equals an answer imported before (customer, day, order, score and
// comment) is left as it is too, so importing a file again changes nothing.
//
//   Result<FeedbackImportReport> report;
//   InWriteTransaction(store, [&] {
//     report = ImportFeedback(store, {.path = "answers.csv"}, settings, today, now);
//     return report ? core::Status() : report.error();
//   });
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "retain/app/listening.h"
#include "retain/ingest/import_context.h"

namespace retain::app {

struct FeedbackImportRequest {
  std::string path;
  // false: the first bad row fails the import (the caller rolls back).
  // true: bad rows are written to rejects_path with their reason and the
  // good ones are imported.
  bool skip_bad = false;
  std::string rejects_path;                      // with skip_bad; "" counts them only
  ingest::ProgressListener* progress = nullptr;  // may be null
};

struct FeedbackImportReport {
  int64_t rows = 0;          // data rows: imported + unchanged + rejected
  int64_t imported = 0;      // answers recorded now
  int64_t unchanged = 0;     // answers imported before: left as they were
  int64_t rejected = 0;      // bad rows (skip_bad)
  int64_t tasks_opened = 0;  // call-backs the detractors' answers opened
};

// Inside a write transaction: imports the answers of the file. Without
// skip_bad, kInvalidArgument "FILE:LINE:COLUMN (FIELD): why" for the first
// bad row (unknown customer, score not 0..10, an order not the customer's,
// a bad or future date, ...); kNotFound when there is no such file.
core::Result<FeedbackImportReport> ImportFeedback(storage::Store& store,
                                                  const FeedbackImportRequest& request,
                                                  const ListeningSettings& settings,
                                                  core::Day today, const std::string& now);

// {"rows", "imported", "unchanged", "rejected", "tasks_opened"}.
nlohmann::ordered_json FeedbackImportJson(const FeedbackImportReport& r);

}  // namespace retain::app
