// LogSumExp: log(e^u + e^v) without overflow, for likelihoods that are sums
// of two terms known by their logarithms.
#pragma once

#include <cmath>

namespace retain::analytics {

// Returns log(e^u + e^v) and sets wu = e^u / (e^u + e^v), wv = 1 - wu (the
// weights a gradient needs). One exp and one log1p.
inline double LogSumExp(double u, double v, double& wu, double& wv) {
  if (v > u) {
    const double q = std::exp(u - v);
    wv = 1 / (1 + q);
    wu = q * wv;
    return v + std::log1p(q);
  }
  const double q = std::exp(v - u);
  wu = 1 / (1 + q);
  wv = q * wu;
  return u + std::log1p(q);
}

// 1 / (1 + e^v) without overflow for large v.
inline double InverseOnePlusExp(double v) {
  if (v > 0) {
    const double q = std::exp(-v);
    return q / (1 + q);
  }
  return 1 / (1 + std::exp(v));
}

}  // namespace retain::analytics
