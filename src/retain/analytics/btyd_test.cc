#include "retain/analytics/bgnbd.h"
#include "retain/analytics/cdnow_test_data.h"
#include "retain/analytics/gamma_gamma.h"

#include <gtest/gtest.h>

#include <cmath>

namespace retain::analytics {
namespace {

using testing::CdnowSample;

TEST(BgNbd, ReproducesThePublishedCdnowFit) {
  const Snapshot s = CdnowSample();
  const auto customers = BuildRfSummary(s, core::DayFromCivil(1997, 9, 30), 7.0);
  ASSERT_EQ(customers.size(), 2357u);
  const auto tuples = CompressRf(customers);
  double weight = 0;
  for (const auto& t : tuples) weight += t.weight;
  EXPECT_EQ(weight, 2357);
  const BgNbdFit fit = FitBgNbd(tuples, {});
  ASSERT_TRUE(fit.converged) << fit.message << " r=" << fit.params.r
                             << " alpha=" << fit.params.alpha << " a=" << fit.params.a
                             << " b=" << fit.params.b << " ll=" << fit.log_likelihood
                             << " evals=" << fit.evaluations;
  // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426.
  EXPECT_NEAR(fit.params.r, 0.2426, 0.0005);
  EXPECT_NEAR(fit.params.alpha, 4.414, 0.005);
  EXPECT_NEAR(fit.params.a, 0.7930, 0.0005);
  EXPECT_NEAR(fit.params.b, 2.426, 0.005);
  EXPECT_NEAR(fit.log_likelihood, -9582.43, 0.01);
  // The published walkthrough customer: x = 26, t_x = 30.857, T = 31.
  EXPECT_NEAR(BgNbdPAlive(fit.params, 26, 30.857, 31), 0.9688523, 2e-6);
}

TEST(BgNbd, AnalyticGradientMatchesFiniteDifferences) {
  const BgNbdParams p{0.7, 5.0, 0.9, 2.1};
  const double cases[][3] = {{0, 0, 30}, {3, 10.5, 38}, {120, 200, 210}, {2, 5, 5}};
  for (const auto& c : cases) {
    std::array<double, 4> g{};
    BgNbdLogLikelihood(p, c[0], c[1], c[2], &g);
    for (int i = 0; i < 4; ++i) {
      BgNbdParams hi = p, lo = p;
      double* vh[] = {&hi.r, &hi.alpha, &hi.a, &hi.b};
      double* vl[] = {&lo.r, &lo.alpha, &lo.a, &lo.b};
      const double h = 1e-6 * (1 + std::fabs(*vh[i]));
      *vh[i] += h;
      *vl[i] -= h;
      const double fd =
          (BgNbdLogLikelihood(hi, c[0], c[1], c[2]) - BgNbdLogLikelihood(lo, c[0], c[1], c[2])) /
          (2 * h);
      EXPECT_NEAR(g[i], fd, 1e-5 * (1 + std::fabs(fd))) << "param " << i << " x=" << c[0];
    }
  }
}

// The prepared sum must equal the plain per-tuple sum, value and gradient,
// including extreme tuples and more tuples than one thread sums.
TEST(BgNbd, PreparedLikelihoodEqualsThePlainSum) {
  const BgNbdParams p{0.7, 5.0, 0.9, 2.1};
  std::vector<RfTuple> data = {
      {0, 0, 30, 3}, {500, 100, 10000, 1}, {300, 300, 300, 2}, {1, 0.1, 5000, 1}, {2, 5, 5, 4}};
  for (int i = 0; i < 40000; ++i)
    data.push_back({double(i % 17), (i % 50) * 0.5, 25.0 + i % 61, 1});
  double plain = 0;
  std::array<double, 4> plain_grad{};
  for (const auto& t : data) {
    std::array<double, 4> g{};
    plain += t.weight * BgNbdLogLikelihood(p, t.x, t.t_x, t.T, &g);
    for (int k = 0; k < 4; ++k) plain_grad[k] += t.weight * g[k];
  }
  std::array<double, 4> grad{};
  const double total = BgNbdLikelihood(data).Total(p, &grad);
  EXPECT_NEAR(total, plain, 1e-9 * std::fabs(plain));
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(grad[k], plain_grad[k], 1e-9 * (1 + std::fabs(plain_grad[k]))) << k;
  }
  EXPECT_DOUBLE_EQ(BgNbdLikelihood(data).Total(p), total);
}

TEST(BgNbd, ExtremeInputsStayFinite) {
  const BgNbdParams p{0.2426, 4.414, 0.793, 2.426};
  const double cases[][3] = {{0, 0, 0.01}, {500, 100, 10000}, {300, 300, 300}, {1, 0.1, 5000}};
  for (const auto& c : cases) {
    const double ll = BgNbdLogLikelihood(p, c[0], c[1], c[2]);
    const double alive = BgNbdPAlive(p, c[0], c[1], c[2]);
    EXPECT_TRUE(std::isfinite(ll)) << c[0];
    EXPECT_GE(alive, 0);
    EXPECT_LE(alive, 1);
  }
  EXPECT_EQ(BgNbdPAlive(p, 0, 0, 100), 1.0);
  EXPECT_LT(BgNbdPAlive(p, 500, 100, 10000), 1e-6);
  EXPECT_FALSE(FitBgNbd({}, {}).converged);
}

TEST(RfSummary, MergesSameDayOrdersAndStopsAtCalibrationEnd) {
  SnapshotBuilder b;
  b.AddCustomer(1, "A");
  b.AddCustomer(2, "B");
  b.AddOrder(1, 0, 100, 0);
  b.AddOrder(1, 7, 200, 0);
  b.AddOrder(1, 7, 50, 0);  // same day: one purchase worth 250
  b.AddOrder(1, 21, 300, 0);
  b.AddOrder(1, 40, 999, 0);  // after the calibration end
  b.AddOrder(2, 30, 10, 0);   // first purchase after the end: left out
  const auto rf = BuildRfSummary(b.Finish(), 28, 7.0);
  ASSERT_EQ(rf.size(), 1u);
  EXPECT_EQ(rf[0].x, 2);
  EXPECT_DOUBLE_EQ(rf[0].t_x, 3);
  EXPECT_DOUBLE_EQ(rf[0].T, 4);
  EXPECT_DOUBLE_EQ(rf[0].monetary, 275);  // (250 + 300) / 2
}

}  // namespace
}  // namespace retain::analytics

