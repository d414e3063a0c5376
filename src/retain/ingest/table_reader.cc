#include "retain/ingest/table_reader.h"

#include <charconv>
#include <cmath>

#include "retain/core/text.h"

namespace retain::ingest {

const std::string TableReader::kEmpty;

Result<std::unique_ptr<TableReader>> TableReader::Open(const std::string& path,
                                                       const std::vector<ColumnSpec>& columns,
                                                       ImportContext& ctx) {
  auto reader = CsvReader::Open(path, ctx.settings.csv);
  if (!reader) return core::Err(reader.error());
  std::unique_ptr<TableReader> t(new TableReader(ctx));
  t->reader_ = std::move(*reader);
  t->columns_ = columns;
  t->index_.assign(columns.size(), -1);
  t->mark_ = ctx.settings.decimal_mark.value_or(
      t->reader_->delimiter() == ';' ? core::DecimalMark::kComma : core::DecimalMark::kPoint);
  auto more = t->reader_->Next(t->rec_);
  if (!more) return core::Err(more.error());
  if (!*more) return core::Err(core::InvalidArgument(path + ": the file is empty"));
  const auto& header = t->rec_.fields;
  t->width_ = header.size();
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(core::TrimView(header[i]));
    if (auto it = ctx.settings.column_renames.find(name); it != ctx.settings.column_renames.end()) {
      name = it->second;
    }
    const std::string lower = core::AsciiLower(name);
    bool matched = false;
    for (size_t c = 0; c < columns.size() && !matched; ++c) {
      if (t->index_[c] >= 0) continue;
      matched = lower == core::AsciiLower(columns[c].name);
      for (const char* a : columns[c].aliases) matched = matched || lower == core::AsciiLower(a);
      if (matched) t->index_[c] = static_cast<int>(i);
    }
    if (!matched && !name.empty()) t->extra_.emplace_back(name, static_cast<int>(i));
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && t->index_[c] < 0) {
      return core::Err(core::InvalidArgument(
          path + ":1:1: the header has no column '" + columns[c].name + "' (columns found: " +
          std::to_string(header.size()) + "; rename yours with --mapping FILE)"));
    }
  }
  return t;
}

Result<bool> TableReader::Next() {
  for (;;) {
    auto more = reader_->Next(rec_);
    if (!more) return core::Err(more.error());
    if (!*more) {
      if (ctx_.progress) {
        ctx_.progress->Update(reader_->path(), reader_->bytes_done(), reader_->bytes_total(),
                              rows_);
        ctx_.progress->Done(reader_->path());
      }
      return false;
    }
    if (ctx_.progress && (++rows_ & 0x3FFF) == 0) {
      ctx_.progress->Update(reader_->path(), reader_->bytes_done(), reader_->bytes_total(), rows_);
    }
    if (rec_.fields.size() == width_) return true;
    RowLocation loc{reader_->path(), rec_.line,
                    static_cast<int>(std::min(rec_.fields.size(), width_) + 1), ""};
    auto s = ctx_.reporter->Reject(loc, rec_.raw,
                                   "expected " + std::to_string(width_) + " fields, found " +
                                       std::to_string(rec_.fields.size()));
    if (!s.ok()) return core::Err(s);
  }
}

const std::string& TableReader::Field(int col) const {
  const int i = index_[col];
  return i < 0 ? kEmpty : rec_.fields[i];
}

RowLocation TableReader::Location(int col) const {
  const int i = col >= 0 ? index_[col] : -1;
  return {reader_->path(), rec_.line, i + 1, col >= 0 ? columns_[col].name : ""};
}

void RowParser::Fail(int col, const std::string& message) {
  if (!error_) error_.emplace(col, message);
}

core::Status RowParser::Reject() {
  if (!error_) return {};
  return t_.context().reporter->Reject(t_.Location(error_->first), t_.record().raw, error_->second);
}

std::string RowParser::Text(int col) { return std::string(core::TrimView(t_.Field(col))); }

std::string RowParser::Required(int col) {
  std::string s = Text(col);
  if (s.empty()) Fail(col, "a value is required");
  return s;
}

std::optional<core::Day> RowParser::OptionalDate(int col) {
  const std::string s = Text(col);
  if (s.empty()) return std::nullopt;
  // Accept a timestamp where a date is expected (the time is dropped).
  auto ts = core::ParseTimestamp(s);
  if (!ts) {
    Fail(col, ts.error().message());
    return std::nullopt;
  }
  return ts->day;
}

core::Timestamp RowParser::Timestamp(int col) {
  const std::string s = Text(col);
  if (s.empty()) {
    Fail(col, "a date is required");
    return {};
  }
  auto ts = core::ParseTimestamp(s);
  if (!ts) {
    Fail(col, ts.error().message());
    return {};
  }
  return *ts;
}

int64_t RowParser::Money(int col, std::optional<int64_t> fallback, bool allow_negative) {
  const std::string s = Text(col);
  if (s.empty()) {
    if (fallback) return *fallback;
    Fail(col, "an amount is required");
    return 0;
  }
  core::MoneyParseOptions o;
  o.mark = t_.decimal_mark();
  o.allow_negative = allow_negative;
  auto v = core::ParseMoney(s, o);
  if (!v) {
    Fail(col, v.error().message());
    return 0;
  }
  return *v;
}

int64_t RowParser::Integer(int col, int64_t fallback, int64_t min) {
  const std::string s = Text(col);
  if (s.empty()) return fallback;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    Fail(col, "'" + s + "' is not a whole number");
    return fallback;
  }
  if (v < min) {
    Fail(col, std::to_string(v) + " is not allowed here (the smallest allowed value is " +
                  std::to_string(min) + ")");
    return fallback;
  }
  return v;
}

double RowParser::Number(int col, std::optional<double> fallback, double min) {
  std::string s = Text(col);
  if (s.empty()) {
    if (fallback) return *fallback;
    Fail(col, "a number is required");
    return 0;
  }
  if (t_.decimal_mark() == core::DecimalMark::kComma) {
    for (char& c : s) c = c == ',' ? '.' : c;
  }
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
    Fail(col, "'" + s + "' is not a number");
    return 0;
  }
  if (v < min) {
    Fail(col, s + " is too small (the smallest allowed value is " + std::to_string(min) + ")");
    return 0;
  }
  return v;
}

}  // namespace retain::ingest
