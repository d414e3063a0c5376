#include "retain/synth/random.h"

#include <algorithm>
#include <cmath>

namespace retain::synth {

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

uint64_t MixSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  return SplitMix64(SplitMix64(SplitMix64(seed) ^ stream) + index);
}

int64_t Rng::UniformInt(int64_t lo, int64_t hi) {
  const uint64_t range = static_cast<uint64_t>(hi - lo) + 1;
  if (range == 0) return static_cast<int64_t>(engine_());  // the full 64-bit range
  // Lemire's multiply-shift; the bias (< range / 2^64) is irrelevant here.
  const unsigned __int128 product = static_cast<unsigned __int128>(engine_()) * range;
  return lo + static_cast<int64_t>(product >> 64);
}

double Rng::Normal() {
  while (true) {
    const double u = 2.0 * Uniform() - 1.0;
    const double v = 2.0 * Uniform() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double Rng::Exponential(double rate) { return -std::log(UniformOpen()) / rate; }

double Rng::Gamma(double shape, double scale) {
  if (shape < 1.0) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a).
    const double boost = std::pow(UniformOpen(), 1.0 / shape);
    return Gamma(shape + 1.0, scale) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x, v;
    do {
      x = Normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = UniformOpen();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

double Rng::Beta(double a, double b) {
  const double x = Gamma(a, 1.0);
  const double y = Gamma(b, 1.0);
  return x / (x + y);
}

int64_t Rng::Poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean >= 30.0) {
    return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * Normal()));
  }
  const double limit = std::exp(-mean);
  int64_t k = 0;
  double product = Uniform();
  while (product > limit) {
    ++k;
    product *= Uniform();
  }
  return k;
}

WeightedTable::WeightedTable(std::span<const double> weights) {
  cumulative_.reserve(weights.size());
  double sum = 0.0;
  for (double w : weights) {
    sum += std::max(0.0, w);
    cumulative_.push_back(sum);
  }
}

size_t WeightedTable::Pick(Rng& rng) const {
  const double x = rng.Uniform() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min<size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
}

}  // namespace retain::synth
