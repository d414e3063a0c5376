// BG/BB (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a
// Discrete-Time Noncontractual Setting"): for discrete transaction
// opportunities (one per period: annual donations, yearly events), an alive
// customer transacts at each opportunity with probability p ~ Beta(alpha,
// beta) and becomes inactive at the start of each opportunity with probability
// theta ~ Beta(gamma, delta).
//
// A customer's history over n opportunities is (x, t_x, n): x transactions,
// the last at opportunity t_x (t_x = 0 when x = 0). All three are whole
// numbers with 0 <= x <= t_x <= n, and x >= 1 whenever t_x >= 1.
//
//   auto fit = FitBgBb(tuples, {});
//   if (fit.converged) Use(BgBbConditionalExpected(fit.params, 5, x, t_x, n));
#pragma once

#include <array>
#include <string>
#include <vector>

namespace retain::analytics {

struct BgBbParams {
  double alpha = 1, beta = 1, gamma = 1, delta = 1;  // all > 0
};

struct BgBbTuple {
  double x = 0, t_x = 0, n = 0;
  double weight = 1;  // number of customers with this history
};

// Log-likelihood of one history (x, t_x, n). If grad is given, it receives
// d/d(alpha, beta, gamma, delta). The finite sum over the n - t_x possible
// drop-out opportunities after t_x is taken in log space (log-sum-exp), so
// the result stays finite for long histories; cost O(n - t_x).
double BgBbLogLikelihood(const BgBbParams& p, double x, double t_x, double n,
                         std::array<double, 4>* grad = nullptr);

// Sum of weight * log-likelihood over the tuples (gradient likewise).
double BgBbTotalLogLikelihood(const BgBbParams& p, const std::vector<BgBbTuple>& data,
                              std::array<double, 4>* grad = nullptr);

struct BgBbFitOptions {
  BgBbParams start;  // starting values (defaults: all 1)
  int max_evaluations = 2000;
};

struct BgBbFit {
  BgBbParams params;
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;  // why it stopped (for a user when not converged)
};

// Maximum likelihood with analytic gradients (L-BFGS on log parameters, no
// penalty term). Tuples outside 0 <= x <= t_x <= n (or with x = 0 < t_x, or a
// weight <= 0) are ignored; none left does not converge.
BgBbFit FitBgBb(const std::vector<BgBbTuple>& data, const BgBbFitOptions& options);

// Probability that a customer with this history is alive at the next
// opportunity, n + 1 (Fader, Hardie & Shang 2010, eq. 11; BTYD's bgbb.PAlive).
// lifetimes' conditional_probability_alive(0, ...) is the probability of being
// alive at n instead, which is larger by the factor (gamma+delta+n)/(delta+n).
double BgBbPAlive(const BgBbParams& p, double x, double t_x, double n);

// Expected number of transactions in the next n_star opportunities (n + 1 ..
// n + n_star, n_star a whole number >= 0) by a customer with this history
// (Fader, Hardie & Shang 2010, eq. 13). Summed over the n_star opportunities
// (cost O(n_star)) rather than taken from the closed form, which divides by
// gamma - 1 and so loses all precision near gamma = 1.
double BgBbConditionalExpected(const BgBbParams& p, double n_star, double x, double t_x, double n);

}  // namespace retain::analytics
