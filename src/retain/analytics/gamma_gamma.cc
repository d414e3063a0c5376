#include "retain/analytics/gamma_gamma.h"

#include <boost/math/special_functions/digamma.hpp>
#include <nlopt.hpp>

#include <cmath>

namespace retain::analytics {

using boost::math::digamma;

double GammaGammaLogLikelihood(const GammaGammaParams& g, double x, double m,
                               std::array<double, 3>* grad) {
  const double p = g.p, q = g.q, gm = g.gamma;
  const double px = p * x;
  const double ll = std::lgamma(px + q) - std::lgamma(px) - std::lgamma(q) + q * std::log(gm) +
                    (px - 1) * std::log(m) + px * std::log(x) - (px + q) * std::log(gm + x * m);
  if (grad) {
    (*grad)[0] =
        x * (digamma(px + q) - digamma(px) + std::log(m) + std::log(x) - std::log(gm + x * m));
    (*grad)[1] = digamma(px + q) - digamma(q) + std::log(gm) - std::log(gm + x * m);
    (*grad)[2] = q / gm - (px + q) / (gm + x * m);
  }
  return ll;
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
  if (used.empty()) {
    fit.message = "no repeat buyers with a positive spend to fit";
    return fit;
  }
  struct Ctx {
    const std::vector<SpendTuple>* data;
    double scale;
    int evaluations;
  } ctx{&used, 1.0 / customers, 0};
  auto objective = [](const std::vector<double>& z, std::vector<double>& grad, void* raw) {
    auto* c = static_cast<Ctx*>(raw);
    ++c->evaluations;
    const GammaGammaParams g{std::exp(z[0]), std::exp(z[1]), std::exp(z[2])};
    double ll = 0;
    std::array<double, 3> total{}, one{};
    for (const auto& t : *c->data) {
      ll += t.weight * GammaGammaLogLikelihood(g, t.x, t.m, grad.empty() ? nullptr : &one);
      if (!grad.empty()) {
        for (int i = 0; i < 3; ++i) total[i] += t.weight * one[i];
      }
    }
    if (!grad.empty()) {
      const double v[3] = {g.p, g.q, g.gamma};
      for (int i = 0; i < 3; ++i) grad[i] = -total[i] * v[i] * c->scale;
    }
    return std::isfinite(ll) ? -ll * c->scale : HUGE_VAL;
  };
  nlopt::opt opt(nlopt::LD_LBFGS, 3);
  opt.set_min_objective(objective, &ctx);
  opt.set_xtol_rel(1e-10);
  opt.set_ftol_rel(1e-15);
  opt.set_maxeval(2000);
  std::vector<double> z = {std::log(start.p), std::log(start.q), std::log(start.gamma)};
  double value = 0;
  try {
    const nlopt::result res = opt.optimize(z, value);
    fit.converged = res > 0 && res != nlopt::MAXEVAL_REACHED && res != nlopt::MAXTIME_REACHED;
    fit.message = fit.converged ? "converged" : "stopped at the evaluation limit";
  } catch (const std::exception& e) {
    fit.message = std::string("optimizer stopped: ") + e.what();
  }
  fit.params = {std::exp(z[0]), std::exp(z[1]), std::exp(z[2])};
  fit.log_likelihood = -value / ctx.scale;
  fit.evaluations = ctx.evaluations;
  return fit;
}

double GammaGammaExpectedValue(const GammaGammaParams& g, double x, double m) {
  const double population = g.p * g.gamma / (g.q - 1);
  if (x <= 0) return population;
  const double w = (g.q - 1) / (g.p * x + g.q - 1);
  return w * population + (1 - w) * m;
}

}  // namespace retain::analytics
