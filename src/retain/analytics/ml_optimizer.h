// Maximum-likelihood optimisation shared by the BTYD models.
//
// Minimises the negative mean log-likelihood over log parameters (keeps them
// positive without bounds or penalties): L-BFGS with the analytic gradient
// first; if its line search gives up, a derivative-free polish (BOBYQA) from
// the last point and L-BFGS again. The result counts as converged only if
// the gradient is practically zero at the end.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "retain/core/parallel.h"

namespace retain::analytics {

// Returns the mean log-likelihood at theta (natural scale) and, when grad is
// not null, its gradient d/d(theta).
using MeanLogLikelihood =
    std::function<double(const std::vector<double>& theta, std::vector<double>* grad)>;

struct MlResult {
  std::vector<double> theta;  // the estimate (natural scale)
  double mean_log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;
};

// Maximises f from `start` (all > 0).
MlResult MaximizeLogLikelihood(const MeanLogLikelihood& f, const std::vector<double>& start,
                               int max_evaluations = 5000);

// Records per thread below which a log-likelihood sum stays on one thread
// (starting threads costs more than summing a few thousand terms).
inline constexpr size_t kParallelRecords = 8192;

// Sum over i in [0, n) of term(i, grad*), the weighted log-likelihood of
// record i (its gradient added into grad when not null), in parallel over
// records; term must be thread-safe.
template <size_t N, class Term>
double ParallelLogLikelihoodSum(size_t n, std::array<double, N>* grad, const Term& term) {
  // Partial sums per slice, added in slice order: the same result whatever
  // order the threads finish in.
  std::vector<std::pair<double, std::array<double, N>>> parts(
      core::SliceRange(n, kParallelRecords).count);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        // Summed in locals: neighbouring slices' results share a cache line.
        double part = 0;
        std::array<double, N> g{}, sum{};
        for (size_t i = begin; i < end; ++i) {
          part += term(i, grad ? &g : nullptr);
          if (grad) {
            for (size_t k = 0; k < N; ++k) sum[k] += g[k];
          }
        }
        parts[slice] = {part, sum};
      },
      kParallelRecords);
  double total = 0;
  if (grad) grad->fill(0);
  for (const auto& [part, sum] : parts) {
    total += part;
    if (grad) {
      for (size_t k = 0; k < N; ++k) (*grad)[k] += sum[k];
    }
  }
  return total;
}

// Sum over records of weight * one(record, grad*), the per-record
// log-likelihood; the gradient (if wanted) is summed the same way.
template <size_t N, class Record, class One>
double WeightedLogLikelihood(const std::vector<Record>& data, std::array<double, N>* grad,
                             One one) {
  return ParallelLogLikelihoodSum<N>(data.size(), grad, [&](size_t i, std::array<double, N>* g) {
    const double w = data[i].weight;
    const double ll = one(data[i], g);
    if (g) {
      for (auto& v : *g) v *= w;
    }
    return w * ll;
  });
}

// Maximises a total log-likelihood total(theta, grad*) of N positive
// parameters over data weighing `customers` (> 0); the mean per customer is
// what is optimised, so scale does not depend on the data size.
// mean_log_likelihood * customers is the total at the estimate.
template <size_t N, class Total>
MlResult MaximizeTotalLogLikelihood(const Total& total, double customers,
                                    const std::array<double, N>& start,
                                    int max_evaluations = 5000) {
  const MeanLogLikelihood f = [&](const std::vector<double>& th, std::vector<double>* grad) {
    std::array<double, N> theta{}, g{};
    for (size_t i = 0; i < N; ++i) theta[i] = th[i];
    const double ll = total(theta, grad ? &g : nullptr);
    if (grad) {
      grad->resize(N);
      for (size_t i = 0; i < N; ++i) (*grad)[i] = g[i] / customers;
    }
    return ll / customers;
  };
  return MaximizeLogLikelihood(f, std::vector<double>(start.begin(), start.end()), max_evaluations);
}

// Copies the outcome of an optimisation into a model's fit result (which has
// params set by the caller and the fields below).
template <class Fit>
void SetFitOutcome(const MlResult& r, double customers, Fit& fit) {
  fit.log_likelihood = r.mean_log_likelihood * customers;
  fit.evaluations = r.evaluations;
  fit.converged = r.converged;
  fit.message = r.message;
}

}  // namespace retain::analytics
