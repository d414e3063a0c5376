// MBG/NBD (Batislam, Denizel & Filiztekin 2007; Hoppe & Wagner 2007): the
// BG/NBD model except that a customer may also drop out at time zero, right
// after the first purchase, not only after each repeat purchase. Purchases
// follow a Poisson process with rate lambda ~ Gamma(r, alpha) while the
// customer is alive; at time zero and after each purchase they drop out with
// probability p ~ Beta(a, b). This is the variant fitted by lifetimes'
// ModifiedBetaGeoFitter (and BTYDplus' MBG/CNBD-k with k = 1): unlike BG/NBD, a
// customer with no repeat purchase (x = 0) is not certainly alive.
//
//   auto fit = FitMbgNbd(CompressRf(BuildRfSummary(snapshot, end, 7)), {});
//   if (fit.converged) Use(fit.params, MbgNbdPAlive(fit.params, x, t_x, T));
#pragma once

#include <array>
#include <string>
#include <vector>

#include "retain/analytics/rf_summary.h"

namespace retain::analytics {

struct MbgNbdParams {
  double r = 1, alpha = 1, a = 1, b = 1;  // all > 0
};

// Log-likelihood of one customer's (x, t_x, T) (x >= 0, 0 <= t_x <= T).
// If grad is given, it receives d/d(r, alpha, a, b). Computed in log space, so
// it stays finite for x in the hundreds and T >> t_x.
double MbgNbdLogLikelihood(const MbgNbdParams& p, double x, double t_x, double T,
                           std::array<double, 4>* grad = nullptr);

// Sum of weight * log-likelihood over the tuples (gradient likewise).
double MbgNbdTotalLogLikelihood(const MbgNbdParams& p, const std::vector<RfTuple>& data,
                                std::array<double, 4>* grad = nullptr);

struct MbgNbdFitOptions {
  MbgNbdParams start;  // starting values (defaults: all 1)
  int max_evaluations = 2000;
};

struct MbgNbdFit {
  MbgNbdParams params;
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;  // why it stopped (for a user when not converged)
};

// Maximum likelihood with analytic gradients (L-BFGS on log parameters, no
// penalty term). An empty data set does not converge.
MbgNbdFit FitMbgNbd(const std::vector<RfTuple>& data, const MbgNbdFitOptions& options);

// Probability that a customer with this history is still alive at T. Below 1
// also for x = 0 (the customer may have dropped out at time zero).
double MbgNbdPAlive(const MbgNbdParams& p, double x, double t_x, double T);

}  // namespace retain::analytics
