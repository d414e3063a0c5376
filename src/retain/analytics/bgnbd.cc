#include "retain/analytics/bgnbd.h"

#include <boost/math/special_functions/digamma.hpp>
#include <nlopt.hpp>

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
  if (data.empty()) {
    fit.message = "no customers to fit";
    return fit;
  }
  double customers = 0;
  for (const auto& t : data) customers += t.weight;
  struct Ctx {
    const std::vector<RfTuple>* data;
    int evaluations;
    double scale;
  } ctx{&data, 0, 1.0 / customers};
  // Minimise -LL per customer over log parameters (keeps them positive
  // without bounds; the per-customer scale keeps the first steps moderate).
  auto objective = [](const std::vector<double>& z, std::vector<double>& grad, void* raw) {
    auto* c = static_cast<Ctx*>(raw);
    ++c->evaluations;
    const BgNbdParams p{std::exp(z[0]), std::exp(z[1]), std::exp(z[2]), std::exp(z[3])};
    std::array<double, 4> g{};
    const double ll = BgNbdTotalLogLikelihood(p, *c->data, grad.empty() ? nullptr : &g);
    if (!grad.empty()) {
      const double v[4] = {p.r, p.alpha, p.a, p.b};
      for (int i = 0; i < 4; ++i) grad[i] = -g[i] * v[i] * c->scale;
    }
    return std::isfinite(ll) ? -ll * c->scale : HUGE_VAL;
  };
  nlopt::opt opt(nlopt::LD_LBFGS, 4);
  opt.set_min_objective(objective, &ctx);
  opt.set_xtol_rel(options.relative_tolerance);
  opt.set_ftol_rel(1e-15);
  opt.set_maxeval(options.max_evaluations);
  std::vector<double> z = {std::log(options.start.r), std::log(options.start.alpha),
                           std::log(options.start.a), std::log(options.start.b)};
  double min_neg_ll = 0;
  try {
    const nlopt::result res = opt.optimize(z, min_neg_ll);
    fit.converged = res > 0 && res != nlopt::MAXEVAL_REACHED && res != nlopt::MAXTIME_REACHED;
    fit.message = fit.converged ? "converged" : "stopped at the evaluation limit";
  } catch (const std::exception& e) {
    // NLopt reports roundoff-limited and similar stops by throwing.
    fit.message = std::string("optimizer stopped: ") + e.what();
  }
  fit.params = {std::exp(z[0]), std::exp(z[1]), std::exp(z[2]), std::exp(z[3])};
  fit.log_likelihood = BgNbdTotalLogLikelihood(fit.params, data);
  fit.evaluations = ctx.evaluations;
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
