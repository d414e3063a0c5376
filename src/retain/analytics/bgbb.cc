#include "retain/analytics/bgbb.h"

#include "retain/analytics/digamma.h"
#include "retain/analytics/ml_optimizer.h"

#include <algorithm>
#include <cmath>

namespace retain::analytics {
namespace {

double LogBeta(double u, double v) { return std::lgamma(u) + std::lgamma(v) - std::lgamma(u + v); }

// One term of the likelihood,
//   B(alpha+x, beta+m) / B(alpha, beta) * B(gamma+g, delta+k) / B(gamma, delta),
// in logs, and (if grad) its gradient d/d(alpha, beta, gamma, delta).
double LogTerm(const BgBbParams& p, double x, double m, double g, double k,
               std::array<double, 4>* grad) {
  const double al = p.alpha, be = p.beta, ga = p.gamma, de = p.delta;
  const double ln =
      LogBeta(al + x, be + m) - LogBeta(al, be) + LogBeta(ga + g, de + k) - LogBeta(ga, de);
  if (grad) {
    const double ab = Digamma(al + be) - Digamma(al + be + x + m);
    const double gd = Digamma(ga + de) - Digamma(ga + de + g + k);
    (*grad)[0] = Digamma(al + x) - Digamma(al) + ab;
    (*grad)[1] = Digamma(be + m) - Digamma(be) + ab;
    (*grad)[2] = (g > 0 ? 1 / ga : 0) + gd;  // g is 0 or 1
    (*grad)[3] = Digamma(de + k) - Digamma(de) + gd;
  }
  return ln;
}

// Whole number of opportunities between t_x and n (n - t_x >= 0).
long Remaining(double t_x, double n) { return std::max(0L, std::lround(n - t_x)); }

}  // namespace

// L = B(alpha+x, beta+n-x)/B(alpha,beta) * B(gamma, delta+n)/B(gamma,delta)
//     + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta)
//                           * B(gamma+1, delta+t_x+i)/B(gamma,delta).
// The first term: alive through opportunity n; term i: alive at t_x + i,
// inactive from t_x + i + 1 on.
double BgBbLogLikelihood(const BgBbParams& p, double x, double t_x, double n,
                         std::array<double, 4>* grad) {
  // One pass of log-sum-exp: m is the largest log term so far, sum the terms
  // scaled by e^-m, acc the gradients weighted likewise.
  double m = 0, sum = 0;
  std::array<double, 4> acc{}, g{};
  const auto add = [&](double ln) {
    if (sum == 0 || ln > m) {
      const double scale = sum == 0 ? 0 : std::exp(m - ln);
      sum *= scale;
      for (double& a : acc) a *= scale;
      m = ln;
    }
    const double e = std::exp(ln - m);
    sum += e;
    if (grad) {
      for (int j = 0; j < 4; ++j) acc[j] += e * g[j];
    }
  };
  add(LogTerm(p, x, n - x, 0, n, grad ? &g : nullptr));
  const long terms = Remaining(t_x, n);
  for (long i = 0; i < terms; ++i) add(LogTerm(p, x, t_x - x + i, 1, t_x + i, grad ? &g : nullptr));
  if (grad) {
    // d ln L = sum_k w_k d ln T_k with w_k = T_k / L.
    for (int j = 0; j < 4; ++j) (*grad)[j] = acc[j] / sum;
  }
  return m + std::log(sum);
}

double BgBbTotalLogLikelihood(const BgBbParams& p, const std::vector<BgBbTuple>& data,
                              std::array<double, 4>* grad) {
  return WeightedLogLikelihood<4>(data, grad, [&](const BgBbTuple& t, std::array<double, 4>* g) {
    return BgBbLogLikelihood(p, t.x, t.t_x, t.n, g);
  });
}

BgBbFit FitBgBb(const std::vector<BgBbTuple>& data, const BgBbFitOptions& options) {
  BgBbFit fit;
  fit.params = options.start;
  std::vector<BgBbTuple> used;
  double customers = 0;
  for (const auto& t : data) {
    const bool valid =
        t.x >= 0 && t.x <= t.t_x && t.t_x <= t.n && (t.x > 0 || t.t_x == 0) && t.weight > 0;
    if (valid) {
      used.push_back(t);
      customers += t.weight;
    }
  }
  if (used.empty() || customers <= 0) {
    fit.message = "no histories with 0 <= x <= t_x <= n to fit";
    return fit;
  }
  const auto make_total = [](const std::vector<BgBbTuple>& records) {
    return [&records](const std::array<double, 4>& th, std::array<double, 4>* g) {
      return BgBbTotalLogLikelihood({th[0], th[1], th[2], th[3]}, records, g);
    };
  };
  const MlResult r = MaximizeRecordsLogLikelihood<4>(
      used, customers, make_total,
      {options.start.alpha, options.start.beta, options.start.gamma, options.start.delta},
      options.max_evaluations);
  fit.params = {r.theta[0], r.theta[1], r.theta[2], r.theta[3]};
  SetFitOutcome(r, customers, fit);
  return fit;
}

namespace {

// ln of P(alive through opportunity n | history): the likelihood's first term
// over the whole likelihood (<= 0).
double LogAliveAtN(const BgBbParams& p, double x, double t_x, double n) {
  const double ln0 = LogTerm(p, x, n - x, 0, n, nullptr);
  return std::min(0.0, ln0 - BgBbLogLikelihood(p, x, t_x, n));
}

}  // namespace

double BgBbPAlive(const BgBbParams& p, double x, double t_x, double n) {
  // B(gamma, delta+n+1) / B(gamma, delta+n) = (delta+n) / (gamma+delta+n).
  return std::exp(LogAliveAtN(p, x, t_x, n)) * (p.delta + n) / (p.gamma + p.delta + n);
}

double BgBbConditionalExpected(const BgBbParams& p, double n_star, double x, double t_x, double n) {
  // E = P(alive at n) * E[p | history, alive at n] * sum_{t=1}^{n_star} S(t),
  // where E[p | ...] = (alpha+x)/(alpha+beta+n) and S(t) = B(gamma, delta+n+t)
  // / B(gamma, delta+n) = prod_{j<t} (delta+n+j)/(gamma+delta+n+j) is the
  // chance of surviving t more opportunities (each factor < 1, no overflow).
  const long periods = std::max(0L, std::lround(n_star));
  double survival = 1, sum = 0;
  for (long j = 0; j < periods; ++j) {
    survival *= (p.delta + n + j) / (p.gamma + p.delta + n + j);
    sum += survival;
  }
  return std::exp(LogAliveAtN(p, x, t_x, n)) * (p.alpha + x) / (p.alpha + p.beta + n) * sum;
}

}  // namespace retain::analytics
