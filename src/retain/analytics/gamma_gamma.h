// Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of
// Monetary Value"): a customer's purchase values are Gamma(p, nu) with
// nu ~ Gamma(q, gamma) across customers. Fitted on repeat buyers only (x > 0)
// from their number of repeat purchases x and mean repeat value m.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace retain::analytics {

struct GammaGammaParams {
  double p = 1, q = 1, gamma = 1;  // all > 0; gamma in the unit of m
};

struct SpendTuple {
  double x = 1;  // repeat purchases, >= 1
  double m = 0;  // their mean value, > 0
  double weight = 1;
};

// Log-likelihood of one repeat buyer (gradient d/d(p, q, gamma) if given).
double GammaGammaLogLikelihood(const GammaGammaParams& g, double x, double m,
                               std::array<double, 3>* grad = nullptr);

// Sum of weight * log-likelihood over the tuples (gradient likewise).
double GammaGammaTotalLogLikelihood(const GammaGammaParams& g, const std::vector<SpendTuple>& data,
                                    std::array<double, 3>* grad = nullptr);

// The total log-likelihood of a fixed data set (x >= 1, m > 0), prepared
// once: terms of x alone are computed once per distinct x and ln m once, so a
// tuple costs one log; the sum runs in parallel. Same value as summing
// GammaGammaLogLikelihood.
class GammaGammaLikelihood {
 public:
  explicit GammaGammaLikelihood(const std::vector<SpendTuple>& data);
  double Total(const GammaGammaParams& g, std::array<double, 3>* grad = nullptr) const;

 private:
  struct Row {
    uint32_t x;  // index into xs_
    double m, log_m, weight;
  };
  std::vector<double> xs_;
  std::vector<Row> rows_;
};

struct GammaGammaFit {
  GammaGammaParams params;
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;
};

// Maximum likelihood (L-BFGS on log parameters, analytic gradient). Tuples
// with x < 1 or m <= 0 are ignored; none left does not converge.
GammaGammaFit FitGammaGamma(const std::vector<SpendTuple>& data,
                            const GammaGammaParams& start = {});

// Expected mean purchase value of a customer with x repeat purchases of mean m
// (the population mean p*gamma/(q-1) when x = 0; requires q > 1).
double GammaGammaExpectedValue(const GammaGammaParams& g, double x, double m);

}  // namespace retain::analytics
