#include "retain/analytics/clv_score.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "retain/analytics/distinct_index.h"
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
  // Forecasts if alive once per distinct (x, T).
  const DistinctIndex<PairKey> pairs =
      IndexDistinct<PairKey, PairHash>(customers.size(), [&](size_t i) {
        return PairKey{customers[i].x, customers[i].T};
      });
  std::vector<AliveForecast> forecasts(pairs.values.size());
  core::ParallelFor(
      pairs.values.size(),
      [&](size_t begin, size_t end) {
        for (size_t k = begin; k < end; ++k) {
          const PairKey& key = pairs.values[k];
          forecasts[k] = ForecastIfAlive(purchases, key.x, key.T, options);
        }
      },
      16);
  std::vector<CustomerScore> scores(customers.size());
  core::ParallelFor(customers.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const RfCustomer& c = customers[i];
      scores[i] =
          Combine(forecasts[pairs.index[i]], BgNbdPAlive(purchases, c.x, c.t_x, c.T),
                  GammaGammaExpectedValue(spend, c.x, c.monetary * monetary_scale), options);
    }
  });
  return scores;
}

}  // namespace retain::analytics
