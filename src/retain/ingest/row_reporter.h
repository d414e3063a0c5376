// RowReporter: the one place that decides what a bad row does.
//
// All-or-nothing (default): the first bad row becomes the import's error,
// "file:line:column (field): what is wrong", and the caller rolls back.
// Skip-bad: the row is written to the rejects file with its reason, counted,
// and the import goes on.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

#include "retain/core/status.h"

namespace retain::ingest {

// Where in the input a problem is. column is 1-based; 0 = the whole row.
struct RowLocation {
  std::string file;
  int64_t line = 0;
  int column = 0;
  std::string field;  // column name, if known
};

// "file:line:column (field): message".
std::string FormatLocation(const RowLocation& loc);

class RowReporter {
 public:
  // skip_bad = false: Reject() returns the error. true: writes to
  // `rejects_path` (created on first reject; empty path = count only).
  RowReporter(bool skip_bad, std::string rejects_path)
      : skip_bad_(skip_bad), rejects_path_(std::move(rejects_path)) {}

  // Reports a bad row. Returns ok when the import should go on (skip-bad),
  // otherwise the located error.
  core::Status Reject(const RowLocation& loc, const std::string& raw, const std::string& reason);

  // Counts a row skipped by the preset's rules (not an error), e.g. rows
  // without a customer id in Online Retail.
  void Skip() { ++skipped_; }

  int64_t rejected() const { return rejected_; }
  int64_t skipped() const { return skipped_; }
  // Flushes the rejects file; error if it could not be written.
  core::Status Finish();

 private:
  bool skip_bad_;
  std::string rejects_path_;
  std::unique_ptr<std::ofstream> out_;
  int64_t rejected_ = 0;
  int64_t skipped_ = 0;
};

}  // namespace retain::ingest
