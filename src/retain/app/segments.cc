#include "retain/app/segments.h"

#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "retain/analytics/customer_figures.h"
#include "retain/analytics/segment_rule.h"

namespace retain::app {

core::Result<analytics::CustomerTable> LoadCustomerTable(AnalyticsSession& session,
                                                         std::optional<core::Day> as_of) {
  const analytics::Snapshot& s = session.snapshot;
  const core::Day day = as_of.value_or(s.LastOrderDay());
  analytics::CustomerTable table =
      analytics::BuildCustomerTable(s, day, analytics::DefaultSegmentMap());

  const size_t n = s.customers();
  std::unordered_map<std::string_view, uint32_t> index;
  index.reserve(n);
  for (size_t c = 0; c < n; ++c) index.emplace(s.customer_ids[c], static_cast<uint32_t>(c));
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> alive(n, kNone), e30(n, kNone), e90(n, kNone), e365(n, kNone),
      value(n, kNone), clv(n, kNone);
  std::vector<std::string> risk(n);
  auto scanned = session.store->ScanClvScores([&](const storage::ClvScoreRecord& r) {
    auto it = index.find(r.customer_id);
    if (it == index.end()) return;  // imported after the snapshot was built
    const uint32_t c = it->second;
    alive[c] = r.p_alive;
    e30[c] = r.expected_30d;
    e90[c] = r.expected_90d;
    e365[c] = r.expected_365d;
    value[c] = r.expected_value_minor / 100.0;
    clv[c] = r.clv_minor / 100.0;
    risk[c] = r.risk;
  });
  if (!scanned.ok()) return core::Err(scanned);
  table.AddNumber("p_alive", "probability of still being a customer, 0..1 (retain clv score)",
                  std::move(alive));
  table.AddNumber("expected_purchases_30d", "expected purchases in the next 30 days",
                  std::move(e30));
  table.AddNumber("expected_purchases_90d", "expected purchases in the next 90 days",
                  std::move(e90));
  table.AddNumber("expected_purchases_365d", "expected purchases in the next 365 days",
                  std::move(e365));
  table.AddNumber("expected_order_value", "expected value of a purchase, in currency units",
                  std::move(value));
  table.AddNumber("clv", "predicted lifetime value over the scoring horizon, in currency units",
                  std::move(clv));
  table.AddText("risk", "churn-risk band: low, medium or high",
                [&](size_t c) { return std::string_view(risk[c]); });
  return table;
}

core::Result<SegmentMatch> MatchSegment(const analytics::CustomerTable& table,
                                        const std::string& rule) {
  auto parsed = analytics::ParseRule(rule, table.fields());
  if (!parsed) return core::Err(parsed.error().WithPrefix("rule"));
  SegmentMatch m;
  m.as_of = table.today();
  m.customers = static_cast<int64_t>(table.customers());
  m.members = analytics::MatchCustomers(*parsed, table);
  return m;
}

}  // namespace retain::app
