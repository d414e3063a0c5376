// Writes the synthetic shop as retain's "generic" CSV files
// (docs/import-formats.md): one CsvFile per kind, rows appended customer by
// customer, ids numbered in the order rows are written.
#pragma once

#include <cstdint>
#include <string>

#include "retain/core/status.h"
#include "retain/model/customer.h"
#include "retain/synth/catalog.h"
#include "retain/synth/csv_out.h"
#include "retain/synth/purchase_process.h"

namespace retain::synth {

// Row counts written so far (headers excluded).
struct ShopCounts {
  int64_t customers = 0, products = 0, orders = 0, order_lines = 0, returns = 0;
};

class ShopWriter {
 public:
  // The writer formats lines with `catalog`, which must outlive it.
  explicit ShopWriter(const Catalog& catalog) : catalog_(catalog) {}

  // Creates the five files in `dir` (which must exist) and writes their
  // header lines and all of products.csv. kIo when a file cannot be created.
  core::Status Open(const std::string& dir);

  // Appends one customer row. `customer.external_id` must be set.
  core::Status WriteCustomer(const model::Customer& customer);

  // Appends the orders, lines and returns of the customer `customer_id`,
  // numbering orders "O0000000001"... and returns "R000000001"... in sequence.
  core::Status WriteHistory(const std::string& customer_id, const CustomerHistory& history);

  // Flushes and closes all files; kIo if any write fails.
  core::Status Close();

  const ShopCounts& counts() const { return counts_; }

 private:
  const Catalog& catalog_;
  CsvFile customers_, products_, orders_, lines_, returns_;
  ShopCounts counts_;
  std::string order_id_;  // scratch
};

}  // namespace retain::synth
