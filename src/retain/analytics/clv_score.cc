#include "retain/analytics/clv_score.h"

#include <cmath>

namespace retain::analytics {
namespace {
constexpr double kDaysPerMonth = 30.4375;
}

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
  CustomerScore s;
  const double unit = options.time_unit_days;
  auto expected = [&](double days) {
    const double e = BgNbdConditionalExpected(purchases, days / unit, x, t_x, T);
    return std::isfinite(e) && e > 0 ? e : 0.0;
  };
  s.p_alive = BgNbdPAlive(purchases, x, t_x, T);
  s.expected_30d = expected(30);
  s.expected_90d = expected(90);
  s.expected_365d = expected(365);
  s.expected_value = GammaGammaExpectedValue(spend, x, m);
  if (!std::isfinite(s.expected_value) || s.expected_value < 0) s.expected_value = 0;
  double previous = 0;
  for (int k = 1; k <= options.horizon_months; ++k) {
    const double cumulative = expected(k * kDaysPerMonth);
    s.clv += (cumulative - previous) * s.expected_value / std::pow(1 + options.discount_monthly, k);
    previous = cumulative;
  }
  s.expected_horizon = previous;
  s.risk = s.p_alive < options.high_risk_below     ? RiskBand::kHigh
           : s.p_alive < options.medium_risk_below ? RiskBand::kMedium
                                                   : RiskBand::kLow;
  return s;
}

}  // namespace retain::analytics
