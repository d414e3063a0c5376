// Deterministic random numbers for the synthetic shop.
//
// The engine is std::mt19937_64, whose output sequence the C++ standard fixes;
// every distribution is implemented here (not with <random>'s distributions,
// whose algorithms differ between standard libraries), so the same seed gives
// the same bytes with any compiler.
//
//   Rng rng(MixSeed(seed, kCustomerStream, index));
//   double rate = rng.Gamma(0.8, 1.0 / 90.0);
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace retain::synth {

// One step of the splitmix64 generator: a strong 64-bit mixing function.
uint64_t SplitMix64(uint64_t x);

// A seed for the independent random stream `index` of kind `stream` under
// the user's `seed`; distinct inputs give (practically) unrelated seeds.
uint64_t MixSeed(uint64_t seed, uint64_t stream, uint64_t index);

class Rng {
 public:
  // Starts the engine from `seed` (use MixSeed to derive per-entity seeds).
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // 64 random bits.
  uint64_t Bits() { return engine_(); }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1): never exactly 0, safe to take the logarithm of.
  double UniformOpen() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [lo, hi] (requires lo <= hi).
  int64_t UniformInt(int64_t lo, int64_t hi);
  // True with probability p.
  bool Bernoulli(double p) { return Uniform() < p; }
  // Standard normal (Marsaglia's polar method, no cached second value).
  double Normal();
  // Exponential with the given rate (> 0); mean 1/rate.
  double Exponential(double rate);
  // Gamma with `shape` > 0 and `scale` > 0 (Marsaglia–Tsang; shape < 1 boosted).
  double Gamma(double shape, double scale);
  // Beta(a, b) from two gammas; a, b > 0.
  double Beta(double a, double b);
  // Poisson with the given mean >= 0 (multiplication method below 30,
  // rounded normal approximation above).
  int64_t Poisson(double mean);

 private:
  std::mt19937_64 engine_;
};

// A discrete distribution over indices 0..n-1 with fixed non-negative weights.
class WeightedTable {
 public:
  WeightedTable() = default;
  // Builds from `weights`; at least one weight must be positive.
  explicit WeightedTable(std::span<const double> weights);
  // An index drawn with probability proportional to its weight.
  size_t Pick(Rng& rng) const;
  // Number of entries.
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace retain::synth
