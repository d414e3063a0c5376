// Segment benchmarks (make bench): a five-clause rule over 1 and 10 million
// customers' figures (parse + evaluation; the table is built once).
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <random>

#include "retain/analytics/customer_table.h"
#include "retain/analytics/segment_rule.h"

namespace {

using namespace retain;

constexpr core::Day kToday = 20453;  // 2025-12-31

const analytics::CustomerTable& Table(int64_t n) {
  static std::map<int64_t, analytics::CustomerTable> cache;
  if (auto it = cache.find(n); it != cache.end()) return it->second;
  cache.clear();  // one size at a time
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> orders(0, 12), days(0, 1000), country(0, 19), stage(0, 5);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> order_count(n), silent(n), alive(n);
  std::vector<uint8_t> country_of(n), stage_of(n);
  for (int64_t c = 0; c < n; ++c) {
    order_count[c] = orders(rng);
    silent[c] = order_count[c] > 0 ? days(rng) : NAN;
    alive[c] = uniform(rng) < 0.9 ? uniform(rng) : NAN;
    country_of[c] = static_cast<uint8_t>(country(rng));
    stage_of[c] = static_cast<uint8_t>(stage(rng));
  }
  const char* countries[] = {"DE", "AT", "CH", "FR", "NL", "BE", "DK", "PL", "CZ", "IT",
                             "ES", "SE", "NO", "FI", "LU", "GB", "IE", "PT", "HU", "SK"};
  const char* stages[] = {"new", "active", "at_risk", "lapsed", "churned", "reactivated"};
  analytics::CustomerTable t(static_cast<size_t>(n), kToday);
  t.AddNumber("orders", "", std::move(order_count));
  t.AddNumber("days_since_last_order", "", std::move(silent));
  t.AddNumber("p_alive", "", std::move(alive));
  t.AddText("country", "", [&](size_t c) { return countries[country_of[c]]; });
  t.AddText("lifecycle", "", [&](size_t c) { return stages[stage_of[c]]; });
  return cache.emplace(n, std::move(t)).first->second;
}

void BM_SegmentFiveClauses(benchmark::State& state) {
  const auto& table = Table(state.range(0));
  size_t matching = 0;
  for (auto _ : state) {
    auto rule = analytics::ParseRule(
        "country = \"DE\" and orders >= 2 and days_since_last_order > 90 and p_alive < 0.5 "
        "and lifecycle in (\"at_risk\", \"lapsed\")",
        table.fields());
    if (!rule) state.SkipWithError(rule.error().message().c_str());
    const auto members = analytics::MatchCustomers(*rule, table);
    matching = members.size();
    benchmark::DoNotOptimize(members.data());
  }
  state.counters["customers"] = static_cast<double>(table.customers());
  state.counters["matching"] = static_cast<double>(matching);
}
BENCHMARK(BM_SegmentFiveClauses)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
