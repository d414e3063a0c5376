// Standard errors of maximum-likelihood estimates from the observed
// information: the Hessian of the log-likelihood at the optimum, built by
// central differences of the (analytic) gradient, then inverted.
#pragma once

#include <Eigen/Core>

#include <functional>
#include <vector>

namespace retain::analytics {

// Fills grad (resized to theta's size) with the gradient at theta.
using GradientFunction = std::function<void(const std::vector<double>&, std::vector<double>&)>;

// The Hessian at theta by central differences of the gradient, each
// coordinate moved by relative_step * max(1, |theta_j|); symmetrised.
Eigen::MatrixXd HessianFromGradient(const GradientFunction& gradient,
                                    const std::vector<double>& theta, double relative_step);

// gradient(theta, grad) must fill grad with d(total log-likelihood)/d(theta).
// Returns sqrt(diag(-H^-1)) for each parameter, or NaN for all of them when
// the Hessian is not negative definite (the optimum is not a proper maximum).
std::vector<double> StandardErrors(const GradientFunction& gradient,
                                   const std::vector<double>& theta);

}  // namespace retain::analytics
