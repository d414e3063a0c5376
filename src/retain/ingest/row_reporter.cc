#include "retain/ingest/row_reporter.h"

namespace retain::ingest {
namespace {

std::string CsvQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string FormatLocation(const RowLocation& loc) {
  std::string out = loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
  if (!loc.field.empty()) out += " (" + loc.field + ")";
  return out;
}

core::Status RowReporter::Reject(const RowLocation& loc, const std::string& raw,
                                 const std::string& reason) {
  if (!skip_bad_) return core::InvalidArgument(FormatLocation(loc) + ": " + reason);
  ++rejected_;
  if (rejects_path_.empty()) return {};
  if (!out_) {
    out_ = std::make_unique<std::ofstream>(rejects_path_, std::ios::binary | std::ios::trunc);
    if (!*out_) return core::IoError("cannot write rejects file " + rejects_path_);
    *out_ << "file,line,column,field,reason,record\n";
  }
  *out_ << CsvQuote(loc.file) << ',' << loc.line << ',' << loc.column << ',' << CsvQuote(loc.field)
        << ',' << CsvQuote(reason) << ',' << CsvQuote(raw) << '\n';
  return {};
}

core::Status RowReporter::Finish() {
  if (out_) {
    out_->flush();
    if (!*out_) return core::IoError("cannot write rejects file " + rejects_path_);
  }
  return {};
}

}  // namespace retain::ingest
