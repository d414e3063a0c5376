// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
// purchases follow a Poisson process with rate lambda ~ Gamma(r, alpha) while
// the customer is alive; after each purchase they drop out with probability
// p ~ Beta(a, b).
//
//   auto fit = FitBgNbd(CompressRf(BuildRfSummary(snapshot, end, 7)), {});
//   if (fit.converged) Use(fit.params, BgNbdPAlive(fit.params, x, t_x, T));
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "retain/analytics/rf_summary.h"

namespace retain::analytics {

struct BgNbdParams {
  double r = 1, alpha = 1, a = 1, b = 1;  // all > 0
};

// Log-likelihood of one customer's (x, t_x, T) (x >= 0, 0 <= t_x <= T).
// If grad is given, it receives d/d(r, alpha, a, b). Computed in log space, so
// it stays finite for x in the hundreds and T >> t_x.
double BgNbdLogLikelihood(const BgNbdParams& p, double x, double t_x, double T,
                          std::array<double, 4>* grad = nullptr);

// Sum of weight * log-likelihood over the tuples (gradient likewise).
double BgNbdTotalLogLikelihood(const BgNbdParams& p, const std::vector<RfTuple>& data,
                               std::array<double, 4>* grad = nullptr);

// The total log-likelihood of a fixed data set, prepared once: the terms that
// depend on x only (log-gamma, digamma) are computed once per distinct x, the
// logarithms of alpha + t once per distinct t_x or T, so a tuple costs one
// exp and one log; the sum runs in parallel. Same value as summing
// BgNbdLogLikelihood.
class BgNbdLikelihood {
 public:
  explicit BgNbdLikelihood(const std::vector<RfTuple>& data);
  // Sum of weight * log-likelihood (gradient likewise).
  double Total(const BgNbdParams& p, std::array<double, 4>* grad = nullptr) const;

 private:
  struct Row {
    uint32_t x, t_x, T;  // indices into xs_ and times_
    double weight;
  };
  std::vector<double> xs_, times_;  // distinct x; distinct t_x and T values
  std::vector<Row> rows_;
};

struct BgNbdFitOptions {
  BgNbdParams start;  // starting values (defaults: all 1)
  int max_evaluations = 2000;
};

struct BgNbdFit {
  BgNbdParams params;
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;  // why it stopped (for a user when not converged)
};

// Maximum likelihood with analytic gradients (L-BFGS on log parameters, no
// penalty term). An empty data set does not converge.
BgNbdFit FitBgNbd(const std::vector<RfTuple>& data, const BgNbdFitOptions& options);

// Probability that a customer with this history is still alive at T.
double BgNbdPAlive(const BgNbdParams& p, double x, double t_x, double T);

// Expected number of purchases in (T, T + t] of a customer with this history
// (Fader, Hardie & Lee 2005, eq. 10). Uses 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))
// when a+b+x-1 > 0 and a is not within 1e-3 of 1, otherwise (and if the
// series cannot be summed because t >> alpha+T) the equivalent integral over
// the dropout probability, E_p[(1 - (1 + p t/(alpha+T))^-(r+x)) / p] with
// p ~ Beta(a, b+x), by tanh-sinh quadrature. Finite for x in the hundreds.
double BgNbdConditionalExpected(const BgNbdParams& p, double t, double x, double t_x, double T);

// Expected number of purchases in (T, T + t] of a customer with x repeat
// purchases by T, given that they are still alive at T. It does not depend on
// t_x: BgNbdConditionalExpected = this * BgNbdPAlive.
double BgNbdExpectedIfAlive(const BgNbdParams& p, double t, double x, double T);

// Expected number of repeat purchases of a new customer in (0, t]
// (Fader, Hardie & Lee 2005, eq. 9); the same as the conditional expectation
// with x = t_x = T = 0.
double BgNbdExpected(const BgNbdParams& p, double t);

}  // namespace retain::analytics
