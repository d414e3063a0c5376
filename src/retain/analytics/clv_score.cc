#include "retain/analytics/clv_score.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "retain/core/parallel.h"

namespace retain::analytics {
namespace {

constexpr double kDaysPerMonth = 30.4375;

// What a customer with (x, T) is expected to buy if alive: purchases in the
// next 30/90/365 days and over the horizon, and the discounted monthly sum
// sum_k (E_k - E_{k-1}) / (1 + d)^k.
struct AliveForecast {
  double e30 = 0, e90 = 0, e365 = 0, horizon = 0, discounted = 0;
};

AliveForecast ForecastIfAlive(const BgNbdParams& bg, double x, double T, const ScoreOptions& o) {
  auto expected = [&](double days) {
    const double e = BgNbdExpectedIfAlive(bg, days / o.time_unit_days, x, T);
    return std::isfinite(e) && e > 0 ? e : 0.0;
  };
  AliveForecast f;
  f.e30 = expected(30);
  f.e90 = expected(90);
  f.e365 = expected(365);
  double previous = 0;
  for (int k = 1; k <= o.horizon_months; ++k) {
    const double cumulative = expected(k * kDaysPerMonth);
    f.discounted += (cumulative - previous) / std::pow(1 + o.discount_monthly, k);
    previous = cumulative;
  }
  f.horizon = previous;
  return f;
}

CustomerScore Combine(const AliveForecast& f, double p_alive, double expected_value,
                      const ScoreOptions& o) {
  CustomerScore s;
  s.p_alive = p_alive;
  s.expected_30d = p_alive * f.e30;
  s.expected_90d = p_alive * f.e90;
  s.expected_365d = p_alive * f.e365;
  s.expected_horizon = p_alive * f.horizon;
  s.expected_value = std::isfinite(expected_value) && expected_value > 0 ? expected_value : 0;
  s.clv = s.expected_value * p_alive * f.discounted;
  s.risk = p_alive < o.high_risk_below     ? RiskBand::kHigh
           : p_alive < o.medium_risk_below ? RiskBand::kMedium
                                           : RiskBand::kLow;
  return s;
}

struct PairKey {
  double x, T;
  bool operator==(const PairKey&) const = default;
};

struct PairHash {
  size_t operator()(const PairKey& k) const {
    uint64_t a, b;
    std::memcpy(&a, &k.x, sizeof a);
    std::memcpy(&b, &k.T, sizeof b);
    return std::hash<uint64_t>{}(a * 0x9E3779B97F4A7C15ULL ^ b);
  }
};

}  // namespace

std::string_view RiskBandName(RiskBand band) {
  switch (band) {
    case RiskBand::kHigh:
      return "high";
    case RiskBand::kMedium:
      return "medium";
    default:
      return "low";
  }
}

CustomerScore ScoreCustomer(const BgNbdParams& purchases, const GammaGammaParams& spend, double x,
                            double t_x, double T, double m, const ScoreOptions& options) {
  return Combine(ForecastIfAlive(purchases, x, T, options), BgNbdPAlive(purchases, x, t_x, T),
                 GammaGammaExpectedValue(spend, x, m), options);
}

std::vector<CustomerScore> ScoreCustomers(const BgNbdParams& purchases,
                                          const GammaGammaParams& spend,
                                          const std::vector<RfCustomer>& customers,
                                          double monetary_scale, const ScoreOptions& options) {
  // Distinct (x, T) pairs, numbered in order of first appearance: each slice
  // of customers numbers its own, then the slices' pairs are merged in order.
  using Index = std::unordered_map<PairKey, uint32_t, PairHash>;
  constexpr size_t kSlice = 1 << 16;
  const core::Slices slices = core::SliceRange(customers.size(), kSlice);
  std::vector<uint32_t> pair_of(customers.size());
  std::vector<std::vector<PairKey>> slice_pairs(slices.count);
  core::ParallelForSlices(
      customers.size(),
      [&](size_t slice, size_t begin, size_t end) {
        Index local;
        auto& keys = slice_pairs[slice];
        for (size_t i = begin; i < end; ++i) {
          const PairKey key{customers[i].x, customers[i].T};
          auto [it, added] = local.try_emplace(key, static_cast<uint32_t>(keys.size()));
          if (added) keys.push_back(key);
          pair_of[i] = it->second;
        }
      },
      kSlice);
  Index index;
  std::vector<PairKey> pairs;
  for (size_t k = 0; k < slices.count; ++k) {
    std::vector<uint32_t> to_global;
    for (const PairKey& key : slice_pairs[k]) {
      auto [it, added] = index.try_emplace(key, static_cast<uint32_t>(pairs.size()));
      if (added) pairs.push_back(key);
      to_global.push_back(it->second);
    }
    const size_t end = std::min(customers.size(), (k + 1) * slices.step);
    for (size_t i = k * slices.step; i < end; ++i) pair_of[i] = to_global[pair_of[i]];
  }
  std::vector<AliveForecast> forecasts(pairs.size());
  core::ParallelFor(
      pairs.size(),
      [&](size_t begin, size_t end) {
        for (size_t k = begin; k < end; ++k) {
          forecasts[k] = ForecastIfAlive(purchases, pairs[k].x, pairs[k].T, options);
        }
      },
      16);
  std::vector<CustomerScore> scores(customers.size());
  core::ParallelFor(customers.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const RfCustomer& c = customers[i];
      scores[i] =
          Combine(forecasts[pair_of[i]], BgNbdPAlive(purchases, c.x, c.t_x, c.T),
                  GammaGammaExpectedValue(spend, c.x, c.monetary * monetary_scale), options);
    }
  });
  return scores;
}

}  // namespace retain::analytics
