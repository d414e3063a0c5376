// Exporting a segment's members with their main figures, as CSV (also in the
// form German Excel opens directly) or JSON.
#pragma once

#include <ostream>
#include <vector>

#include "retain/analytics/customer_table.h"
#include "retain/analytics/snapshot.h"
#include "retain/core/status.h"

namespace retain::app {

struct ExportOptions {
  enum class Format { kCsv, kJson };
  Format format = Format::kCsv;
  // For German Excel: ';' between fields, a UTF-8 byte order mark, decimal
  // commas, CRLF line ends, and texts starting with = + - @ prefixed with '
  // so that Excel does not run them as formulas.
  bool excel = false;
};

// The columns after customer_id, in order (fields of LoadCustomerTable).
const std::vector<const char*>& ExportColumns();

// Writes one row (CSV, with a header) or object (JSON array) per member.
core::Status WriteSegmentExport(std::ostream& out, const analytics::Snapshot& snapshot,
                                const analytics::CustomerTable& table,
                                const std::vector<uint32_t>& members, const ExportOptions& options);

}  // namespace retain::app
