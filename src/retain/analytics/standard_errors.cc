#include "retain/analytics/standard_errors.h"

#include <Eigen/Dense>

#include <cmath>
#include <limits>

namespace retain::analytics {

std::vector<double> StandardErrors(
    const std::function<void(const std::vector<double>&, std::vector<double>&)>& gradient,
    const std::vector<double>& theta) {
  const size_t n = theta.size();
  Eigen::MatrixXd h(n, n);
  std::vector<double> up(n), down(n);
  for (size_t j = 0; j < n; ++j) {
    const double step = 1e-5 * std::max(1.0, std::fabs(theta[j]));
    std::vector<double> hi = theta, lo = theta;
    hi[j] += step;
    lo[j] -= step;
    gradient(hi, up);
    gradient(lo, down);
    for (size_t i = 0; i < n; ++i) h(i, j) = (up[i] - down[i]) / (2 * step);
  }
  const Eigen::MatrixXd info = -0.5 * (h + h.transpose());  // observed information
  const Eigen::LLT<Eigen::MatrixXd> llt(info);
  std::vector<double> se(n, std::numeric_limits<double>::quiet_NaN());
  if (llt.info() != Eigen::Success) return se;
  const Eigen::MatrixXd cov = llt.solve(Eigen::MatrixXd::Identity(n, n));
  for (size_t i = 0; i < n; ++i) se[i] = cov(i, i) > 0 ? std::sqrt(cov(i, i)) : se[i];
  return se;
}

}  // namespace retain::analytics
