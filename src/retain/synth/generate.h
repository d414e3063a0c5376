// `retain gen`: a synthetic German fashion/shoe/outdoor retailer (web shop
// plus 7 stores) written as retain's "generic" CSV files (docs/import-formats.md).
//
// Customers buy by a BG/NBD-like repeat-buying process (see purchase_process.h);
// output is streamed customer by customer, so memory does not grow with the
// number of customers, and is byte-identical for the same options.
//
//   GenOptions o;
//   o.customers = 100000;
//   Result<GenStats> s = GenerateShop(o, "/tmp/shop");
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::synth {

struct GenOptions {
  // Number of customers to write; must be >= 1.
  int64_t customers = 10000;
  // Same seed and options => byte-identical files; different seeds => different shops.
  uint64_t seed = 42;
  // Length of the history in years; must be >= 1. The history starts the day
  // after the same calendar date `years` years before `end`.
  int years = 3;
  // Last day of the history (inclusive); no order or return is dated later.
  // Default 2025-12-31.
  core::Day end = 20453;
  // Share of company (B2B) accounts, in [0, 1].
  double b2b_share = 0.05;
};

// What was written: the number of data rows (header excluded) of each file.
struct GenStats {
  int64_t customers = 0;
  int64_t products = 0;
  int64_t orders = 0;
  int64_t order_lines = 0;
  int64_t returns = 0;
};

// The first day of the history GenerateShop writes for `options`.
core::Day HistoryStart(const GenOptions& options);

// Writes customers.csv, products.csv, orders.csv, order_lines.csv and
// returns.csv into `out_dir` (created if missing; existing files are replaced).
// `progress`, if set, is called now and then, and once at the end, with
// (customers_done, customers_total).
// Errors: kInvalidArgument for customers < 1, years < 1, b2b_share outside
// [0, 1] or an end date outside the years 1900-9999; kIo when the directory
// or a file cannot be created or written (files written so far stay).
core::Result<GenStats> GenerateShop(const GenOptions& options, const std::string& out_dir,
                                    const std::function<void(int64_t, int64_t)>& progress = {});

}  // namespace retain::synth
