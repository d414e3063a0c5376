#include "retain/analytics/rf_summary.h"

#include <algorithm>
#include <tuple>

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

std::vector<RfTuple> CompressRf(const std::vector<RfCustomer>& customers) {
  std::vector<RfTuple> t;
  t.reserve(customers.size());
  for (const auto& c : customers) t.push_back({c.x, c.t_x, c.T, 1});
  auto key = [](const RfTuple& a) { return std::tie(a.x, a.t_x, a.T); };
  auto less = [&](const RfTuple& a, const RfTuple& b) { return key(a) < key(b); };
  // Sort slices in parallel, then merge them.
  constexpr size_t kSlice = 1 << 16;
  core::ParallelFor(
      t.size(),
      [&](size_t begin, size_t end) { std::sort(t.begin() + begin, t.begin() + end, less); },
      kSlice);
  const core::Slices slices = core::SliceRange(t.size(), kSlice);
  for (size_t k = 1; k < slices.count; ++k) {
    std::inplace_merge(t.begin(), t.begin() + k * slices.step,
                       t.begin() + std::min(t.size(), (k + 1) * slices.step), less);
  }
  std::vector<RfTuple> out;
  for (const auto& e : t) {
    if (!out.empty() && key(out.back()) == key(e)) {
      out.back().weight += 1;
    } else {
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace retain::analytics