namespace retain::analytics {
namespace {

TEST(GammaGamma, ReproducesThePublishedCdnowFit) {
  const Snapshot s = CdnowSample();
  std::vector<SpendTuple> spend;
  for (const auto& c : BuildRfSummary(s, core::DayFromCivil(1997, 9, 30), 7.0)) {
    if (c.x > 0) spend.push_back({c.x, c.monetary / 100.0, 1});  // dollars, as published
  }
  ASSERT_EQ(spend.size(), 946u);
  const GammaGammaFit fit = FitGammaGamma(spend);
  ASSERT_TRUE(fit.converged) << fit.message;
  // Fader & Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44; LL -4055.92.
  EXPECT_NEAR(fit.params.p, 6.25, 0.005);
  EXPECT_NEAR(fit.params.q, 3.74, 0.005);
  EXPECT_NEAR(fit.params.gamma, 15.44, 0.05);
  EXPECT_NEAR(fit.log_likelihood, -4055.92, 0.01);
  // Shrinkage: between the population mean and the customer's own mean.
  const double pop = GammaGammaExpectedValue(fit.params, 0, 0);
  const double e = GammaGammaExpectedValue(fit.params, 3, 100);
  EXPECT_GT(e, pop);
  EXPECT_LT(e, 100);
}

TEST(GammaGamma, PreparedLikelihoodEqualsThePlainSum) {
  const GammaGammaParams g{6.25, 3.74, 15.44};
  std::vector<SpendTuple> data = {{1, 0.01, 2}, {400, 1e5, 1}, {3, 35.5, 1}};
  for (int i = 0; i < 30000; ++i) data.push_back({1.0 + i % 23, 5.0 + (i % 101) * 1.7, 1});
  double plain = 0;
  std::array<double, 3> plain_grad{};
  for (const auto& t : data) {
    std::array<double, 3> d{};
    plain += t.weight * GammaGammaLogLikelihood(g, t.x, t.m, &d);
    for (int k = 0; k < 3; ++k) plain_grad[k] += t.weight * d[k];
  }
  std::array<double, 3> grad{};
  const double total = GammaGammaLikelihood(data).Total(g, &grad);
  EXPECT_NEAR(total, plain, 1e-9 * std::fabs(plain));
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(grad[k], plain_grad[k], 1e-9 * (1 + std::fabs(plain_grad[k]))) << k;
  }
}

TEST(GammaGamma, GradientMatchesFiniteDifferences) {
  const GammaGammaParams g{6.0, 3.5, 15.0};
  for (const auto& [x, m] : {std::pair{1.0, 10.0}, {7.0, 35.5}, {150.0, 2.0}}) {
    std::array<double, 3> an{};
    GammaGammaLogLikelihood(g, x, m, &an);
    for (int i = 0; i < 3; ++i) {
      GammaGammaParams hi = g, lo = g;
      double* vh[] = {&hi.p, &hi.q, &hi.gamma};
      double* vl[] = {&lo.p, &lo.q, &lo.gamma};
      const double h = 1e-6 * (1 + *vh[i]);
      *vh[i] += h;
      *vl[i] -= h;
      const double fd =
          (GammaGammaLogLikelihood(hi, x, m) - GammaGammaLogLikelihood(lo, x, m)) / (2 * h);
      EXPECT_NEAR(an[i], fd, 1e-5 * (1 + std::fabs(fd)));
    }
  }
  EXPECT_FALSE(FitGammaGamma({{0, 0, 1}}).converged);
}

}  // namespace
}  // namespace retain::analytics
