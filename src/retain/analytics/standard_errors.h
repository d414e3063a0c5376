// Standard errors of maximum-likelihood estimates from the observed
// information: the Hessian of the log-likelihood at the optimum, built by
// central differences of the (analytic) gradient, then inverted.
#pragma once

#include <functional>
#include <vector>

namespace retain::analytics {

// gradient(theta, grad) must fill grad with d(total log-likelihood)/d(theta).
// Returns sqrt(diag(-H^-1)) for each parameter, or NaN for all of them when
// the Hessian is not negative definite (the optimum is not a proper maximum).
std::vector<double> StandardErrors(
    const std::function<void(const std::vector<double>&, std::vector<double>&)>& gradient,
    const std::vector<double>& theta);

}  // namespace retain::analytics
