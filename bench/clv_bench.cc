// Lifetime-value benchmarks (make bench):
//  - BG/NBD and Pareto/NBD fits on the CDNOW sample (2,357 customers);
//  - the whole pipeline on simulated customer bases of 1 and 10 million
//    customers (about 3 purchases each over three years): per-customer
//    summary in one pass over the snapshot, compression to unique tuples,
//    BG/NBD and Gamma-Gamma fits, and scoring (P(alive), expected purchases,
//    12-month CLV) of every customer. Counters give each stage's seconds and
//    the peak memory the pipeline adds to the snapshot's.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "retain/analytics/bgnbd.h"
#include "retain/analytics/clv_score.h"
#include "retain/analytics/gamma_gamma.h"
#include "retain/analytics/pareto_nbd.h"
#include "retain/analytics/rf_summary.h"
#include "retain/analytics/snapshot.h"
#include "retain/core/date.h"

namespace {

using namespace retain;
using Clock = std::chrono::steady_clock;

// The CDNOW 1/10 sample's calibration summary (tests/data/btyd), as tuples.
std::vector<analytics::RfTuple> CdnowTuples() {
  std::ifstream in(std::string(RETAIN_SOURCE_DIR) + "/tests/data/btyd/cdnowSummary_cbs.csv");
  std::string line;
  std::getline(in, line);
  std::vector<analytics::RfCustomer> customers;
  while (std::getline(in, line)) {
    double id, x, t_x, T;
    if (std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf", &id, &x, &t_x, &T) == 4) {
      customers.push_back({customers.size(), x, t_x, T, 0});
    }
  }
  return analytics::CompressRf(customers);
}

void BM_FitBgNbdCdnow(benchmark::State& state) {
  const auto tuples = CdnowTuples();
  for (auto _ : state) {
    auto fit = analytics::FitBgNbd(tuples, {});
    if (!fit.converged) state.SkipWithError("BG/NBD did not converge");
    benchmark::DoNotOptimize(fit);
  }
  state.counters["tuples"] = static_cast<double>(tuples.size());
}
BENCHMARK(BM_FitBgNbdCdnow)->Unit(benchmark::kMillisecond);

void BM_FitParetoNbdCdnow(benchmark::State& state) {
  const auto tuples = CdnowTuples();
  for (auto _ : state) {
    auto fit = analytics::FitParetoNbd(tuples);
    if (!fit.converged) state.SkipWithError("Pareto/NBD did not converge");
    benchmark::DoNotOptimize(fit);
  }
  state.counters["tuples"] = static_cast<double>(tuples.size());
}
BENCHMARK(BM_FitParetoNbdCdnow)->Unit(benchmark::kMillisecond);

constexpr core::Day kEnd = 20453;  // 2025-12-31
constexpr core::Day kStart = kEnd - 3 * 365;

// A customer base following BG/NBD (purchase rate ~ Gamma(0.8, 80 days),
// drop-out ~ Beta(0.6, 3)) with Gamma-Gamma-like spend, acquired uniformly
// over three years. Deterministic for a given size.
analytics::Snapshot SimulateCustomers(int64_t n) {
  std::mt19937_64 rng(20251231);
  std::gamma_distribution<double> rate(0.8, 1 / 80.0), spend_mean(4.0, 7500.0 / 4.0);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::uniform_int_distribution<int> acquired(kStart, kEnd);
  analytics::SnapshotBuilder b;
  for (int64_t c = 1; c <= n; ++c) b.AddCustomer(c, "C" + std::to_string(c));
  for (int64_t c = 1; c <= n; ++c) {
    const double lambda = rate(rng);
    const double x = std::gamma_distribution<double>(0.6)(rng);
    const double y = std::gamma_distribution<double>(3.0)(rng);
    const double p = x / (x + y);
    const double mean = spend_mean(rng);
    std::gamma_distribution<double> order_value(6.0, mean / 6.0);
    double t = acquired(rng);
    while (t <= kEnd) {
      b.AddOrder(c, static_cast<core::Day>(t), std::max<int64_t>(100, order_value(rng)), 0);
      if (uniform(rng) < p) break;
      t += -std::log(1 - uniform(rng)) / lambda;
    }
  }
  return b.Finish();
}

const analytics::Snapshot& Customers(int64_t n) {
  static std::map<int64_t, analytics::Snapshot> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    cache.clear();  // one base at a time
    it = cache.emplace(n, SimulateCustomers(n)).first;
  }
  return it->second;
}

// Resident-set high-water mark (VmHWM) in MB; ResetPeak() starts it anew.
double PeakMb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  double kb = 0;
  while (in >> key) {
    if (key == "VmHWM:") {
      in >> kb;
      break;
    }
    in.ignore(256, '\n');
  }
  return kb / 1024;
}
double ResidentMb() {
  std::ifstream in("/proc/self/statm");
  double pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * 4096 / (1 << 20);
}
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void BM_ClvPipeline(benchmark::State& state) {
  const analytics::Snapshot& s = Customers(state.range(0));
  double summary_s = 0, fit_s = 0, bg_s = 0, bg_evals = 0, gg_evals = 0, score_s = 0, tuples = 0,
         added_mb = 0;
  for (auto _ : state) {
    const double base = ResidentMb();
    ResetPeak();
    auto t0 = Clock::now();
    const auto summary = analytics::BuildRfSummary(s, kEnd, 7);
    const auto compressed = analytics::CompressRf(summary);
    summary_s = Seconds(t0);
    t0 = Clock::now();
    const auto bg = analytics::FitBgNbd(compressed, {});
    bg_s = Seconds(t0);
    std::vector<analytics::SpendTuple> spend;
    spend.reserve(summary.size());
    for (const auto& c : summary) {
      if (c.x > 0) spend.push_back({c.x, c.monetary / 100.0, 1});
    }
    const auto gg = analytics::FitGammaGamma(spend);
    fit_s = Seconds(t0);
    bg_evals = bg.evaluations;
    gg_evals = gg.evaluations;
    if (!bg.converged || !gg.converged) state.SkipWithError("a fit did not converge");
    t0 = Clock::now();
    const auto scores = analytics::ScoreCustomers(bg.params, gg.params, summary, 0.01, {});
    score_s = Seconds(t0);
    benchmark::DoNotOptimize(scores.data());
    tuples = static_cast<double>(compressed.size());
    added_mb = PeakMb() - base;
  }
  state.counters["customers"] = static_cast<double>(s.customers());
  state.counters["purchases"] = static_cast<double>(s.orders());
  state.counters["tuples"] = tuples;
  state.counters["summary_s"] = summary_s;
  state.counters["fit_s"] = fit_s;
  state.counters["bgnbd_fit_s"] = bg_s;
  state.counters["bgnbd_evals"] = bg_evals;
  state.counters["gammagamma_evals"] = gg_evals;
  state.counters["score_s"] = score_s;
  state.counters["snapshot_MB"] = ResidentMb();
  state.counters["pipeline_peak_MB"] = added_mb;
}
BENCHMARK(BM_ClvPipeline)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2)
    ->UseRealTime();

}  // namespace
