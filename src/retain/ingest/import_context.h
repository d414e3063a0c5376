// Settings and services shared by every preset during one import.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "retain/core/money.h"
#include "retain/ingest/csv_reader.h"
#include "retain/ingest/row_reporter.h"

namespace retain::ingest {

// Told about the progress of a long file; the CLI draws a bar from it.
class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  // Called now and then while `file` is read: bytes consumed of total (of
  // the file as stored, compressed or not) and the data rows read so far.
  virtual void Update(const std::string& file, uint64_t done, uint64_t total, uint64_t rows) = 0;
  // Called once when `file` has been read completely.
  virtual void Done(const std::string& file) = 0;
};

struct ImportSettings {
  CsvOptions csv;  // delimiter 0 = detect; encoding auto
  // nullopt = decide per file: ';'-delimited files use the decimal comma.
  std::optional<core::DecimalMark> decimal_mark;
  // Source column name -> retain column name (from --mapping FILE).
  std::map<std::string, std::string> column_renames;
  std::string default_currency = "EUR";
};

struct ImportContext {
  ImportSettings settings;
  RowReporter* reporter = nullptr;
  ProgressListener* progress = nullptr;  // may be null
};

}  // namespace retain::ingest
