#include "retain/analytics/gamma_gamma.h"

#include "retain/analytics/digamma.h"
#include "retain/analytics/ml_optimizer.h"

#include <cmath>

namespace retain::analytics {

double GammaGammaLogLikelihood(const GammaGammaParams& g, double x, double m,
                               std::array<double, 3>* grad) {
  const double p = g.p, q = g.q, gm = g.gamma;
  const double px = p * x;
  const double ll = std::lgamma(px + q) - std::lgamma(px) - std::lgamma(q) + q * std::log(gm) +
                    (px - 1) * std::log(m) + px * std::log(x) - (px + q) * std::log(gm + x * m);
  if (grad) {
    (*grad)[0] =
        x * (Digamma(px + q) - Digamma(px) + std::log(m) + std::log(x) - std::log(gm + x * m));
    (*grad)[1] = Digamma(px + q) - Digamma(q) + std::log(gm) - std::log(gm + x * m);
    (*grad)[2] = q / gm - (px + q) / (gm + x * m);
  }
  return ll;
}

double GammaGammaTotalLogLikelihood(const GammaGammaParams& g, const std::vector<SpendTuple>& data,
                                    std::array<double, 3>* grad) {
  return WeightedLogLikelihood<3>(data, grad, [&](const SpendTuple& t, std::array<double, 3>* d) {
    return GammaGammaLogLikelihood(g, t.x, t.m, d);
  });
}

GammaGammaFit FitGammaGamma(const std::vector<SpendTuple>& data, const GammaGammaParams& start) {
  GammaGammaFit fit;
  fit.params = start;
  std::vector<SpendTuple> used;
  double customers = 0;
  for (const auto& t : data) {
    if (t.x >= 1 && t.m > 0) {
      used.push_back(t);
      customers += t.weight;
    }
  }
  if (used.empty() || customers <= 0) {
    fit.message = "no repeat buyers with a positive spend to fit";
    return fit;
  }
  const auto total = [&](const std::array<double, 3>& th, std::array<double, 3>* g) {
    return GammaGammaTotalLogLikelihood({th[0], th[1], th[2]}, used, g);
  };
  const MlResult r =
      MaximizeTotalLogLikelihood<3>(total, customers, {start.p, start.q, start.gamma});
  fit.params = {r.theta[0], r.theta[1], r.theta[2]};
  SetFitOutcome(r, customers, fit);
  return fit;
}

double GammaGammaExpectedValue(const GammaGammaParams& g, double x, double m) {
  const double population = g.p * g.gamma / (g.q - 1);
  if (x <= 0) return population;
  const double w = (g.q - 1) / (g.p * x + g.q - 1);
  return w * population + (1 - w) * m;
}

}  // namespace retain::analytics
