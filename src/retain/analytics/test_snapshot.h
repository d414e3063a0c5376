// Test helper (header only, used by *_test.cc): builds a Snapshot from a
// compact per-customer description.
//
//   Snapshot s = BuildSnapshot({{.orders = {{100, 500}, {130, 700}}}, {}});
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "retain/analytics/snapshot.h"

namespace retain::analytics::testing {

struct TestCustomer {
  std::vector<std::pair<core::Day, int64_t>> orders;   // {day, amount}; any order
  std::vector<std::pair<core::Day, int64_t>> returns;  // {day, amount}; any order
};

// Customer i gets external id "c<i>". Orders and returns are sorted by day
// (stable, so same-day entries keep their given order).
inline Snapshot BuildSnapshot(const std::vector<TestCustomer>& customers) {
  SnapshotBuilder b;
  for (size_t i = 0; i < customers.size(); ++i) {
    b.AddCustomer(static_cast<int64_t>(i), "c" + std::to_string(i));
  }
  auto by_day = [](const auto& x, const auto& y) { return x.first < y.first; };
  for (size_t i = 0; i < customers.size(); ++i) {
    auto orders = customers[i].orders;
    std::stable_sort(orders.begin(), orders.end(), by_day);
    for (auto [day, amount] : orders) b.AddOrder(static_cast<int64_t>(i), day, amount, 0);
  }
  for (size_t i = 0; i < customers.size(); ++i) {
    auto returns = customers[i].returns;
    std::stable_sort(returns.begin(), returns.end(), by_day);
    for (auto [day, amount] : returns) b.AddReturn(static_cast<int64_t>(i), day, amount);
  }
  return b.Finish();
}

}  // namespace retain::analytics::testing
