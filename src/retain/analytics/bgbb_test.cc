#include "retain/analytics/bgbb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace retain::analytics {
namespace {

// tests/data/btyd/donations.csv: frequency, recency, periods, weights.
std::vector<BgBbTuple> Donations() {
  std::ifstream in(std::string(RETAIN_SOURCE_DIR) + "/tests/data/btyd/donations.csv");
  EXPECT_TRUE(in.good());
  std::vector<BgBbTuple> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    BgBbTuple t;
    char comma;
    std::istringstream f(line);
    if (f >> t.x >> comma >> t.t_x >> comma >> t.n >> comma >> t.weight) out.push_back(t);
  }
  return out;
}

const BgBbParams kPublished{1.204, 0.750, 0.657, 2.783};

TEST(BgBb, ReproducesThePublishedDonationsFit) {
  const auto data = Donations();
  ASSERT_EQ(data.size(), 22u);
  double donors = 0;
  for (const auto& t : data) donors += t.weight;
  EXPECT_EQ(donors, 11104);
  const BgBbFit fit = FitBgBb(data, {});
  ASSERT_TRUE(fit.converged) << fit.message << " alpha=" << fit.params.alpha
                             << " beta=" << fit.params.beta << " gamma=" << fit.params.gamma
                             << " delta=" << fit.params.delta << " ll=" << fit.log_likelihood;
  // Fader, Hardie & Shang (2010): alpha = 1.204, beta = 0.750, gamma = 0.657,
  // delta = 2.783, LL = -33,225.58. Tolerances are those of the rounding (our
  // MLE: 1.20352, 0.74972, 0.65672, 2.78344; LL -33,225.5813).
  EXPECT_NEAR(fit.params.alpha, 1.204, 0.0005);
  EXPECT_NEAR(fit.params.beta, 0.750, 0.0005);
  EXPECT_NEAR(fit.params.gamma, 0.657, 0.0005);
  EXPECT_NEAR(fit.params.delta, 2.783, 0.0005);
  EXPECT_NEAR(fit.log_likelihood, -33225.58, 0.01);
  EXPECT_NEAR(BgBbTotalLogLikelihood(kPublished, data), -33225.58, 0.01);
}

// Binomial coefficient as a double (small arguments).
double Choose(int n, int k) {
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0));
}

TEST(BgBb, LikelihoodIsADistributionOverHistories) {
  // A history (x, t_x) over n opportunities is C(t_x - 1, x - 1) transaction
  // sequences with the same likelihood, so the probabilities over all
  // histories must add up to 1.
  for (const int n : {1, 6, 20}) {
    double total = std::exp(BgBbLogLikelihood(kPublished, 0, 0, n));
    for (int t_x = 1; t_x <= n; ++t_x) {
      for (int x = 1; x <= t_x; ++x) {
        total += Choose(t_x - 1, x - 1) * std::exp(BgBbLogLikelihood(kPublished, x, t_x, n));
      }
    }
    EXPECT_NEAR(total, 1.0, 1e-12) << "n=" << n;
  }
}

TEST(BgBb, AnalyticGradientMatchesFiniteDifferences) {
  const BgBbParams p{1.3, 0.8, 0.6, 2.5};
  const double cases[][3] = {{0, 0, 6},  {1, 1, 6},      {3, 5, 6},    {6, 6, 6},
                             {2, 3, 50}, {40, 200, 300}, {0, 0, 1000}, {0, 0, 0}};
  for (const auto& c : cases) {
    std::array<double, 4> g{};
    BgBbLogLikelihood(p, c[0], c[1], c[2], &g);
    for (int i = 0; i < 4; ++i) {
      BgBbParams hi = p, lo = p;
      double* vh[] = {&hi.alpha, &hi.beta, &hi.gamma, &hi.delta};
      double* vl[] = {&lo.alpha, &lo.beta, &lo.gamma, &lo.delta};
      const double h = 1e-6 * (1 + std::fabs(*vh[i]));
      *vh[i] += h;
      *vl[i] -= h;
      const double fd =
          (BgBbLogLikelihood(hi, c[0], c[1], c[2]) - BgBbLogLikelihood(lo, c[0], c[1], c[2])) /
          (2 * h);
      EXPECT_NEAR(g[i], fd, 1e-5 * (1 + std::fabs(fd)))
          << "param " << i << " x=" << c[0] << " t_x=" << c[1] << " n=" << c[2];
    }
  }
}

