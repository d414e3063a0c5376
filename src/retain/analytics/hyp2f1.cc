#include "retain/analytics/hyp2f1.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retain::analytics {
namespace {

constexpr double kTailTolerance = 1e-17;
// Rescale the running sums when the current term exceeds this (the sums are
// at most kHyp2f1MaxTerms times the largest term, far from overflow).
constexpr double kRescaleAbove = 1e250;

LogHyp2f1Result NotConverged(int terms) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  LogHyp2f1Result r;
  r.log_value = r.d_a = r.d_b = r.d_c = r.d_z = nan;
  r.terms = terms;
  return r;
}

template <bool kDerivatives>
LogHyp2f1Result Sum(double a, double b, double c, double z) {
  if (!(a > 0) || !(b > 0) || !(c > 0) || !(z >= 0) || !(z < 1) || !std::isfinite(a) ||
      !std::isfinite(b) || !std::isfinite(c)) {
    return NotConverged(0);
  }
  LogHyp2f1Result out;
  if (z == 0) {  // 2F1 = 1; only the z-derivative is non-zero
    out.d_z = a * b / c;
    out.terms = 1;
    out.converged = true;
    return out;
  }
  // term = t_n * exp(-log_scale); ha, hb, hc = sum_{k<n} 1/(a+k) etc., so the
  // derivative terms are term * ha, term * hb, -term * hc and n * term / z.
  double log_scale = 0, term = 1;
  double sum = 1, sum_a = 0, sum_b = 0, sum_c = 0, sum_z = 0;
  double ha = 0, hb = 0, hc = 0;
  for (int n = 0; n < kHyp2f1MaxTerms; ++n) {
    // Move from term n to term n + 1.
    if constexpr (kDerivatives) {
      ha += 1 / (a + n);
      hb += 1 / (b + n);
      hc += 1 / (c + n);
    }
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    if (term > kRescaleAbove) {
      log_scale += std::log(term);
      sum /= term;
      sum_a /= term;
      sum_b /= term;
      sum_c /= term;
      sum_z /= term;
      term = 1;
    }
    const int m = n + 1;
    const double ta = term * ha, tb = term * hb, tc = term * hc,
                 tz = kDerivatives ? m * term / z : 0;
    sum += term;
    if constexpr (kDerivatives) {
      sum_a += ta;
      sum_b += tb;
      sum_c += tc;
      sum_z += tz;
    }
    // Remainder bound from term m on (see the header).
    const double rho = z * std::max(1.0, (a + m) / (m + 1)) * std::max(1.0, (b + m) / (c + m));
    const double rho_d = rho * (1 + 1.0 / m);
    if (rho_d < 1) {
      const double q = rho / (1 - rho), q_d = rho_d / (1 - rho_d);
      if (term * q <= kTailTolerance * sum &&
          (!kDerivatives ||
           (ta * q_d <= kTailTolerance * sum_a && tb * q_d <= kTailTolerance * sum_b &&
            tc * q_d <= kTailTolerance * sum_c && tz * q_d <= kTailTolerance * sum_z))) {
        out.log_value = log_scale + std::log(sum);
        out.d_a = sum_a / sum;
        out.d_b = sum_b / sum;
        out.d_c = -sum_c / sum;
        out.d_z = sum_z / sum;
        out.terms = m + 1;
        out.converged = true;
        return out;
      }
    }
  }
  return NotConverged(kHyp2f1MaxTerms);
}

}  // namespace

LogHyp2f1Result LogHyp2f1(double a, double b, double c, double z, bool derivatives) {
  return derivatives ? Sum<true>(a, b, c, z) : Sum<false>(a, b, c, z);
}

double Hyp2f1(double a, double b, double c, double z) {
  return std::exp(LogHyp2f1(a, b, c, z).log_value);
}

}  // namespace retain::analytics
