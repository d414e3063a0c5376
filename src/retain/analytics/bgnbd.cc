#include "retain/analytics/bgnbd.h"

#include <boost/math/special_functions/digamma.hpp>
#include "retain/analytics/ml_optimizer.h"

#include <cmath>

namespace retain::analytics {
namespace {

using boost::math::digamma;

// log(exp(u) + exp(v)) without overflow, and the weights of u and v.
double LogSumExp(double u, double v, double& wu, double& wv) {
  const double m = std::max(u, v);
  const double eu = std::exp(u - m), ev = std::exp(v - m);
  wu = eu / (eu + ev);
  wv = ev / (eu + ev);
  return m + std::log(eu + ev);
}

}  // namespace

double BgNbdLogLikelihood(const BgNbdParams& p, double x, double t_x, double T,
                          std::array<double, 4>* grad) {
  const double r = p.r, al = p.alpha, a = p.a, b = p.b;
  // ln A1 = ln G(r+x) - ln G(r) + r ln alpha
  const double ln_a1 = std::lgamma(r + x) - std::lgamma(r) + r * std::log(al);
  // ln A2 = ln G(a+b) + ln G(b+x) - ln G(b) - ln G(a+b+x)
  const double ln_a2 =
      std::lgamma(a + b) + std::lgamma(b + x) - std::lgamma(b) - std::lgamma(a + b + x);
  // ln A3 = -(r+x) ln(alpha+T); ln A4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x)
  const double ln_a3 = -(r + x) * std::log(al + T);
  double ll, w3 = 1, w4 = 0, ln_a4 = 0;
  if (x > 0) {
    ln_a4 = std::log(a) - std::log(b + x - 1) - (r + x) * std::log(al + t_x);
    ll = ln_a1 + ln_a2 + LogSumExp(ln_a3, ln_a4, w3, w4);
  } else {
    ll = ln_a1 + ln_a2 + ln_a3;
  }
  if (grad) {
    auto& g = *grad;
    g[0] = digamma(r + x) - digamma(r) + std::log(al) - w3 * std::log(al + T);
    g[1] = r / al - w3 * (r + x) / (al + T);
    g[2] = digamma(a + b) - digamma(a + b + x);
    g[3] = digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x);
    if (x > 0) {
      g[0] -= w4 * std::log(al + t_x);
      g[1] -= w4 * (r + x) / (al + t_x);
      g[2] += w4 / a;
      g[3] -= w4 / (b + x - 1);
    }
  }
  return ll;
}

double BgNbdTotalLogLikelihood(const BgNbdParams& p, const std::vector<RfTuple>& data,
                               std::array<double, 4>* grad) {
  double total = 0;
  if (grad) grad->fill(0);
  std::array<double, 4> g{};
  for (const auto& t : data) {
    total += t.weight * BgNbdLogLikelihood(p, t.x, t.t_x, t.T, grad ? &g : nullptr);
    if (grad) {
      for (int i = 0; i < 4; ++i) (*grad)[i] += t.weight * g[i];
    }
  }
  return total;
}

BgNbdFit FitBgNbd(const std::vector<RfTuple>& data, const BgNbdFitOptions& options) {
  BgNbdFit fit;
  fit.params = options.start;
  double customers = 0;
  for (const auto& t : data) customers += t.weight;
  if (data.empty() || customers <= 0) {
    fit.message = "no customers to fit";
    return fit;
  }
  const MeanLogLikelihood f = [&](const std::vector<double>& th, std::vector<double>* grad) {
    std::array<double, 4> g{};
    const double ll =
        BgNbdTotalLogLikelihood({th[0], th[1], th[2], th[3]}, data, grad ? &g : nullptr);
    if (grad) {
      grad->resize(4);
      for (int i = 0; i < 4; ++i) (*grad)[i] = g[i] / customers;
    }
    return ll / customers;
  };
  const auto& s = options.start;
  const MlResult r = MaximizeLogLikelihood(f, {s.r, s.alpha, s.a, s.b}, options.max_evaluations);
  fit.params = {r.theta[0], r.theta[1], r.theta[2], r.theta[3]};
  fit.log_likelihood = BgNbdTotalLogLikelihood(fit.params, data);
  fit.evaluations = r.evaluations;
  fit.converged = r.converged;
  fit.message = r.message;
  return fit;
}

double BgNbdPAlive(const BgNbdParams& p, double x, double t_x, double T) {
  if (x <= 0) return 1.0;
  const double log_ratio = std::log(p.a) - std::log(p.b + x - 1) +
                           (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  // 1 / (1 + e^log_ratio), stable for large log_ratio.
  return log_ratio > 0 ? std::exp(-log_ratio) / (1 + std::exp(-log_ratio))
                       : 1 / (1 + std::exp(log_ratio));
}

}  // namespace retain::analytics
