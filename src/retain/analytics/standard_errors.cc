#include "retain/analytics/standard_errors.h"

#include <Eigen/Dense>

#include <cmath>
#include <limits>

namespace retain::analytics {

Eigen::MatrixXd HessianFromGradient(const GradientFunction& gradient,
                                    const std::vector<double>& theta, double relative_step) {
  const size_t n = theta.size();
  Eigen::MatrixXd h(n, n);
  std::vector<double> up(n), down(n);
  for (size_t j = 0; j < n; ++j) {
    const double step = relative_step * std::max(1.0, std::fabs(theta[j]));
    std::vector<double> hi = theta, lo = theta;
    hi[j] += step;
    lo[j] -= step;
    gradient(hi, up);
    gradient(lo, down);
    for (size_t i = 0; i < n; ++i) h(i, j) = (up[i] - down[i]) / (2 * step);
  }
  return 0.5 * (h + h.transpose());
}

std::vector<double> StandardErrors(const GradientFunction& gradient,
                                   const std::vector<double>& theta) {
  const size_t n = theta.size();
  const Eigen::MatrixXd info = -HessianFromGradient(gradient, theta, 1e-5);  // observed information
  const Eigen::LLT<Eigen::MatrixXd> llt(info);
  std::vector<double> se(n, std::numeric_limits<double>::quiet_NaN());
  if (llt.info() != Eigen::Success) return se;
  const Eigen::MatrixXd cov = llt.solve(Eigen::MatrixXd::Identity(n, n));
  for (size_t i = 0; i < n; ++i) se[i] = cov(i, i) > 0 ? std::sqrt(cov(i, i)) : se[i];
  return se;
}

}  // namespace retain::analytics
