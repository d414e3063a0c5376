#include "retain/analytics/ml_optimizer.h"

#include <nlopt.hpp>

#include <cmath>

namespace retain::analytics {
namespace {

struct Ctx {
  const MeanLogLikelihood* f;
  int evaluations = 0;
};

double Objective(const std::vector<double>& z, std::vector<double>& grad, void* raw) {
  auto* c = static_cast<Ctx*>(raw);
  ++c->evaluations;
  std::vector<double> theta(z.size());
  for (size_t i = 0; i < z.size(); ++i) theta[i] = std::exp(z[i]);
  std::vector<double> g;
  const double ll = (*c->f)(theta, grad.empty() ? nullptr : &g);
  if (!grad.empty()) {
    for (size_t i = 0; i < z.size(); ++i) grad[i] = std::isfinite(g[i]) ? -g[i] * theta[i] : 0;
  }
  return std::isfinite(ll) ? -ll : 1e300;
}

// Runs one optimiser from z (updated in place); false if it threw.
bool Run(nlopt::algorithm algorithm, std::vector<double>& z, Ctx& ctx, int max_evaluations,
         std::string& message) {
  nlopt::opt opt(algorithm, static_cast<unsigned>(z.size()));
  opt.set_min_objective(Objective, &ctx);
  opt.set_xtol_rel(1e-10);
  opt.set_ftol_rel(1e-15);
  opt.set_maxeval(max_evaluations);
  if (algorithm == nlopt::LN_BOBYQA) opt.set_initial_step(0.1);
  double value = 0;
  try {
    const nlopt::result r = opt.optimize(z, value);
    message = r == nlopt::MAXEVAL_REACHED ? "stopped at the evaluation limit" : "converged";
    return r > 0;
  } catch (const std::exception& e) {
    message = std::string("optimizer stopped: ") + e.what();
    return false;
  }
}

}  // namespace

MlResult MaximizeLogLikelihood(const MeanLogLikelihood& f, const std::vector<double>& start,
                               int max_evaluations) {
  Ctx ctx{&f};
  std::vector<double> z(start.size());
  for (size_t i = 0; i < start.size(); ++i) z[i] = std::log(start[i]);
  MlResult out;
  std::string message;
  if (!Run(nlopt::LD_LBFGS, z, ctx, max_evaluations, message)) {
    std::string polish;
    Run(nlopt::LN_BOBYQA, z, ctx, max_evaluations, polish);
    Run(nlopt::LD_LBFGS, z, ctx, max_evaluations, message);
  }
  // Converged means a stationary point: the gradient (per customer, on the
  // log scale) is practically zero.
  std::vector<double> grad(z.size());
  const double value = Objective(z, grad, &ctx);
  double norm = 0;
  for (double g : grad) norm = std::max(norm, std::fabs(g));
  out.theta.resize(z.size());
  for (size_t i = 0; i < z.size(); ++i) out.theta[i] = std::exp(z[i]);
  out.mean_log_likelihood = -value;
  out.evaluations = ctx.evaluations;
  out.converged = std::isfinite(value) && value < 1e299 && norm < 1e-5;
  out.message = out.converged
                    ? "converged"
                    : message + " (largest gradient component " + std::to_string(norm) + ")";
  return out;
}

}  // namespace retain::analytics
