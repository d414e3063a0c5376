#include "retain/analytics/pareto_nbd.h"

#include "retain/analytics/digamma.h"
#include "retain/analytics/hyp2f1.h"
#include "retain/core/parallel.h"

#include <map>
#include "retain/analytics/ml_optimizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retain::analytics {
namespace {

// The likelihood is
//   L = G(r+x) alpha^r beta^s / G(r) * [e^P0 + e^P(t_x) - e^P(T)],
//   P0   = -(r+x) ln(alpha+T) - s ln(beta+T)        (alive at T),
//   e^P(u) = s * int_u^inf (alpha+y)^-(r+x) (beta+y)^-(s+1) dy,
// so e^P(t_x) - e^P(T) is the probability mass of dying in (t_x, T]. With
// m = max(alpha, beta), a = r+s+x and b2 = s+1 if alpha >= beta, else r+x,
//   P(u) = ln s - ln a - a ln(m+u) + ln 2F1(a, b2; a+1; z),  z = |alpha-beta| / (m+u),
// the stable form of Fader, Hardie & Lee's A0 (as in BTYD's pnbd.LL): z is
// in [0, 1). Since e^P(T) <= e^P0, the bracket has no harmful cancellation.
// 2F1 is evaluated after Euler's transformation,
//   2F1(a, b2; a+1; z) = (1-z)^(1-b2) 2F1(1, a+1-b2; a+1; z),
// whose terms shrink by at least z from the first on (a+1-b2 < a+1), so the
// cost does not grow with x, r or s (the direct series needs about b2 z/(1-z)
// terms before they even start to shrink).

// P(u) and, if grad is given, dP/d(r, alpha, s, beta). False if 2F1 failed.
bool LogTail(const ParetoNbdParams& p, double x, double u, double& value,
             std::array<double, 4>* grad) {
  const double r = p.r, al = p.alpha, s = p.s, be = p.beta;
  const double a = r + s + x;
  const bool alpha_first = al >= be;
  const double m = alpha_first ? al : be, lo = alpha_first ? be : al;
  const double b2 = alpha_first ? s + 1 : r + x;
  const double z = (m - lo) / (m + u);
  const LogHyp2f1Result h = LogHyp2f1(1, a + 1 - b2, a + 1, z, grad != nullptr);
  if (!h.converged) return false;
  const double ln_mu = std::log(m + u);
  const double ln_1mz = std::log(lo + u) - ln_mu;  // ln(1-z), exact near z = 1
  value = std::log(s) - std::log(a) - a * ln_mu + (1 - b2) * ln_1mz + h.log_value;
  if (grad) {
    auto& g = *grad;
    // a moves the third 2F1 parameter; b2 moves the prefactor and, with
    // opposite sign, the second 2F1 parameter a+1-b2.
    const double d_a = -1 / a - ln_mu + h.d_b + h.d_c;
    const double d_b2 = -ln_1mz - h.d_b;
    g[0] = d_a + (alpha_first ? 0 : d_b2);
    g[2] = 1 / s + d_a + (alpha_first ? d_b2 : 0);
    // d ln F / dz = h.d_z - (1-b2)/(1-z), and 1/(1-z) = (m+u)/(lo+u).
    const double d_z = h.d_z - (1 - b2) * (m + u) / (lo + u);
    const double d_m = -a / (m + u) + d_z * (lo + u) / ((m + u) * (m + u));  // dz/dm
    const double d_lo = -d_z / (m + u);                                      // dz/dlo
    g[1] = alpha_first ? d_m : d_lo;
    g[3] = alpha_first ? d_lo : d_m;
  }
  return true;
}

// The bracket [e^P0 + e^P(t_x) - e^P(T)] as ln(bracket) and the weights of
// its terms relative to the bracket: alive = e^P0 / bracket (P(alive)).
struct Bracket {
  double log_value = std::numeric_limits<double>::quiet_NaN();
  double alive = 1;          // e^P0 / bracket
  double w_tx = 0, w_T = 0;  // e^P(t_x) / bracket, e^P(T) / bracket
  std::array<double, 4> d0{}, d_tx{}, d_T{};
};

// P(u) of LogTail with its gradient, computed once per distinct (x, u).
struct Tail {
  bool ok = false;
  double value = 0;
  std::array<double, 4> grad{};
};

// The bracket from precomputed tails at t_x and T (both null when t_x >= T).
bool BracketFromTails(const ParetoNbdParams& p, double x, double t_x, double T, bool with_grad,
                      const Tail* at_tx, const Tail* at_T, Bracket& b) {
  const double p0 = -(p.r + x) * std::log(p.alpha + T) - p.s * std::log(p.beta + T);
  if (with_grad) {
    b.d0 = {-std::log(p.alpha + T), -(p.r + x) / (p.alpha + T), -std::log(p.beta + T),
            -p.s / (p.beta + T)};
  }
  if (!(t_x < T)) {  // no time to die unseen
    b.log_value = p0;
    return true;
  }
  if (!at_tx->ok || !at_T->ok) return false;
  const double p_tx = at_tx->value, p_T = at_T->value;
  if (with_grad) {
    b.d_tx = at_tx->grad;
    b.d_T = at_T->grad;
  }
  const double top = std::max(p0, p_tx);
  const double e0 = std::exp(p0 - top);
  // Dying in (t_x, T]: >= 0 in exact arithmetic; rounding may flip the sign
  // when t_x is within rounding of T, where it is negligible anyway.
  double e_tx = std::exp(p_tx - top), e_T = std::exp(p_T - top);
  if (e_tx <= e_T) e_tx = e_T = 0;
  const double sum = e0 + e_tx - e_T;
  b.log_value = top + std::log(sum);
  b.alive = e0 / sum;
  b.w_tx = e_tx / sum;
  b.w_T = e_T / sum;
  return true;
}

Tail ComputeTail(const ParetoNbdParams& p, double x, double u, bool with_grad) {
  Tail t;
  t.ok = LogTail(p, x, u, t.value, with_grad ? &t.grad : nullptr);
  return t;
}

bool ComputeBracket(const ParetoNbdParams& p, double x, double t_x, double T, bool with_grad,
                    Bracket& b) {
  if (!(t_x < T)) return BracketFromTails(p, x, t_x, T, with_grad, nullptr, nullptr, b);
  const Tail at_tx = ComputeTail(p, x, t_x, with_grad), at_T = ComputeTail(p, x, T, with_grad);
  return BracketFromTails(p, x, t_x, T, with_grad, &at_tx, &at_T, b);
}

// ln L from the bracket: ln C + ln(bracket), C = G(r+x)/G(r) alpha^r beta^s.
double FromBracket(const ParetoNbdParams& p, double x, const Bracket& b,
                   std::array<double, 4>* grad) {
  const double r = p.r, al = p.alpha, s = p.s, be = p.beta;
  const double ln_c = std::lgamma(r + x) - std::lgamma(r) + r * std::log(al) + s * std::log(be);
  if (grad) {
    auto& g = *grad;
    g = {Digamma(r + x) - Digamma(r) + std::log(al), r / al, std::log(be), s / be};
    for (int i = 0; i < 4; ++i) g[i] += b.alive * b.d0[i] + b.w_tx * b.d_tx[i] - b.w_T * b.d_T[i];
  }
  return ln_c + b.log_value;
}

}  // namespace

