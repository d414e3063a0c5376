#include "retain/analytics/customer_figures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "retain/analytics/lifecycle.h"
#include "retain/core/parallel.h"

namespace retain::analytics {

namespace {

// Whole years from birth to today; NaN when unknown or not yet born.
double AgeOn(core::Day birth, core::Day today) {
  if (birth == CustomerProfiles::kNoBirthDay || birth > today) return NAN;
  const core::CivilDate b = core::CivilFromDay(birth), now = core::CivilFromDay(today);
  const bool had_birthday = now.month > b.month || (now.month == b.month && now.day >= b.day);
  return now.year - b.year - (had_birthday ? 0 : 1);
}

void AddProfileFields(const Snapshot& s, CustomerTable& t) {
  const CustomerProfiles& p = s.profiles;
  const std::pair<const char*, const TextColumn*> texts[] = {{"country", &p.country},
                                                             {"postal_code", &p.postal_code},
                                                             {"city", &p.city},
                                                             {"gender", &p.gender},
                                                             {"language", &p.language},
                                                             {"customer_type", &p.kind},
                                                             {"consent_email", &p.consent_email},
                                                             {"consent_sms", &p.consent_sms},
                                                             {"consent_phone", &p.consent_phone},
                                                             {"consent_letter", &p.consent_letter}};
  const char* descriptions[] = {"ISO country code, for example \"DE\"",
                                "postal code (text: starts_with(postal_code, \"8\"))",
                                "city",
                                "\"f\", \"m\" or \"d\"",
                                "language code, for example \"de\"",
                                "\"b2c\" or \"b2b\"",
                                "\"granted\", \"denied\" or no value (unknown)",
                                "\"granted\", \"denied\" or no value (unknown)",
                                "\"granted\", \"denied\" or no value (unknown)",
                                "\"granted\", \"denied\" or no value (unknown)"};
  for (size_t k = 0; k < std::size(texts); ++k) {
    t.AddText(texts[k].first, descriptions[k], *texts[k].second);
  }
  std::vector<double> age(t.customers(), NAN);
  for (size_t c = 0; c < t.customers() && c < p.birth_day.size(); ++c) {
    age[c] = AgeOn(p.birth_day[c], t.today());
  }
  t.AddNumber("age", "age in whole years today", std::move(age));
}

}  // namespace

CustomerTable BuildCustomerTable(const Snapshot& s, core::Day as_of,
                                 const std::vector<RfmSegmentRule>& segment_map) {
  const size_t n = s.customers();
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> orders(n), revenue(n), aov(n, kNone), first(n, kNone), last(n, kNone),
      silent(n, kNone), returns(n), returned(n), return_rate(n, kNone);
  std::vector<int8_t> stage(n, -1);
  LifecycleOptions lifecycle;
  if (auto median = MedianInterPurchaseGap(s, as_of)) lifecycle.default_gap_days = *median;
  core::ParallelFor(n, [&](size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      const int64_t from = s.order_offsets[c];
      int64_t to = from;
      int64_t amount = 0;
      while (to < s.order_offsets[c + 1] && s.order_day[to] <= as_of)
        amount += s.order_amount[to++];
      orders[c] = static_cast<double>(to - from);
      revenue[c] = amount / 100.0;
      if (to > from) {
        aov[c] = revenue[c] / orders[c];
        first[c] = s.order_day[from];
        last[c] = s.order_day[to - 1];
        silent[c] = as_of - s.order_day[to - 1];
        const std::span<const core::Day> days(s.order_day.data() + from,
                                              static_cast<size_t>(to - from));
        if (auto st = ClassifyLifecycle(days, as_of, lifecycle))
          stage[c] = static_cast<int8_t>(*st);
      }
      int64_t back = 0, count = 0;
      for (int64_t k = s.return_offsets[c]; k < s.return_offsets[c + 1]; ++k) {
        if (s.return_day[k] > as_of) continue;
        back += s.return_amount[k];
        ++count;
      }
      returns[c] = static_cast<double>(count);
      returned[c] = back / 100.0;
      if (amount > 0) return_rate[c] = static_cast<double>(back) / static_cast<double>(amount);
    }
  });
  CustomerTable t(n, as_of);
  AddProfileFields(s, t);
  t.AddNumber("orders", "orders up to today", std::move(orders));
  t.AddNumber("revenue", "sum of the orders up to today, in currency units", std::move(revenue));
  t.AddNumber("average_order_value", "revenue / orders (no value without orders)", std::move(aov));
  t.AddNumber("first_order", "day of the first order", std::move(first), ValueType::kDate);
  t.AddNumber("last_order", "day of the latest order", std::move(last), ValueType::kDate);
  t.AddNumber("days_since_last_order", "days from the latest order to today", std::move(silent));
  t.AddNumber("returns", "returns up to today", std::move(returns));
  t.AddNumber("returned", "value returned up to today, in currency units", std::move(returned));
  t.AddNumber("return_rate", "returned / revenue, 0..1 (no value without revenue)",
              std::move(return_rate));
  t.AddText("lifecycle", "new, active, at_risk, lapsed, churned or reactivated", [&](size_t c) {
    return stage[c] < 0 ? std::string_view()
                        : LifecycleStageName(static_cast<LifecycleStage>(stage[c]));
  });

  RfmOptions rfm_options;
  rfm_options.as_of = as_of;
  rfm_options.segment_map = segment_map;
  const RfmReport rfm = ComputeRfm(s, rfm_options);
  std::vector<double> r(n, kNone), f(n, kNone), m(n, kNone);
  std::vector<int> segment(n, -1);
  for (const auto& rc : rfm.customers) {
    r[rc.customer] = rc.r;
    f[rc.customer] = rc.f;
    m[rc.customer] = rc.m;
    segment[rc.customer] = rc.segment;
  }
  t.AddNumber("rfm_r", "RFM recency score 1..5 (5 = most recent)", std::move(r));
  t.AddNumber("rfm_f", "RFM frequency score 1..5", std::move(f));
  t.AddNumber("rfm_m", "RFM monetary score 1..5", std::move(m));
  t.AddText("rfm_segment", "RFM segment name, for example \"Champions\"", [&](size_t c) {
    return segment[c] < 0 ? std::string_view() : std::string_view(segment_map[segment[c]].name);
  });
  return t;
}

}  // namespace retain::analytics
