// Pareto/NBD (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader,
// Hardie & Lee 2005, "A Note on Deriving the Pareto/NBD Model and Related
// Expressions"): while alive a customer purchases as a Poisson process with
// rate lambda ~ Gamma(r, alpha); the lifetime is exponential with rate
// mu ~ Gamma(s, beta), independent of lambda.
//
//   auto fit = FitParetoNbd(CompressRf(BuildRfSummary(snapshot, end, 7)));
//   if (fit.converged) Use(fit.params, ParetoNbdPAlive(fit.params, x, t_x, T));
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "retain/analytics/rf_summary.h"

namespace retain::analytics {

struct ParetoNbdParams {
  double r = 1, alpha = 1, s = 1, beta = 1;  // all > 0
};

// Log-likelihood of one customer's (x, t_x, T) (x >= 0, 0 <= t_x <= T). If
// grad is given, it receives d/d(r, alpha, s, beta). Uses the form with the
// larger of alpha and beta in the hypergeometric term, so its argument is in
// [0, 1), and sums in log space: finite for x in the hundreds, T >> t_x and
// t_x = T. NaN only if 2F1 cannot be summed (min(alpha, beta) + t_x below
// about 4e-5 of max(alpha, beta)).
double ParetoNbdLogLikelihood(const ParetoNbdParams& p, double x, double t_x, double T,
                              std::array<double, 4>* grad = nullptr);

// Sum of weight * log-likelihood over the tuples (gradient likewise).
double ParetoNbdTotalLogLikelihood(const ParetoNbdParams& p, const std::vector<RfTuple>& data,
                                   std::array<double, 4>* grad = nullptr);

// The total log-likelihood of a fixed data set, prepared once: the
// hypergeometric tails are computed once per distinct (x, t_x) and (x, T),
// and the sum runs in parallel.
class ParetoNbdLikelihood {
 public:
  explicit ParetoNbdLikelihood(const std::vector<RfTuple>& data);  // kept by reference
  // Sum of weight * log-likelihood (gradient likewise).
  double Total(const ParetoNbdParams& p, std::array<double, 4>* grad = nullptr) const;

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  const std::vector<RfTuple>& data_;
  std::vector<std::pair<double, double>> keys_;       // distinct (x, u)
  std::vector<std::pair<uint32_t, uint32_t>> tails_;  // per tuple: keys of t_x and T
};

struct ParetoNbdFit {
  ParetoNbdParams params;
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;  // why it stopped (for a user when not converged)
};

// Maximum likelihood with analytic gradients (L-BFGS on log parameters, no
// penalty term) from `start`. An empty data set does not converge.
ParetoNbdFit FitParetoNbd(const std::vector<RfTuple>& data, const ParetoNbdParams& start = {});

// Probability that a customer with this history is still alive at T.
double ParetoNbdPAlive(const ParetoNbdParams& p, double x, double t_x, double T);

// Expected number of purchases in (T, T + t] of a customer with this history
// (from the Fader, Hardie & Lee 2005 note; s = 1 is handled as the limit).
double ParetoNbdConditionalExpected(const ParetoNbdParams& p, double t, double x, double t_x,
                                    double T);

}  // namespace retain::analytics
