#include "retain/analytics/gamma_gamma.h"

#include "retain/analytics/digamma.h"
#include "retain/analytics/distinct_index.h"
#include "retain/analytics/ml_optimizer.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace retain::analytics {

double GammaGammaLogLikelihood(const GammaGammaParams& g, double x, double m,
                               std::array<double, 3>* grad) {
  const double p = g.p, q = g.q, gm = g.gamma;
  const double px = p * x;
  const double ll = std::lgamma(px + q) - std::lgamma(px) - std::lgamma(q) + q * std::log(gm) +
                    (px - 1) * std::log(m) + px * std::log(x) - (px + q) * std::log(gm + x * m);
  if (grad) {
    (*grad)[0] =
        x * (Digamma(px + q) - Digamma(px) + std::log(m) + std::log(x) - std::log(gm + x * m));
    (*grad)[1] = Digamma(px + q) - Digamma(q) + std::log(gm) - std::log(gm + x * m);
    (*grad)[2] = q / gm - (px + q) / (gm + x * m);
  }
  return ll;
}

GammaGammaLikelihood::GammaGammaLikelihood(const std::vector<SpendTuple>& data) {
  const size_t n = data.size();
  DistinctIndex<> xs = IndexDistinct(n, [&](size_t i) { return data[i].x; });
  xs_ = std::move(xs.values);
  rows_.resize(n);
  core::ParallelFor(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      rows_[i] = {xs.index[i], data[i].m, std::log(data[i].m), data[i].weight};
    }
  });
}

double GammaGammaLikelihood::Total(const GammaGammaParams& g, std::array<double, 3>* grad) const {
  const double p = g.p, q = g.q, gm = g.gamma, log_gm = std::log(gm);
  struct PerX {
    double x, px, base, d_p, d_q;  // base = ln G(px+q) - ln G(px) - ln G(q) + px ln x + q ln gamma
  };
  std::vector<PerX> per_x(xs_.size());
  for (size_t k = 0; k < xs_.size(); ++k) {
    const double x = xs_[k], px = p * x;
    PerX& e = per_x[k];
    e.x = x;
    e.px = px;
    e.base = std::lgamma(px + q) - std::lgamma(px) - std::lgamma(q) + px * std::log(x) + q * log_gm;
    if (grad) {
      e.d_p = x * (Digamma(px + q) - Digamma(px) + std::log(x));
      e.d_q = Digamma(px + q) - Digamma(q) + log_gm;
    }
  }
  return ParallelLogLikelihoodSum<3>(rows_.size(), grad, [&](size_t i, std::array<double, 3>* d) {
    const Row& row = rows_[i];
    const PerX& e = per_x[row.x];
    const double denom = gm + e.x * row.m, log_denom = std::log(denom), w = row.weight;
    if (d) {
      *d = {w * (e.d_p + e.x * (row.log_m - log_denom)), w * (e.d_q - log_denom),
            w * (q / gm - (e.px + q) / denom)};
    }
    return w * (e.base + (e.px - 1) * row.log_m - (e.px + q) * log_denom);
  });
}

double GammaGammaTotalLogLikelihood(const GammaGammaParams& g, const std::vector<SpendTuple>& data,
                                    std::array<double, 3>* grad) {
  return GammaGammaLikelihood(data).Total(g, grad);
}

GammaGammaFit FitGammaGamma(const std::vector<SpendTuple>& data, const GammaGammaParams& start) {
  GammaGammaFit fit;
  fit.params = start;
  const auto usable = [](const SpendTuple& t) { return t.x >= 1 && t.m > 0; };
  double customers = 0;
  size_t usable_records = 0;
  for (const auto& t : data) {
    if (usable(t)) {
      customers += t.weight;
      ++usable_records;
    }
  }
  if (usable_records == 0 || customers <= 0) {
    fit.message = "no repeat buyers with a positive spend to fit";
    return fit;
  }
  // Copied only when some records are left out.
  std::vector<SpendTuple> filtered;
  if (usable_records < data.size()) {
    filtered.reserve(usable_records);
    std::copy_if(data.begin(), data.end(), std::back_inserter(filtered), usable);
  }
  const std::vector<SpendTuple>& used = usable_records < data.size() ? filtered : data;
  const auto make_total = [](const std::vector<SpendTuple>& records) {
    return [likelihood = GammaGammaLikelihood(records)](const std::array<double, 3>& th,
                                                        std::array<double, 3>* g) {
      return likelihood.Total({th[0], th[1], th[2]}, g);
    };
  };
  const MlResult r =
      MaximizeRecordsLogLikelihood<3>(used, customers, make_total, {start.p, start.q, start.gamma});
  fit.params = {r.theta[0], r.theta[1], r.theta[2]};
  SetFitOutcome(r, customers, fit);
  return fit;
}

double GammaGammaExpectedValue(const GammaGammaParams& g, double x, double m) {
  const double population = g.p * g.gamma / (g.q - 1);
  if (x <= 0) return population;
  const double w = (g.q - 1) / (g.p * x + g.q - 1);
  return w * population + (1 - w) * m;
}

}  // namespace retain::analytics