TEST(BgBb, PAliveAndExpectationMatchTheClosedForms) {
  for (const auto& t : Donations()) {
    const double x = t.x, t_x = t.t_x, n = t.n;
    const double ll = BgBbLogLikelihood(kPublished, x, t_x, n);
    const auto [al, be, ga, de] = kPublished;
    const auto lbeta = [](double u, double v) {
      return std::lgamma(u) + std::lgamma(v) - std::lgamma(u + v);
    };
    // Fader, Hardie & Shang (2010) eq. 11 (BTYD's bgbb.PAlive).
    const double alive = std::exp(lbeta(al + x, be + n - x) - lbeta(al, be) +
                                  lbeta(ga, de + n + 1) - lbeta(ga, de) - ll);
    EXPECT_NEAR(BgBbPAlive(kPublished, x, t_x, n), alive, 1e-12);
    // Eq. 13 (BTYD's bgbb.ConditionalExpectedTransactions), 5 opportunities.
    const double n_star = 5;
    const double expected =
        std::exp(-ll + lbeta(al + x + 1, be + n - x) - lbeta(al, be)) * de / (ga - 1) *
        std::exp(std::lgamma(ga + de) - std::lgamma(1 + de)) *
        (std::exp(std::lgamma(1 + de + n) - std::lgamma(ga + de + n)) -
         std::exp(std::lgamma(1 + de + n + n_star) - std::lgamma(ga + de + n + n_star)));
    EXPECT_NEAR(BgBbConditionalExpected(kPublished, n_star, x, t_x, n), expected, 1e-12)
        << x << " " << t_x;
  }
  // Someone who gave at every opportunity is certainly alive at n, so P(alive
  // at n + 1) is just the chance of surviving one more: (delta+n)/(gamma+delta+n).
  EXPECT_NEAR(BgBbPAlive(kPublished, 6, 6, 6), (2.783 + 6) / (0.657 + 2.783 + 6), 1e-14);
  EXPECT_EQ(BgBbConditionalExpected(kPublished, 0, 3, 5, 6), 0);
  // gamma = 1 is where the closed form divides 0 by 0; the sum does not.
  const double at_one = BgBbConditionalExpected({1.2, 0.75, 1.0, 2.8}, 5, 3, 5, 6);
  EXPECT_TRUE(std::isfinite(at_one));
  EXPECT_GT(at_one, 0);
  EXPECT_NEAR(at_one, BgBbConditionalExpected({1.2, 0.75, 1.0 + 1e-7, 2.8}, 5, 3, 5, 6), 1e-6);
}