double ParetoNbdLogLikelihood(const ParetoNbdParams& p, double x, double t_x, double T,
                              std::array<double, 4>* grad) {
  Bracket b;
  if (!ComputeBracket(p, x, t_x, T, grad != nullptr, b)) {
    if (grad) grad->fill(std::numeric_limits<double>::quiet_NaN());
    return std::numeric_limits<double>::quiet_NaN();
  }
  return FromBracket(p, x, b, grad);
}

ParetoNbdLikelihood::ParetoNbdLikelihood(const std::vector<RfTuple>& data) : data_(data) {
  std::map<std::pair<double, double>, uint32_t> index;
  auto key = [&](double x, double u) {
    auto [it, added] = index.try_emplace({x, u}, static_cast<uint32_t>(keys_.size()));
    if (added) keys_.push_back({x, u});
    return it->second;
  };
  tails_.reserve(data.size());
  for (const auto& t : data) {
    tails_.push_back(t.t_x < t.T ? std::pair(key(t.x, t.t_x), key(t.x, t.T))
                                 : std::pair(kNone, kNone));
  }
}

double ParetoNbdLikelihood::Total(const ParetoNbdParams& p, std::array<double, 4>* grad) const {
  std::vector<Tail> tails(keys_.size());
  core::ParallelFor(
      keys_.size(),
      [&](size_t begin, size_t end) {
        for (size_t k = begin; k < end; ++k) {
          tails[k] = ComputeTail(p, keys_[k].first, keys_[k].second, grad != nullptr);
        }
      },
      1024);
  return ParallelLogLikelihoodSum<4>(data_.size(), grad, [&](size_t i, std::array<double, 4>* g) {
    const RfTuple& t = data_[i];
    const auto [tx, tT] = tails_[i];
    Bracket b;
    double ll;
    if (!BracketFromTails(p, t.x, t.t_x, t.T, g != nullptr, tx == kNone ? nullptr : &tails[tx],
                          tT == kNone ? nullptr : &tails[tT], b)) {
      ll = std::numeric_limits<double>::quiet_NaN();
      if (g) g->fill(ll);
    } else {
      ll = FromBracket(p, t.x, b, g);
    }
    if (g) {
      for (auto& v : *g) v *= t.weight;
    }
    return t.weight * ll;
  });
}

