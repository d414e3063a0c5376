#include "retain/analytics/rfm.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "retain/core/text.h"

namespace retain::analytics {
namespace {

// Sets score (via `set`) 1..5 by rank of `key` ascending, ties by index.
// `order` is scratch space of cs.size() (key, index) pairs, sorted directly
// for cache-friendly comparisons.
template <class Key, class Set>
void ScoreByRank(std::vector<RfmCustomer>& cs, std::vector<std::pair<int64_t, uint32_t>>& order,
                 Key key, Set set) {
  const size_t n = cs.size();
  for (size_t i = 0; i < n; ++i) order[i] = {key(cs[i]), static_cast<uint32_t>(i)};
  std::sort(order.begin(), order.end());
  for (size_t rank = 0; rank < n; ++rank) {
    set(cs[order[rank].second], 1 + static_cast<int>(rank * 5 / n));
  }
}

bool Contains(const RfmSegmentRule& rule, int r, int f) {
  return r >= rule.r_min && r <= rule.r_max && f >= rule.f_min && f <= rule.f_max;
}

}  // namespace

std::vector<RfmSegmentRule> DefaultSegmentMap() {
  return {
      {"Champions", 5, 5, 4, 5},           {"Loyal", 3, 4, 4, 5},
      {"Potential loyalists", 4, 5, 2, 3}, {"New", 5, 5, 1, 1},
      {"Promising", 4, 4, 1, 1},           {"Need attention", 3, 3, 3, 3},
      {"About to sleep", 3, 3, 1, 2},      {"At risk", 1, 2, 3, 4},
      {"Can't lose them", 1, 2, 5, 5},     {"Hibernating", 1, 2, 1, 2},
  };
}

RfmReport ComputeRfm(const Snapshot& s, const RfmOptions& opts) {
  RfmReport rep;
  for (size_t c = 0; c < s.customers(); ++c) {
    const core::Day* days = s.order_day.data();
    const int64_t lo = s.order_offsets[c];
    const int64_t hi =
        std::upper_bound(days + lo, days + s.order_offsets[c + 1], opts.as_of) - days;
    if (hi == lo) continue;
    RfmCustomer rc;
    rc.customer = c;
    rc.recency_days = opts.as_of - days[hi - 1];
    rc.frequency = hi - lo;
    for (int64_t k = lo; k < hi; ++k) rc.monetary += s.order_amount[k];
    rep.customers.push_back(rc);
  }

  std::vector<RfmCustomer>& cs = rep.customers;
  std::vector<std::pair<int64_t, uint32_t>> order(cs.size());
  if (!cs.empty()) {
    // Recency: larger day counts rank first (score 1); negate for an ascending sort.
    ScoreByRank(
        cs, order, [](const RfmCustomer& x) { return -static_cast<int64_t>(x.recency_days); },
        [](RfmCustomer& x, int v) { x.r = v; });
    ScoreByRank(
        cs, order, [](const RfmCustomer& x) { return x.frequency; },
        [](RfmCustomer& x, int v) { x.f = v; });
    ScoreByRank(
        cs, order, [](const RfmCustomer& x) { return x.monetary; },
        [](RfmCustomer& x, int v) { x.m = v; });
  }

  // Segment lookup per grid cell, then per-segment sums.
  int cell_segment[6][6];
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      cell_segment[r][f] = -1;
      for (size_t i = 0; i < opts.segment_map.size(); ++i) {
        if (Contains(opts.segment_map[i], r, f)) {
          cell_segment[r][f] = static_cast<int>(i);
          break;
        }
      }
    }
  }
  const size_t nseg = opts.segment_map.size();
  std::vector<double> sum_recency(nseg, 0), sum_frequency(nseg, 0);
  std::vector<int64_t> sum_monetary(nseg, 0);
  rep.segments.resize(nseg);
  int64_t total_monetary = 0;
  for (RfmCustomer& rc : cs) {
    total_monetary += rc.monetary;
    rc.segment = cell_segment[rc.r][rc.f];
    if (rc.segment < 0) {
      ++rep.unsegmented;
      continue;
    }
    ++rep.segments[rc.segment].customers;
    sum_recency[rc.segment] += rc.recency_days;
    sum_frequency[rc.segment] += static_cast<double>(rc.frequency);
    sum_monetary[rc.segment] += rc.monetary;
  }
  for (size_t i = 0; i < nseg; ++i) {
    RfmSegmentSummary& seg = rep.segments[i];
    seg.name = opts.segment_map[i].name;
    if (total_monetary != 0) {
      seg.revenue_share = static_cast<double>(sum_monetary[i]) / total_monetary * 100.0;
    }
    if (seg.customers > 0) {
      const double n = static_cast<double>(seg.customers);
      seg.avg_recency_days = sum_recency[i] / n;
      seg.avg_frequency = sum_frequency[i] / n;
      seg.avg_monetary = static_cast<double>(sum_monetary[i]) / n;
    }
  }
  return rep;
}

