// Import use case: files in a preset's format into the store, all or nothing.
//
//   ImportRequest req{.preset = "generic", .files = {"customers.csv"}};
//   Result<ImportCounts> counts = RunImport(store, req, &progress);
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "retain/ingest/import_context.h"
#include "retain/storage/store.h"

namespace retain::app {

struct ImportRequest {
  std::string preset = "generic";
  std::vector<std::string> files;
  ingest::ImportSettings settings;
  // False (default): the first bad row aborts and nothing is written.
  bool skip_bad = false;
  // With skip_bad: where bad rows and their reasons go ("" = nowhere).
  std::string rejects_path;
  // Optional --mapping file (their_name = our_name per line).
  std::string mapping_path;
};

struct ImportCounts {
  int64_t customers_added = 0, customers_updated = 0;
  int64_t products_added = 0, products_updated = 0;
  int64_t orders_added = 0, orders_updated = 0;
  int64_t order_lines_added = 0, order_lines_updated = 0;
  int64_t returns_added = 0, returns_updated = 0;
  int64_t rows_rejected = 0;  // bad rows skipped with --skip-bad
  int64_t rows_skipped = 0;   // rows the preset ignores by rule (no customer id)
  // Email addresses left out because their owner was erased (suppression list).
  int64_t emails_suppressed = 0;
};

// Runs the import in one transaction. On any error nothing is written and the
// error says where (file:line:column) and what is wrong.
core::Result<ImportCounts> RunImport(storage::Store& store, const ImportRequest& request,
                                     ingest::ProgressListener* progress);

// How the files are written, as a person names it: encoding "auto" (or
// ""), "utf-8" or "windows-1252"; delimiter one character, "tab" or "" (detect);
// decimal "comma", "point" or "" (comma for ';' files). kInvalidArgument
// naming the option otherwise.
struct ImportFormat {
  std::string encoding, delimiter, decimal;
};
core::Status ApplyImportFormat(const ImportFormat& format, ingest::ImportSettings& settings);

// {"customers_added","customers_updated","orders_added",...,"rows_skipped"}
// (the keys of `retain import --json`).
nlohmann::ordered_json ImportCountsJson(const ImportCounts& c);

// Reads a mapping file: lines "their_name = our_name"; '#' comments; blank
// lines ignored. kInvalidArgument naming the line for anything else.
core::Result<std::map<std::string, std::string>> ReadColumnMapping(const std::string& path);

}  // namespace retain::app