double ParetoNbdTotalLogLikelihood(const ParetoNbdParams& p, const std::vector<RfTuple>& data,
                                   std::array<double, 4>* grad) {
  return ParetoNbdLikelihood(data).Total(p, grad);
}

ParetoNbdFit FitParetoNbd(const std::vector<RfTuple>& data, const ParetoNbdParams& start) {
  ParetoNbdFit fit;
  fit.params = start;
  double customers = 0;
  for (const auto& t : data) customers += t.weight;
  if (data.empty() || customers <= 0) {
    fit.message = "no customers to fit";
    return fit;
  }
  const auto make_total = [](const std::vector<RfTuple>& records) {
    return [likelihood = ParetoNbdLikelihood(records)](const std::array<double, 4>& th,
                                                       std::array<double, 4>* g) {
      return likelihood.Total({th[0], th[1], th[2], th[3]}, g);
    };
  };
  const MlResult r = MaximizeRecordsLogLikelihood<4>(data, customers, make_total,
                                                     {start.r, start.alpha, start.s, start.beta});
  fit.params = {r.theta[0], r.theta[1], r.theta[2], r.theta[3]};
  SetFitOutcome(r, customers, fit);
  return fit;
}

double ParetoNbdPAlive(const ParetoNbdParams& p, double x, double t_x, double T) {
  Bracket b;
  if (!ComputeBracket(p, x, t_x, T, false, b)) return std::numeric_limits<double>::quiet_NaN();
  return b.alive;
}

double ParetoNbdConditionalExpected(const ParetoNbdParams& p, double t, double x, double t_x,
                                    double T) {
  // (r+x)(beta+T) / ((alpha+T)(s-1)) * [1 - ((beta+T)/(beta+T+t))^(s-1)] * P(alive).
  // With l = ln((beta+T+t)/(beta+T)) and g = -(s-1) l, the bracket over (s-1)
  // is l * expm1(g) / g, which stays accurate at and near s = 1.
  if (!(t > 0)) return 0;
  const double l = std::log1p(t / (p.beta + T));
  const double g = -(p.s - 1) * l;
  const double lifetime = g == 0 ? l : l * std::expm1(g) / g;
  return (p.r + x) * (p.beta + T) / (p.alpha + T) * lifetime * ParetoNbdPAlive(p, x, t_x, T);
}

}  // namespace retain::analytics
