// Test helper (header only, used by *_test.cc): the CDNOW 1/10 sample
// (tests/data/cdnow) as a snapshot, one order per row, for checking the BTYD
// models against their published fits.
//
//   const Snapshot s = testing::CdnowSample();
//   auto tuples = CompressRf(BuildRfSummary(s, core::DayFromCivil(1997, 9, 30), 7.0));
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace retain::analytics::testing {

// Customers get internal ids 1, 2, ... in file order; amounts in cents.
inline Snapshot CdnowSample() {
  std::ifstream in(std::string(RETAIN_SOURCE_DIR) + "/tests/data/cdnow/CDNOW_sample.txt");
  EXPECT_TRUE(in.good());
  SnapshotBuilder b;
  std::string line, last;
  int64_t id = 0;
  std::vector<std::tuple<int64_t, core::Day, int64_t>> orders;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string master, sample, date;
    int cds;
    double dollars;
    f >> master >> sample >> date >> cds >> dollars;
    if (master != last) {
      b.AddCustomer(++id, master);
      last = master;
    }
    orders.emplace_back(id, *core::ParseDate(date), std::llround(dollars * 100));
  }
  for (const auto& [c, d, v] : orders) b.AddOrder(c, d, v, 0);
  return b.Finish();
}

}  // namespace retain::analytics::testing
