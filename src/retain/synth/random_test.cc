#include "retain/synth/random.h"

#include <cmath>

#include <gtest/gtest.h>

namespace retain::synth {
namespace {

TEST(SplitMix64, MatchesReferenceOutput) {
  // First output of the reference splitmix64 generator seeded with 0.
  EXPECT_EQ(SplitMix64(0), 0xE220A8397B1DCDAFULL);
}

TEST(MixSeed, DistinctStreamsAndIndices) {
  EXPECT_NE(MixSeed(42, 1, 0), MixSeed(42, 1, 1));
  EXPECT_NE(MixSeed(42, 1, 0), MixSeed(42, 2, 0));
  EXPECT_NE(MixSeed(42, 1, 0), MixSeed(43, 1, 0));
  EXPECT_EQ(MixSeed(42, 1, 7), MixSeed(42, 1, 7));
}

TEST(Rng, SameSeedSameSequence) {
  Rng a(123), b(123);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.Gamma(0.8, 2.0), b.Gamma(0.8, 2.0));
}

TEST(Rng, UniformIntStaysInRange) {
  Rng rng(1);
  for (int i = 0; i < 10000; ++i) {
    const int64_t v = rng.UniformInt(-2, 2);
    ASSERT_GE(v, -2);
    ASSERT_LE(v, 2);
  }
}

// Sample mean and variance of n draws of `draw`.
template <class F>
std::pair<double, double> Moments(F draw, int n = 200000) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, sum2 / n - mean * mean};
}

TEST(Rng, GammaMoments) {
  Rng rng(2);
  for (double shape : {0.5, 0.8, 1.0, 4.0, 9.0}) {
    const double scale = 3.0;
    const auto [mean, var] = Moments([&] { return rng.Gamma(shape, scale); });
    EXPECT_NEAR(mean, shape * scale, 0.02 * shape * scale) << shape;
    EXPECT_NEAR(var, shape * scale * scale, 0.06 * shape * scale * scale) << shape;
  }
}

TEST(Rng, BetaMean) {
  Rng rng(3);
  const auto [mean, var] = Moments([&] { return rng.Beta(0.6, 3.0); });
  EXPECT_NEAR(mean, 0.6 / 3.6, 0.005);
  const double expected_var = 0.6 * 3.0 / (3.6 * 3.6 * 4.6);
  EXPECT_NEAR(var, expected_var, 0.05 * expected_var);
}

TEST(Rng, PoissonMoments) {
  Rng rng(4);
  for (double m : {0.3, 1.5, 12.0, 50.0}) {
    const auto [mean, var] = Moments([&] { return static_cast<double>(rng.Poisson(m)); });
    EXPECT_NEAR(mean, m, 0.02 * m + 0.01) << m;
    EXPECT_NEAR(var, m, 0.05 * m + 0.01) << m;
  }
}

TEST(Rng, NormalAndExponentialMoments) {
  Rng rng(5);
  const auto [nm, nv] = Moments([&] { return rng.Normal(); });
  EXPECT_NEAR(nm, 0.0, 0.01);
  EXPECT_NEAR(nv, 1.0, 0.02);
  const auto [em, ev] = Moments([&] { return rng.Exponential(0.5); });
  EXPECT_NEAR(em, 2.0, 0.03);
  EXPECT_NEAR(ev, 4.0, 0.15);
}

TEST(WeightedTable, FollowsWeightsAndSkipsZeros) {
  const double weights[] = {1.0, 0.0, 3.0};
  WeightedTable table(weights);
  Rng rng(6);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 40000; ++i) ++counts[table.Pick(rng)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2] / 40000.0, 0.75, 0.01);
}

}  // namespace
}  // namespace retain::synth
