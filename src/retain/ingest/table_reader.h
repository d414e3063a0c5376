// TableReader and RowParser: header-driven reading of CSV files for presets.
//
// A preset declares the columns it understands (with aliases); TableReader
// matches them against the file's header (after --mapping renames), checks
// every row has the header's number of fields, and RowParser turns fields
// into typed values, remembering the first problem with its exact location.
//
//   TableReader t(...); RowParser p(t);
//   while (t.Next()) {
//     p.Reset();
//     o.external_id = p.Required(kId);
//     o.total_minor = p.Money(kTotal);
//     if (!p.ok()) { if (auto s = p.Reject(); !s.ok()) return s; continue; }
//   }
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/ingest/import_context.h"

namespace retain::ingest {

struct ColumnSpec {
  const char* name;                       // retain's column name
  bool required;                          // the header must have it
  std::vector<const char*> aliases = {};  // other header spellings (case-insensitive)
};

class TableReader {
 public:
  // Opens `path` and reads its header. Fails (located at line 1) when a
  // required column is missing.
  static Result<std::unique_ptr<TableReader>> Open(const std::string& path,
                                                   const std::vector<ColumnSpec>& columns,
                                                   ImportContext& ctx);

  // Reads the next data row. Rows with the wrong number of fields are
  // rejected through the reporter (and skipped when that allows). Returns
  // false at the end of the file.
  Result<bool> Next();

  // Field of column `col` (index into the spec) in the current row; empty if
  // the file has no such column.
  const std::string& Field(int col) const;
  bool HasColumn(int col) const { return index_[col] >= 0; }
  // Header names that matched no spec column (extra attributes).
  const std::vector<std::pair<std::string, int>>& ExtraColumns() const { return extra_; }
  const std::string& ExtraField(int file_index) const { return rec_.fields[file_index]; }

  RowLocation Location(int col) const;
  const CsvRecord& record() const { return rec_; }
  ImportContext& context() { return ctx_; }
  core::DecimalMark decimal_mark() const { return mark_; }
  const std::string& path() const { return reader_->path(); }

 private:
  TableReader(ImportContext& ctx) : ctx_(ctx) {}
  ImportContext& ctx_;
  std::unique_ptr<CsvReader> reader_;
  std::vector<ColumnSpec> columns_;
  std::vector<int> index_;  // spec column -> file column, -1 if absent
  std::vector<std::pair<std::string, int>> extra_;
  size_t width_ = 0;
  CsvRecord rec_;
  core::DecimalMark mark_ = core::DecimalMark::kPoint;
  uint64_t rows_ = 0;
  static const std::string kEmpty;
};

class RowParser {
 public:
  explicit RowParser(TableReader& t) : t_(t) {}
  void Reset() { error_.reset(); }
  bool ok() const { return !error_.has_value(); }

  // Trimmed text; records an error if the field is empty.
  std::string Required(int col);
  // Trimmed text, possibly empty.
  std::string Text(int col);
  std::optional<core::Day> OptionalDate(int col);
  core::Timestamp Timestamp(int col);
  // Money in minor units; empty gives `fallback` when set, else an error.
  int64_t Money(int col, std::optional<int64_t> fallback = std::nullopt,
                bool allow_negative = true);
  // Whole number; `min` is the smallest allowed value.
  int64_t Integer(int col, int64_t fallback, int64_t min);
  // Decimal number in the file's decimal mark; empty gives `fallback` when set,
  // else an error; values below `min` are an error.
  double Number(int col, std::optional<double> fallback, double min);

  // Records a problem with column `col` (first one wins).
  void Fail(int col, const std::string& message);
  // Reports the recorded problem; ok means skip this row and go on.
  core::Status Reject();

 private:
  TableReader& t_;
  std::optional<std::pair<int, std::string>> error_;
};

// Reads every data row of `t`: parse(p) builds a record from the row; if the
// parser recorded a problem the row is rejected (which stops the import
// unless --skip-bad), otherwise write(record, p) hands it on (and may move it).
template <class Parse, class Write>
core::Status ForEachRow(TableReader& t, Parse parse, Write write) {
  RowParser p(t);
  for (;;) {
    auto more = t.Next();
    if (!more) return more.error();
    if (!*more) return {};
    p.Reset();
    auto record = parse(p);
    const core::Status s = p.ok() ? write(record, p) : p.Reject();
    if (!s.ok()) return s;
  }
}

}  // namespace retain::ingest
