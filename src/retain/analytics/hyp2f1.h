// Gauss hypergeometric function 2F1(a, b; c; z) for the BTYD models, with its
// derivatives with respect to a, b, c and z.
//
// Domain: a, b, c > 0 and 0 <= z < 1. That is all the models need: the
// Pareto/NBD likelihood is written in the form where the larger of alpha and
// beta comes first (the Pfaff transformation), so its argument
// |alpha - beta| / (max(alpha, beta) + t) always lies in [0, 1), and is then
// Euler-transformed to 2F1(1, a+1-b; a+1; z), whose terms shrink from the
// start; BG/NBD's expectations use t / (alpha + T + t). Negative z and z >= 1
// are not handled.
//
// Method: the Gauss series sum_n (a)_n (b)_n / ((c)_n n!) z^n. On this domain
// every term is positive, so the sum has no cancellation; the terms are
// carried with a running power-of-e scale, so the result is returned as a
// logarithm and large parameters (a, b in the hundreds, where 2F1 itself
// exceeds the double range) do not overflow. The derivatives come from
// differentiating the series term by term, (a)_n' = (a)_n sum_{k<n} 1/(a+k),
// and are summed in the same pass; they too have terms of one sign.
//
// Convergence guarantee: the series stops only when a rigorous bound on the
// remainder of each of the five sums (value and four derivatives) is below
// 1e-17 of that sum. For m >= N the term ratio is at most
//   rho = z * max(1, (a+N)/(N+1)) * max(1, (b+N)/(c+N))
// (each factor is monotone in m), and at most rho * (1 + 1/N) for the
// derivative series, so once that is < 1 the tail is bounded by a geometric
// series. The relative error of the result is then dominated by rounding, at
// most about (number of terms) * 2.2e-16; the number of terms is roughly
// 40 / (1 - z) past the largest term. If the bound is not met within
// kHyp2f1MaxTerms terms (z within about 4e-5 of 1), the result is reported as
// not converged with NaN values rather than a silently truncated sum.
//
//   const LogHyp2f1Result h = LogHyp2f1(a, b, c, z);
//   if (h.converged) Use(std::exp(h.log_value), h.d_a);  // d_a = d log 2F1 / da
#pragma once

namespace retain::analytics {

inline constexpr int kHyp2f1MaxTerms = 1'000'000;

struct LogHyp2f1Result {
  double log_value = 0;  // log 2F1(a, b; c; z)
  // Derivatives of log 2F1 (not of 2F1): d/da, d/db, d/dc, d/dz.
  double d_a = 0, d_b = 0, d_c = 0, d_z = 0;
  int terms = 0;           // series terms summed
  bool converged = false;  // false: outside the domain or too close to z = 1 (values NaN)
};

// log 2F1(a, b; c; z) and its derivatives, for a, b, c > 0 and 0 <= z < 1.
// Never throws; outside the domain the result is not converged and NaN.
// Without `derivatives` only log_value is computed (d_* stay 0), which costs
// about a third as much.
LogHyp2f1Result LogHyp2f1(double a, double b, double c, double z, bool derivatives = true);

// 2F1(a, b; c; z) itself: exp of the above (inf if it exceeds the double
// range, NaN where LogHyp2f1 does not converge).
double Hyp2f1(double a, double b, double c, double z);

}  // namespace retain::analytics
