// Maximum-likelihood optimisation shared by the BTYD models.
//
// Minimises the negative mean log-likelihood over log parameters (keeps them
// positive without bounds or penalties): L-BFGS with the analytic gradient
// first; if its line search gives up, a derivative-free polish (BOBYQA) from
// the last point and L-BFGS again. The result counts as converged only if
// the gradient is practically zero at the end.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace retain::analytics {

// Returns the mean log-likelihood at theta (natural scale) and, when grad is
// not null, its gradient d/d(theta).
using MeanLogLikelihood =
    std::function<double(const std::vector<double>& theta, std::vector<double>* grad)>;

struct MlResult {
  std::vector<double> theta;  // the estimate (natural scale)
  double mean_log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;
};

// Maximises f from `start` (all > 0).
MlResult MaximizeLogLikelihood(const MeanLogLikelihood& f, const std::vector<double>& start,
                               int max_evaluations = 5000);

}  // namespace retain::analytics
