#include "retain/analytics/ml_optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "retain/analytics/bgnbd.h"
#include "retain/analytics/gamma_gamma.h"
#include "retain/analytics/rf_summary.h"

namespace retain::analytics {
namespace {

// A BG/NBD customer base whose (x, t_x, T) are all distinct (continuous
// times), so it has as many tuples as customers.
std::vector<RfTuple> SimulatedTuples(size_t n) {
  std::mt19937_64 rng(7);
  std::gamma_distribution<double> rate(0.5, 1 / 4.0);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<RfTuple> data;
  for (size_t c = 0; c < n; ++c) {
    const double lambda = rate(rng), p = 0.1 + 0.5 * uniform(rng), T = 10 + 80 * uniform(rng);
    double t = 0, x = 0, last = 0;
    while (true) {
      t += -std::log(1 - uniform(rng)) / lambda;
      if (t > T) break;
      ++x;
      last = t;
      if (uniform(rng) < p) break;
    }
    data.push_back({x, last, T, 1});
  }
  return data;
}

MlResult FitDirectly(const std::vector<RfTuple>& data) {
  const BgNbdLikelihood likelihood(data);
  const auto total = [&](const std::array<double, 4>& th, std::array<double, 4>* g) {
    return likelihood.Total({th[0], th[1], th[2], th[3]}, g);
  };
  return MaximizeLogLikelihood(MeanOf<4>(total, static_cast<double>(data.size())), {1, 1, 1, 1});
}

TEST(SystematicSample, KeepsTheTotalWeightAndPicksHeavyRecordsOften) {
  std::vector<RfTuple> data;
  for (int i = 0; i < 1000; ++i) data.push_back({double(i), 0, 1, i == 500 ? 9001.0 : 1.0});
  const auto sample = SystematicSample(data, 100);  // total 10,000: one pick per 100
  double total = 0, heavy = 0;
  for (const auto& r : sample) {
    total += r.weight;
    if (r.x == 500) heavy = r.weight;
  }
  EXPECT_NEAR(total, 10000, 1e-9);
  EXPECT_NEAR(heavy, 9000, 100.0 + 1e-9);  // about 90 of the 100 picks
  EXPECT_LT(sample.size(), 20u);
  // Unit weights and as many picks as records: every record once.
  const auto all = SystematicSample(std::vector<RfTuple>(50, RfTuple{1, 0, 1, 1}), 50);
  ASSERT_EQ(all.size(), 50u);
  for (const auto& r : all) EXPECT_DOUBLE_EQ(r.weight, 1);
  EXPECT_TRUE(SystematicSample(data, 0).empty());
}

// Fitting from a sample must end at the full data's estimate, not the
// sample's, in far fewer evaluations of the full data.
TEST(WarmStart, ReachesTheFullDataEstimateWithFewerEvaluations) {
  const auto data = SimulatedTuples(kWarmStartRecords + 20'000);
  const MlResult direct = FitDirectly(data);
  ASSERT_TRUE(direct.converged) << direct.message;
  const BgNbdFit warm = FitBgNbd(data, {});  // this many records start from a sample
  ASSERT_TRUE(warm.converged) << warm.message;
  const double got[] = {warm.params.r, warm.params.alpha, warm.params.a, warm.params.b};
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(got[k], direct.theta[k], 1e-6 * direct.theta[k]) << k;
  EXPECT_NEAR(warm.log_likelihood, direct.mean_log_likelihood * data.size(), 1e-6);
  EXPECT_LT(warm.evaluations, direct.evaluations / 2);
  // The sample alone lands elsewhere: the refinement is what makes it exact.
  const auto sample = SystematicSample(data, data.size() / kSampleFraction);
  const BgNbdFit sample_fit = FitBgNbd(sample, {});
  EXPECT_GT(std::fabs(sample_fit.params.r - direct.theta[0]), 1e-5);
}

// A sample unlike the data (here: only its first records) must not change
// the estimate either; the refinement falls back to the full optimiser.
TEST(WarmStart, AMisleadingSampleStillEndsAtTheFullEstimate) {
  const auto data = SimulatedTuples(30'000);
  const MlResult direct = FitDirectly(data);
  ASSERT_TRUE(direct.converged);
  std::vector<RfTuple> head(data.begin(), data.begin() + 300);
  for (auto& r : head) r.weight = 100;
  const BgNbdLikelihood full(data), biased(head);
  const auto total = [&](const std::array<double, 4>& th, std::array<double, 4>* g) {
    return full.Total({th[0], th[1], th[2], th[3]}, g);
  };
  const auto biased_total = [&](const std::array<double, 4>& th, std::array<double, 4>* g) {
    return biased.Total({th[0], th[1], th[2], th[3]}, g);
  };
  const MeanLogLikelihood sample = MeanOf<4>(biased_total, 30'000.0);
  const MlResult r = MaximizeLogLikelihood(MeanOf<4>(total, 30'000.0), {1, 1, 1, 1}, 5000, &sample);
  ASSERT_TRUE(r.converged) << r.message;
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(r.theta[k], direct.theta[k], 1e-6 * direct.theta[k]);
}

TEST(WarmStart, GammaGammaFromASampleMatchesTheDirectFit) {
  std::mt19937_64 rng(11);
  std::gamma_distribution<double> nu(3.0, 1 / 20.0);
  std::uniform_int_distribution<int> repeat(1, 12);
  std::vector<SpendTuple> data;
  for (size_t c = 0; c < kWarmStartRecords + 10'000; ++c) {
    const int x = repeat(rng);
    std::gamma_distribution<double> spend(5.0 * x, 1 / nu(rng));
    data.push_back({double(x), spend(rng) / x, 1});
  }
  const GammaGammaFit warm = FitGammaGamma(data);
  ASSERT_TRUE(warm.converged) << warm.message;
  const GammaGammaLikelihood likelihood(data);
  const auto total = [&](const std::array<double, 3>& th, std::array<double, 3>* g) {
    return likelihood.Total({th[0], th[1], th[2]}, g);
  };
  const MlResult direct =
      MaximizeLogLikelihood(MeanOf<3>(total, static_cast<double>(data.size())), {1, 1, 1});
  ASSERT_TRUE(direct.converged);
  EXPECT_NEAR(warm.params.p, direct.theta[0], 1e-6 * direct.theta[0]);
  EXPECT_NEAR(warm.params.q, direct.theta[1], 1e-6 * direct.theta[1]);
  EXPECT_NEAR(warm.params.gamma, direct.theta[2], 1e-6 * direct.theta[2]);
  EXPECT_LT(warm.evaluations, direct.evaluations / 2);
}

TEST(CompressRf, MergesEqualTuplesAndSortsThem) {
  std::vector<RfCustomer> customers = {{0, 2, 5, 9, 0},    {1, 0, 0, 3, 0}, {2, 2, 5, 9, 0},
                                       {3, 0, -0.0, 3, 0}, {4, 1, 7, 7, 0}, {5, 0, 0, 1e300, 0},
                                       {6, 2, 5, 8.5, 0}};
  const auto t = CompressRf(customers);
  ASSERT_EQ(t.size(), 5u);
  const double want[][4] = {
      {0, 0, 3, 2}, {0, 0, 1e300, 1}, {1, 7, 7, 1}, {2, 5, 8.5, 1}, {2, 5, 9, 2}};
  for (size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].x, want[i][0]) << i;
    EXPECT_EQ(t[i].t_x, want[i][1]) << i;
    EXPECT_EQ(t[i].T, want[i][2]) << i;
    EXPECT_EQ(t[i].weight, want[i][3]) << i;
  }
  EXPECT_TRUE(CompressRf({}).empty());
}

}  // namespace
}  // namespace retain::analytics
