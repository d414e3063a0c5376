#include "retain/app/segment_export.h"

#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "retain/synth/csv_out.h"

namespace retain::app {
namespace {

std::string Number(double v, bool decimal_comma) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  std::string s = buf;
  if (decimal_comma) {
    for (char& c : s) c = c == '.' ? ',' : c;
  }
  return s;
}

// Appends a CSV field; guard_formula prefixes a text Excel would run as a
// formula (= + - @ first) with '.
void AppendField(std::string& out, std::string_view v, char delimiter, bool guard_formula) {
  if (guard_formula && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) {
    synth::AppendCsvField(out, "'" + std::string(v), delimiter);
  } else {
    synth::AppendCsvField(out, v, delimiter);
  }
}

}  // namespace

const std::vector<const char*>& ExportColumns() {
  static const std::vector<const char*> columns = {
      "country",   "postal_code", "city",    "language",   "customer_type",         "consent_email",
      "age",       "orders",      "revenue", "last_order", "days_since_last_order", "rfm_segment",
      "lifecycle", "p_alive",     "clv",     "risk"};
  return columns;
}

core::Status WriteSegmentExport(std::ostream& out, const analytics::Snapshot& snapshot,
                                const analytics::CustomerTable& table,
                                const std::vector<uint32_t>& members,
                                const ExportOptions& options) {
  std::vector<int> fields;
  for (const char* name : ExportColumns()) {
    const int k = table.FieldIndex(name);
    if (k < 0) return core::Internal(std::string("export column without a field: ") + name);
    fields.push_back(k);
  }
  // Each member's values as texts (empty = no value) and, for JSON, typed.
  auto value = [&](uint32_t c, int k, bool decimal_comma) -> std::string {
    const analytics::RuleField& f = table.fields()[k];
    if (f.type == analytics::ValueType::kText) return std::string(table.texts(k).at(c));
    const double v = table.numbers(k)[c];
    if (std::isnan(v)) return "";
    if (f.type == analytics::ValueType::kDate) return core::FormatDay(static_cast<core::Day>(v));
    return Number(v, decimal_comma);
  };
  if (options.format == ExportOptions::Format::kJson) {
    out << "[";
    for (size_t i = 0; i < members.size(); ++i) {
      const uint32_t c = members[i];
      nlohmann::ordered_json row = {{"customer_id", snapshot.customer_ids[c]}};
      for (size_t j = 0; j < fields.size(); ++j) {
        const int k = fields[j];
        const analytics::RuleField& f = table.fields()[k];
        const std::string text = value(c, k, false);
        if (text.empty()) {
          row[ExportColumns()[j]] = nullptr;
        } else if (f.type == analytics::ValueType::kText || f.type == analytics::ValueType::kDate) {
          row[ExportColumns()[j]] = text;
        } else {
          const double v = table.numbers(k)[c];
          if (v == std::trunc(v) && std::fabs(v) < 9e15) {
            row[ExportColumns()[j]] = static_cast<int64_t>(v);  // 3, not 3.0
          } else {
            row[ExportColumns()[j]] = v;
          }
        }
      }
      out << (i == 0 ? "\n  " : ",\n  ") << row.dump();
    }
    out << (members.empty() ? "]\n" : "\n]\n");
    return out ? core::Status() : core::IoError("writing the export failed");
  }
  const char delimiter = options.excel ? ';' : ',';
  const char* eol = options.excel ? "\r\n" : "\n";
  if (options.excel) out << "\xEF\xBB\xBF";
  out << "customer_id";
  for (const char* name : ExportColumns()) out << delimiter << name;
  out << eol;
  std::string line;
  for (uint32_t c : members) {
    line.clear();
    AppendField(line, snapshot.customer_ids[c], delimiter, options.excel);
    for (int k : fields) {
      const bool text = table.fields()[k].type == analytics::ValueType::kText;
      line += delimiter;
      AppendField(line, value(c, k, options.excel), delimiter, options.excel && text);
    }
    out << line << eol;
  }
  return out ? core::Status() : core::IoError("writing the export failed");
}

}  // namespace retain::app
