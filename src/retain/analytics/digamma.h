// Digamma for the likelihood gradients: Boost.Math's, but returning inf/NaN
// instead of throwing when an optimiser probes a parameter that underflows to
// 0 or a denormal (the optimiser then treats the point as infeasible).
#pragma once

#include <boost/math/special_functions/digamma.hpp>

namespace retain::analytics {

inline double Digamma(double v) {
  using namespace boost::math::policies;
  using NoThrow = policy<domain_error<ignore_error>, pole_error<ignore_error>,
                         overflow_error<ignore_error>, evaluation_error<ignore_error>>;
  return boost::math::digamma(v, NoThrow());
}

}  // namespace retain::analytics