TEST(BgBb, ConditionalExpectationsTrackTheHoldoutDonations) {
  // BTYD's donationsSummary: per (x, t_x) cell the donors and the donations
  // they made in the 5 holdout years. Kept outside the repository.
  const std::string path = std::string(RETAIN_SOURCE_DIR) +
                           "/../shared/data/btyd/donationsSummary_rf_matrix_with_xstar.csv";
  std::ifstream in(path);
  if (!in.good()) GTEST_SKIP() << "holdout data not available: " << path;
  std::string line;
  std::getline(in, line);  // x,t.x,n.cal,custs,x_star_total
  double predicted = 0, actual = 0;
  std::map<int, std::pair<double, double>> by_x;  // x -> (predicted, actual)
  std::map<int, double> donors_by_x;
  int cells = 0;
  while (std::getline(in, line)) {
    double x, t_x, n, custs, x_star;
    char comma;
    std::istringstream f(line);
    if (!(f >> x >> comma >> t_x >> comma >> n >> comma >> custs >> comma >> x_star)) continue;
    ++cells;
    const double e = custs * BgBbConditionalExpected(kPublished, 5, x, t_x, n);
    predicted += e;
    actual += x_star;
    by_x[static_cast<int>(x)].first += e;
    by_x[static_cast<int>(x)].second += x_star;
    donors_by_x[static_cast<int>(x)] += custs;
  }
  ASSERT_EQ(cells, 22);
  EXPECT_EQ(actual, 13260);
  // Tolerances. The holdout total is a sum over 11,104 donors of counts in
  // 0..5, so its sampling noise is about sqrt(13,260) ~ 115 (0.9 %) if the
  // model were exact; what remains is model error. The model predicts 12,882
  // donations, 2.8 % short; 5 % allows for that with margin and still catches
  // a horizon off by one opportunity (4 or 6 instead of 5: -20 % / +14 %).
  // Subtler slips (counting survival from n instead of n + 1: +3 %) are left
  // to the closed-form test above.
  EXPECT_NEAR(predicted / actual, 1, 0.05) << predicted << " vs " << actual;
  // By calibration frequency x: for x >= 2 (about 90 % of the holdout
  // donations) predicted / actual is within 15 % (observed 0.87, 0.96, 0.99,
  // 1.05, 1.06 for x = 2..6). For x <= 1 the model under-predicts the lapsed
  // donors who came back (observed 0.42 and 0.75), so there only the order is
  // checked: the expected donations per donor rise with x, as the actual ones
  // do (0.17, 0.43, 0.81, 1.39, 2.06, 2.64, 3.53).
  double last_rate = -1;
  for (const auto& [x, pa] : by_x) {
    const double rate = pa.first / donors_by_x[x];
    EXPECT_GT(rate, last_rate) << "x=" << x;
    last_rate = rate;
    if (x >= 2) {
      EXPECT_NEAR(pa.first / pa.second, 1, 0.15) << "x=" << x;
    }
  }
}

TEST(BgBb, ExtremeInputsStayFinite) {
  const double cases[][3] = {{0, 0, 6},    {6, 6, 6},        {500, 500, 500}, {0, 0, 1000},
                             {1, 1, 1000}, {300, 400, 1000}, {0, 0, 0},       {1000, 1000, 1000}};
  for (const auto& c : cases) {
    std::array<double, 4> g{};
    const double ll = BgBbLogLikelihood(kPublished, c[0], c[1], c[2], &g);
    EXPECT_TRUE(std::isfinite(ll)) << c[0] << " " << c[1] << " " << c[2];
    EXPECT_LE(ll, 0);
    for (double v : g) EXPECT_TRUE(std::isfinite(v)) << c[0];
    const double alive = BgBbPAlive(kPublished, c[0], c[1], c[2]);
    EXPECT_GE(alive, 0);
    EXPECT_LE(alive, 1);
    const double e = BgBbConditionalExpected(kPublished, 10, c[0], c[1], c[2]);
    EXPECT_TRUE(std::isfinite(e));
    EXPECT_GE(e, 0);
    EXPECT_LE(e, 10);
  }
  // Long silence after an early lapse: almost certainly gone.
  EXPECT_LT(BgBbPAlive(kPublished, 1, 1, 1000), 1e-3);
  EXPECT_GT(BgBbPAlive(kPublished, 1000, 1000, 1000), 0.99);
}

TEST(BgBb, FitOfNoValidDataDoesNotConverge) {
  EXPECT_FALSE(FitBgBb({}, {}).converged);
  // x > t_x, t_x > n and x = 0 < t_x are impossible histories; zero weight
  // counts no one.
  const BgBbFit fit = FitBgBb({{3, 2, 6, 10}, {1, 7, 6, 10}, {0, 2, 6, 10}, {1, 1, 6, 0}}, {});
  EXPECT_FALSE(fit.converged);
  EXPECT_FALSE(fit.message.empty());
}

}  // namespace
}  // namespace retain::analytics
