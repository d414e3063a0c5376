#include "retain/analytics/bgnbd.h"

#include <boost/math/quadrature/tanh_sinh.hpp>
#include "retain/analytics/digamma.h"
#include "retain/analytics/distinct_index.h"
#include "retain/analytics/hyp2f1.h"
#include "retain/analytics/log_sum_exp.h"
#include "retain/analytics/ml_optimizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retain::analytics {
namespace {

// Expected purchases in the next t of a customer alive now whose purchase
// rate is Gamma(r, alpha) and dropout probability Beta(a, b) (the posterior
// after x purchases: r+x, alpha+T, a, b+x):
//   (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].
double ExpectedWhileAlive(double r, double alpha, double a, double b, double t) {
  if (!(t > 0)) return 0;
  const double c = a + b - 1;
  if (c > 0 && std::fabs(a - 1) >= 1e-3) {
    const LogHyp2f1Result h = LogHyp2f1(r, b, c, t / (alpha + t), false);
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

BgNbdLikelihood::BgNbdLikelihood(const std::vector<RfTuple>& data) {
  const size_t n = data.size();
  DistinctIndex<> xs = IndexDistinct(n, [&](size_t i) { return data[i].x; });
  // t_x and T share one table: element 2i is record i's t_x, 2i + 1 its T.
  DistinctIndex<> times =
      IndexDistinct(2 * n, [&](size_t i) { return i % 2 ? data[i / 2].T : data[i / 2].t_x; });
  xs_ = std::move(xs.values);
  times_ = std::move(times.values);
  rows_.resize(n);
  core::ParallelFor(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      rows_[i] = {xs.index[i], times.index[2 * i], times.index[2 * i + 1], data[i].weight};
    }
  });
}

double BgNbdLikelihood::Total(const BgNbdParams& p, std::array<double, 4>* grad) const {
  const double r = p.r, al = p.alpha, a = p.a, b = p.b;
  // Per distinct x: ln A1 + ln A2 (see BgNbdLogLikelihood), its gradient, and
  // ln(a / (b+x-1)) with its b-derivative.
  struct PerX {
    double ln_a12, d_r, d_a, d_b, ln_c, dc_b;
  };
  std::vector<PerX> per_x(xs_.size());
  const double common = -std::lgamma(r) + r * std::log(al) + std::lgamma(a + b) - std::lgamma(b);
  for (size_t k = 0; k < xs_.size(); ++k) {
    const double x = xs_[k];
    PerX& e = per_x[k];
    e.ln_a12 = common + std::lgamma(r + x) + std::lgamma(b + x) - std::lgamma(a + b + x);
    if (x > 0) {
      e.ln_c = std::log(a) - std::log(b + x - 1);
      e.dc_b = -1 / (b + x - 1);
    }
    if (grad) {
      e.d_r = Digamma(r + x) - Digamma(r) + std::log(al);
      e.d_a = Digamma(a + b) - Digamma(a + b + x);
      e.d_b = Digamma(a + b) + Digamma(b + x) - Digamma(b) - Digamma(a + b + x);
    }
  }
  std::vector<double> log_t(times_.size()), inv_t(times_.size());
  for (size_t k = 0; k < times_.size(); ++k) {
    log_t[k] = std::log(al + times_[k]);
    inv_t[k] = 1 / (al + times_[k]);
  }
  return ParallelLogLikelihoodSum<4>(rows_.size(), grad, [&](size_t i, std::array<double, 4>* g) {
    const Row& row = rows_[i];
    const PerX& e = per_x[row.x];
    const double x = xs_[row.x], rx = r + x, w = row.weight;
    const double l_T = log_t[row.T];
    if (x == 0) {
      if (g) *g = {w * (e.d_r - l_T), w * (r / al - r * inv_t[row.T]), w * e.d_a, w * e.d_b};
      return w * (e.ln_a12 - r * l_T);
    }
    const double l_t = log_t[row.t_x];
    // ln(A3 + A4) with A3 = (alpha+T)^-(r+x), A4 = a/(b+x-1) (alpha+t_x)^-(r+x).
    double w3, w4;
    const double ll = e.ln_a12 + LogSumExp(-rx * l_T, e.ln_c - rx * l_t, w3, w4);
    if (g) {
      *g = {w * (e.d_r - w3 * l_T - w4 * l_t),
            w * (r / al - rx * (w3 * inv_t[row.T] + w4 * inv_t[row.t_x])), w * (e.d_a + w4 / a),
            w * (e.d_b + w4 * e.dc_b)};
    }
    return w * ll;
  });
}

double BgNbdTotalLogLikelihood(const BgNbdParams& p, const std::vector<RfTuple>& data,
                               std::array<double, 4>* grad) {
  return BgNbdLikelihood(data).Total(p, grad);
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
  const auto make_total = [](const std::vector<RfTuple>& records) {
    return [likelihood = BgNbdLikelihood(records)](const std::array<double, 4>& th,
                                                   std::array<double, 4>* g) {
      return likelihood.Total({th[0], th[1], th[2], th[3]}, g);
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

double BgNbdPAlive(const BgNbdParams& p, double x, double t_x, double T) {
  if (x <= 0) return 1.0;
  const double log_ratio = std::log(p.a) - std::log(p.b + x - 1) +
                           (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  return InverseOnePlusExp(log_ratio);
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
