// Maximum-likelihood optimisation shared by the BTYD models.
//
// Minimises the negative mean log-likelihood over log parameters (keeps them
// positive without bounds or penalties): L-BFGS with the analytic gradient
// first; if its line search gives up, a derivative-free polish (BOBYQA) from
// the last point and L-BFGS again. The result counts as converged only if
// the gradient is practically zero at the end.
//
// Large data sets are fitted from a sample first: L-BFGS needs some twenty
// evaluations, while Newton steps from the sample's optimum with the sample's
// Hessian reach the full data's optimum in a few. The estimate is the full
// data's either way; only the path to it is shorter.
#pragma once

#include <algorithm>
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

// Maximises f from `start` (all > 0). With `sample` (the mean log-likelihood
// of a sample of the same data), first maximises that, then refines on f;
// evaluations counts those of f only.
MlResult MaximizeLogLikelihood(const MeanLogLikelihood& f, const std::vector<double>& start,
                               int max_evaluations = 5000,
                               const MeanLogLikelihood* sample = nullptr);

// Records from which a fit starts from a sample, and the sample's size: one
// record in kSampleFraction, but at least kMinSampleRecords.
inline constexpr size_t kWarmStartRecords = 100'000;
inline constexpr size_t kSampleFraction = 16;
inline constexpr size_t kMinSampleRecords = 25'000;

// A systematic sample of about `picks` customers from records with a
// `weight` (customers): walking the records in order, every (W/picks)-th
// unit of the total weight W picks the record it falls in; a picked record
// enters the sample once, weighing W/picks times its picks. Deterministic,
// keeps the total weight, and follows the records' order (sorted records give
// a stratified sample).
template <class Record>
std::vector<Record> SystematicSample(const std::vector<Record>& data, size_t picks) {
  double total = 0;
  for (const auto& r : data) total += r.weight;
  std::vector<Record> sample;
  if (picks == 0 || !(total > 0)) return sample;
  const double step = total / static_cast<double>(picks);
  double next = step / 2, cumulative = 0;
  for (const auto& r : data) {
    cumulative += r.weight;
    int hits = 0;
    for (; next < cumulative; next += step) ++hits;
    if (hits > 0) {
      sample.push_back(r);
      sample.back().weight = hits * step;
    }
  }
  return sample;
}

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

// The mean per customer of a total log-likelihood total(theta, grad*) of N
// parameters over data weighing `customers` (> 0).
template <size_t N, class Total>
MeanLogLikelihood MeanOf(const Total& total, double customers) {
  return [&total, customers](const std::vector<double>& th, std::vector<double>* grad) {
    std::array<double, N> theta{}, g{};
    for (size_t i = 0; i < N; ++i) theta[i] = th[i];
    const double ll = total(theta, grad ? &g : nullptr);
    if (grad) {
      grad->resize(N);
      for (size_t i = 0; i < N; ++i) (*grad)[i] = g[i] / customers;
    }
    return ll / customers;
  };
}

// Maximises a total log-likelihood of N positive parameters over weighted
// records (data, all weights > 0, not empty): make_total(records) returns
// total(theta, grad*), the log-likelihood of those records (it may keep a
// reference to them). The mean per customer is what is optimised, so scale
// does not depend on the data size; mean_log_likelihood * customers is the
// total at the estimate. With kWarmStartRecords records or more, starts from
// a SystematicSample (see MaximizeLogLikelihood).
template <size_t N, class Record, class MakeTotal>
MlResult MaximizeRecordsLogLikelihood(const std::vector<Record>& data, double customers,
                                      const MakeTotal& make_total,
                                      const std::array<double, N>& start,
                                      int max_evaluations = 5000) {
  const std::vector<double> from(start.begin(), start.end());
  const auto total = make_total(data);
  const MeanLogLikelihood f = MeanOf<N>(total, customers);
  if (data.size() < kWarmStartRecords) return MaximizeLogLikelihood(f, from, max_evaluations);
  const std::vector<Record> sample =
      SystematicSample(data, std::max(kMinSampleRecords, data.size() / kSampleFraction));
  const auto sample_total = make_total(sample);
  const MeanLogLikelihood sample_f = MeanOf<N>(sample_total, customers);
  return MaximizeLogLikelihood(f, from, max_evaluations, &sample_f);
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