core::Result<std::vector<RfmSegmentRule>> ParseSegmentMap(std::string_view csv) {
  std::vector<RfmSegmentRule> rules;
  size_t line_no = 0;
  bool first_content_line = true;
  while (!csv.empty()) {
    const size_t eol = csv.find('\n');
    std::string_view line = csv.substr(0, eol);
    csv = eol == std::string_view::npos ? std::string_view{} : csv.substr(eol + 1);
    ++line_no;
    line = core::TrimView(line);
    if (line.empty() || line.front() == '#') continue;

    std::vector<std::string_view> fields;
    for (size_t pos = 0;;) {
      const size_t comma = line.find(',', pos);
      fields.push_back(core::TrimView(line.substr(pos, comma - pos)));
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    const std::string where = "segment map line " + std::to_string(line_no) + ": ";
    if (first_content_line && core::AsciiLower(fields[0]) == "name") {
      first_content_line = false;
      continue;
    }
    first_content_line = false;
    if (fields.size() != 5) {
      return core::Err(core::InvalidArgument(
          where + "expected 5 fields name,r_min,r_max,f_min,f_max but found " +
          std::to_string(fields.size())));
    }
    if (fields[0].empty()) return core::Err(core::InvalidArgument(where + "empty segment name"));
    static constexpr const char* kFieldNames[] = {"name", "r_min", "r_max", "f_min", "f_max"};
    int v[5] = {};
    for (int i = 1; i < 5; ++i) {
      const std::string_view f = fields[i];
      const auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), v[i]);
      if (ec != std::errc() || p != f.data() + f.size() || f.empty() || v[i] < 1 || v[i] > 5) {
        return core::Err(core::InvalidArgument(where + kFieldNames[i] + " \"" + std::string(f) +
                                               "\" is not a score 1..5"));
      }
    }
    if (v[1] > v[2]) return core::Err(core::InvalidArgument(where + "r_min is above r_max"));
    if (v[3] > v[4]) return core::Err(core::InvalidArgument(where + "f_min is above f_max"));
    rules.push_back({std::string(fields[0]), v[1], v[2], v[3], v[4]});
  }
  if (rules.empty()) return core::Err(core::InvalidArgument("segment map has no rules"));
  return rules;
}

std::vector<RfmCell> UncoveredCells(const std::vector<RfmSegmentRule>& map) {
  std::vector<RfmCell> out;
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      const bool covered = std::any_of(map.begin(), map.end(),
                                       [&](const RfmSegmentRule& x) { return Contains(x, r, f); });
      if (!covered) out.push_back({r, f});
    }
  }
  return out;
}

core::Status ValidateSegmentMap(const std::vector<RfmSegmentRule>& map) {
  const std::vector<RfmCell> cells = UncoveredCells(map);
  if (cells.empty()) return core::Status::Ok();
  std::string msg = "segment map leaves " + std::to_string(cells.size()) + " cell" +
                    (cells.size() == 1 ? "" : "s") + " uncovered: ";
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) msg += ", ";
    msg += "R" + std::to_string(cells[i].r) + "F" + std::to_string(cells[i].f);
  }
  return core::InvalidArgument(msg);
}

}  // namespace retain::analytics
