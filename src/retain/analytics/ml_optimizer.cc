#include "retain/analytics/ml_optimizer.h"

#include <nlopt.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

#include "retain/analytics/standard_errors.h"

namespace retain::analytics {
namespace {

// The objective in the optimisers' terms: minus the mean log-likelihood over
// log parameters. Remembers its last point, so asking again for the point
// just evaluated costs nothing.
struct Ctx {
  const MeanLogLikelihood* f;
  int evaluations = 0;
  std::vector<double> last_z, last_grad;
  double last_value = 0;
};

double Objective(const std::vector<double>& z, std::vector<double>& grad, void* raw) {
  auto* c = static_cast<Ctx*>(raw);
  if (z == c->last_z && !c->last_grad.empty()) {
    if (!grad.empty()) grad = c->last_grad;
    return c->last_value;
  }
  ++c->evaluations;
  std::vector<double> theta(z.size());
  for (size_t i = 0; i < z.size(); ++i) theta[i] = std::exp(z[i]);
  std::vector<double> g;
  const double ll = (*c->f)(theta, grad.empty() ? nullptr : &g);
  if (!grad.empty()) {
    for (size_t i = 0; i < z.size(); ++i) grad[i] = std::isfinite(g[i]) ? -g[i] * theta[i] : 0;
  }
  const double value = std::isfinite(ll) ? -ll : 1e300;
  c->last_z = z;
  c->last_grad = grad;
  c->last_value = value;
  return value;
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

// Newton steps on the full objective with the sample's Hessian, from the
// sample's optimum z (updated in place). The Hessian of a mean over a large
// sample is close to the full one, so each step shrinks the distance to the
// optimum about a hundredfold. Near the optimum the objective's rounding
// noise hides further decrease, so a step below 1e-6 (on the log scale) is
// taken without a check and ends the refinement (true); a larger step must
// not increase the objective (halved up to four times). False (z left at the
// best point found) when no step helps or too many are needed.
bool RefineFromSample(Ctx& full, Ctx& sample, std::vector<double>& z) {
  constexpr int kMaxSteps = 10;
  constexpr double kFinalStep = 1e-6;
  const size_t n = z.size();
  const Eigen::MatrixXd h = HessianFromGradient(
      [&](const std::vector<double>& at, std::vector<double>& g) {
        g.resize(n);
        Objective(at, g, &sample);
      },
      z, 1e-4);
  const Eigen::LLT<Eigen::MatrixXd> llt(h);
  if (llt.info() != Eigen::Success) return false;  // not a proper minimum
  std::vector<double> grad(n), trial_grad(n), trial(n);
  double value = Objective(z, grad, &full);
  for (int step = 0; step < kMaxSteps && std::isfinite(value) && value < 1e299; ++step) {
    const Eigen::VectorXd d = -llt.solve(Eigen::Map<const Eigen::VectorXd>(grad.data(), n));
    if (d.cwiseAbs().maxCoeff() < kFinalStep) {
      for (size_t i = 0; i < n; ++i) z[i] += d[i];
      return true;
    }
    bool improved = false;
    for (double scale = 1; scale > 1.0 / 32 && !improved; scale /= 2) {
      for (size_t i = 0; i < n; ++i) trial[i] = z[i] + scale * d[i];
      const double v = Objective(trial, trial_grad, &full);
      improved = v <= value;
      if (improved) {
        z = trial;
        grad = trial_grad;
        value = v;
      }
    }
    if (!improved) return false;
  }
  return false;
}

}  // namespace

MlResult MaximizeLogLikelihood(const MeanLogLikelihood& f, const std::vector<double>& start,
                               int max_evaluations, const MeanLogLikelihood* sample) {
  Ctx ctx{&f};
  std::vector<double> z(start.size());
  for (size_t i = 0; i < start.size(); ++i) z[i] = std::log(start[i]);
  MlResult out;
  std::string message = "converged";
  bool refined = false;
  if (sample) {
    Ctx sample_ctx{sample};
    std::vector<double> zs = z;
    std::string sample_message;
    if (Run(nlopt::LD_LBFGS, zs, sample_ctx, max_evaluations, sample_message)) {
      refined = RefineFromSample(ctx, sample_ctx, zs);
      z = zs;  // refined or not, closer than the start
    }
  }
  if (!refined && !Run(nlopt::LD_LBFGS, z, ctx, max_evaluations, message)) {
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
