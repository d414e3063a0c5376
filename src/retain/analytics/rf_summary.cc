#include "retain/analytics/rf_summary.h"

#include <algorithm>
#include <bit>
#include <compare>
#include <tuple>

#include <boost/sort/sort.hpp>

#include "retain/core/parallel.h"

namespace retain::analytics {

std::vector<RfCustomer> BuildRfSummary(const Snapshot& s, core::Day calibration_end,
                                       double time_unit_days) {
  std::vector<RfCustomer> out;
  out.reserve(s.customers());
  for (size_t c = 0; c < s.customers(); ++c) {
    const int64_t begin = s.order_offsets[c], end = s.order_offsets[c + 1];
    if (begin == end || s.order_day[begin] > calibration_end) continue;
    const core::Day first = s.order_day[begin];
    core::Day last = first, day = first;
    int64_t repeat_days = 0, repeat_value = 0, day_value = 0;
    for (int64_t k = begin; k < end && s.order_day[k] <= calibration_end; ++k) {
      if (s.order_day[k] != day) {
        if (day != first) repeat_value += day_value;
        day = s.order_day[k];
        day_value = 0;
        ++repeat_days;
        last = day;
      }
      day_value += s.order_amount[k];
    }
    if (day != first) repeat_value += day_value;
    RfCustomer r;
    r.customer = c;
    r.x = static_cast<double>(repeat_days);
    r.t_x = (last - first) / time_unit_days;
    r.T = (calibration_end - first) / time_unit_days;
    r.monetary = repeat_days > 0 ? static_cast<double>(repeat_value) / repeat_days : 0;
    out.push_back(r);
  }
  return out;
}

namespace {

// A tuple as three integers that sort like its (x, t_x, T): for doubles >= 0
// the bit pattern orders like the value (adding 0.0 turns -0 into +0).
struct TupleKey {
  uint64_t x, t_x, T;
  auto operator<=>(const TupleKey&) const = default;
};

uint64_t Bits(double v) { return std::bit_cast<uint64_t>(v + 0.0); }

}  // namespace

std::vector<RfTuple> CompressRf(const std::vector<RfCustomer>& customers) {
  const size_t n = customers.size();
  std::vector<TupleKey> keys(n);
  core::ParallelFor(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const RfCustomer& c = customers[i];
      keys[i] = {Bits(c.x), Bits(c.t_x), Bits(c.T)};
    }
  });
  boost::sort::block_indirect_sort(keys.begin(), keys.end(),
                                   static_cast<uint32_t>(core::WorkerThreads()));
  size_t distinct = 0;
  for (size_t i = 0; i < n; ++i) distinct += i == 0 || keys[i] != keys[i - 1];
  std::vector<RfTuple> out;
  out.reserve(distinct);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && keys[i] == keys[i - 1]) {
      out.back().weight += 1;
    } else {
      const TupleKey& k = keys[i];
      out.push_back({std::bit_cast<double>(k.x), std::bit_cast<double>(k.t_x),
                     std::bit_cast<double>(k.T), 1});
    }
  }
  return out;
}

}  // namespace retain::analytics
