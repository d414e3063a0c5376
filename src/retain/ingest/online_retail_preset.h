// The `online-retail` preset: the UCI "Online Retail" data set (a UK online
// gift shop, 2010-2011), plain CSV or gzip.
//
// Header: InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
// CustomerID,Country (Online Retail II spellings Invoice, Price and
// "Customer ID" work too). Rows are invoice lines; the rows of one invoice
// form one GBP order. Invoices starting with "C" are cancellations and become
// returns. Rows without a CustomerID are skipped (counted, not errors).
#pragma once

#include <string>
#include <string_view>

#include "retain/ingest/preset.h"

namespace retain::ingest {

class OnlineRetailPreset final : public Preset {
 public:
  // Reads each file in turn. Customers are written on first sight, with the
  // country as ISO code and the original name in attributes["country_name"].
  // An order (or return) is written after its invoice's last row, with the
  // total of its lines; an invoice that reappears later in the file is
  // rewritten with the new lines added (its line numbers continue).
  core::Status Import(const std::vector<std::string>& files, ImportContext& ctx,
                      RecordSink& sink) override;
};

// ISO 3166-1 alpha-2 code of a country name used in Online Retail
// ("United Kingdom" -> "GB", "EIRE" -> "IE"); empty when the name is unknown
// or names no single country ("Unspecified", "European Community",
// "Channel Islands").
std::string OnlineRetailCountryCode(std::string_view name);

// Parses InvoiceDate as "YYYY-MM-DD HH:MM[:SS]" or UCI's original
// "M/D/YYYY H:MM"; kInvalidArgument naming both forms otherwise.
core::Result<core::Timestamp> ParseInvoiceDate(std::string_view text);

}  // namespace retain::ingest
