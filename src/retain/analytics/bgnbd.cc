#include "retain/analytics/bgnbd.h"

#include <boost/math/quadrature/tanh_sinh.hpp>
#include "retain/analytics/digamma.h"
#include "retain/analytics/hyp2f1.h"
#include "retain/analytics/ml_optimizer.h"

#include <cmath>
#include <limits>

namespace retain::analytics {
namespace {

// log(exp(u) + exp(v)) without overflow, and the weights of u and v.
double LogSumExp(double u, double v, double& wu, double& wv) {
  const double m = std::max(u, v);
  const double eu = std::exp(u - m), ev = std::exp(v - m);
  wu = eu / (eu + ev);
  wv = ev / (eu + ev);
  return m + std::log(eu + ev);
}

// Expected purchases in the next t of a customer alive now whose purchase
// rate is Gamma(r, alpha) and dropout probability Beta(a, b) (the posterior
// after x purchases: r+x, alpha+T, a, b+x):
//   (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].
double ExpectedWhileAlive(double r, double alpha, double a, double b, double t) {
  if (!(t > 0)) return 0;
  const double c = a + b - 1;
  if (c > 0 && std::fabs(a - 1) >= 1e-3) {
    const LogHyp2f1Result h = LogHyp2f1(r, b, c, t / (alpha + t));
    if (h.converged) {
      // 1 - e^L with L the log of the subtracted term, without cancellation.
      const double log_term = -r * std::log1p(t / alpha) + h.log_value;
      return c / (a - 1) * -std::expm1(log_term);
    }
  }
  // E_p[(1 - (1 + p t/alpha)^-r) / p] over p ~ Beta(a, b); xc is the distance
  // to the nearer end (negative near 0), so 1 - p stays exact near 1.
  const double log_beta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const auto integrand = [&](double p, double xc) {
    if (!(p > 0) || !(p < 1)) return 0.0;
    const double log_q = xc > 0 ? std::log(xc) : std::log1p(-p);
    const double spend = -std::expm1(-r * std::log1p(p * t / alpha)) / p;
    return spend * std::exp((a - 1) * std::log(p) + (b - 1) * log_q - log_beta);
  };
  try {
    boost::math::quadrature::tanh_sinh<double> integrator;
    return integrator.integrate(integrand, 0.0, 1.0, 1e-12);
  } catch (const std::exception&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
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
    g[0] = Digamma(r + x) - Digamma(r) + std::log(al) - w3 * std::log(al + T);
    g[1] = r / al - w3 * (r + x) / (al + T);
    g[2] = Digamma(a + b) - Digamma(a + b + x);
    g[3] = Digamma(a + b) + Digamma(b + x) - Digamma(b) - Digamma(a + b + x);
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
  return WeightedLogLikelihood<4>(data, grad, [&](const RfTuple& t, std::array<double, 4>* g) {
    return BgNbdLogLikelihood(p, t.x, t.t_x, t.T, g);
  });
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
  const auto total = [&](const std::array<double, 4>& th, std::array<double, 4>* g) {
    return BgNbdTotalLogLikelihood({th[0], th[1], th[2], th[3]}, data, g);
  };
  const MlResult r = MaximizeTotalLogLikelihood<4>(
      total, customers, {options.start.r, options.start.alpha, options.start.a, options.start.b},
      options.max_evaluations);
  fit.params = {r.theta[0], r.theta[1], r.theta[2], r.theta[3]};
  SetFitOutcome(r, customers, fit);
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

double BgNbdExpectedIfAlive(const BgNbdParams& p, double t, double x, double T) {
  return ExpectedWhileAlive(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

double BgNbdConditionalExpected(const BgNbdParams& p, double t, double x, double t_x, double T) {
  return BgNbdExpectedIfAlive(p, t, x, T) * BgNbdPAlive(p, x, t_x, T);
}

double BgNbdExpected(const BgNbdParams& p, double t) {
  return ExpectedWhileAlive(p.r, p.alpha, p.a, p.b, t);
}

}  // namespace retain::analytics
