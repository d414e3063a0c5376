#include "retain/analytics/mbgnbd.h"

#include "retain/analytics/digamma.h"
#include "retain/analytics/log_sum_exp.h"
#include "retain/analytics/ml_optimizer.h"

#include <cmath>

namespace retain::analytics {
// L = A1 * A2 * (A3 + A4) with
//   A1 = G(r+x) alpha^r / G(r),
//   A2 = B(a, b+x+1) / B(a, b)   (survived time zero and the x purchases),
//   A3 = (alpha+T)^-(r+x)         (still alive at T),
//   A4 = a/(b+x) (alpha+t_x)^-(r+x) (dropped out right after the last purchase,
//                                    or at time zero when x = 0).
// Unlike BG/NBD, A4 is present for x = 0 too.
double MbgNbdLogLikelihood(const MbgNbdParams& p, double x, double t_x, double T,
                           std::array<double, 4>* grad) {
  const double r = p.r, al = p.alpha, a = p.a, b = p.b;
  const double ln_a1 = std::lgamma(r + x) - std::lgamma(r) + r * std::log(al);
  const double ln_a2 =
      std::lgamma(a + b) + std::lgamma(b + x + 1) - std::lgamma(b) - std::lgamma(a + b + x + 1);
  const double ln_a3 = -(r + x) * std::log(al + T);
  const double ln_a4 = std::log(a) - std::log(b + x) - (r + x) * std::log(al + t_x);
  double w3 = 0, w4 = 0;
  const double ll = ln_a1 + ln_a2 + LogSumExp(ln_a3, ln_a4, w3, w4);
  if (grad) {
    auto& g = *grad;
    g[0] = Digamma(r + x) - Digamma(r) + std::log(al) - w3 * std::log(al + T) -
           w4 * std::log(al + t_x);
    g[1] = r / al - w3 * (r + x) / (al + T) - w4 * (r + x) / (al + t_x);
    g[2] = Digamma(a + b) - Digamma(a + b + x + 1) + w4 / a;
    g[3] = Digamma(a + b) + Digamma(b + x + 1) - Digamma(b) - Digamma(a + b + x + 1) - w4 / (b + x);
  }
  return ll;
}

double MbgNbdTotalLogLikelihood(const MbgNbdParams& p, const std::vector<RfTuple>& data,
                                std::array<double, 4>* grad) {
  return WeightedLogLikelihood<4>(data, grad, [&](const RfTuple& t, std::array<double, 4>* g) {
    return MbgNbdLogLikelihood(p, t.x, t.t_x, t.T, g);
  });
}

MbgNbdFit FitMbgNbd(const std::vector<RfTuple>& data, const MbgNbdFitOptions& options) {
  MbgNbdFit fit;
  fit.params = options.start;
  double customers = 0;
  for (const auto& t : data) customers += t.weight;
  if (data.empty() || customers <= 0) {
    fit.message = "no customers to fit";
    return fit;
  }
  const auto make_total = [](const std::vector<RfTuple>& records) {
    return [&records](const std::array<double, 4>& th, std::array<double, 4>* g) {
      return MbgNbdTotalLogLikelihood({th[0], th[1], th[2], th[3]}, records, g);
    };
  };
  const MlResult r = MaximizeRecordsLogLikelihood<4>(
      data, customers, make_total,
      {options.start.r, options.start.alpha, options.start.a, options.start.b},
      options.max_evaluations);
  fit.params = {r.theta[0], r.theta[1], r.theta[2], r.theta[3]};
  SetFitOutcome(r, customers, fit);
  return fit;
}

double MbgNbdPAlive(const MbgNbdParams& p, double x, double t_x, double T) {
  // P(alive) = 1 / (1 + A4 / A3).
  const double log_ratio = std::log(p.a) - std::log(p.b + x) +
                           (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  return InverseOnePlusExp(log_ratio);
}

}  // namespace retain::analytics
