#include "retain/analytics/clv_score.h"

#include <gtest/gtest.h>

#include <cmath>

namespace retain::analytics {
namespace {

// CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie 2013), weeks.
const BgNbdParams kPurchases{0.2426, 4.414, 0.7930, 2.426};
const GammaGammaParams kSpend{6.25, 3.74, 15.44};

TEST(ClvScore, AgreesWithTheModelFunctions) {
  ScoreOptions o;
  const CustomerScore s = ScoreCustomer(kPurchases, kSpend, 2, 30.43, 38.86, 22.35, o);
  EXPECT_DOUBLE_EQ(s.p_alive, BgNbdPAlive(kPurchases, 2, 30.43, 38.86));
  EXPECT_NEAR(s.expected_365d, BgNbdConditionalExpected(kPurchases, 365 / 7.0, 2, 30.43, 38.86),
              1e-12);
  EXPECT_NEAR(s.expected_value, GammaGammaExpectedValue(kSpend, 2, 22.35), 1e-12);
  EXPECT_LT(s.expected_30d, s.expected_90d);
  EXPECT_LT(s.expected_90d, s.expected_365d);
  // Undiscounted, CLV is expected purchases over the horizon times the value.
  o.discount_monthly = 0;
  const CustomerScore flat = ScoreCustomer(kPurchases, kSpend, 2, 30.43, 38.86, 22.35, o);
  EXPECT_NEAR(flat.clv, flat.expected_horizon * flat.expected_value, 1e-9);
  EXPECT_GT(flat.clv, s.clv);  // discounting lowers it
  // Twelve months of 30.4375 days are 365.25 days.
  EXPECT_NEAR(flat.expected_horizon,
              BgNbdConditionalExpected(kPurchases, 365.25 / 7, 2, 30.43, 38.86), 1e-9);
}

TEST(ClvScore, RiskBandsFollowPAlive) {
  ScoreOptions o;
  // Recent frequent buyer: alive; frequent buyer silent for a long time: not.
  EXPECT_EQ(ScoreCustomer(kPurchases, kSpend, 10, 38, 38.86, 30, o).risk, RiskBand::kLow);
  EXPECT_EQ(ScoreCustomer(kPurchases, kSpend, 10, 5, 38.86, 30, o).risk, RiskBand::kHigh);
  EXPECT_EQ(RiskBandName(RiskBand::kMedium), "medium");
}

TEST(ClvScore, ExtremeInputsStayFinite) {
  ScoreOptions o;
  o.horizon_months = 60;
  const double cases[][4] = {{0, 0, 0.01, 0},
                             {500, 100, 10000, 50},
                             {300, 300, 300, 20},
                             {0, 0, 5000, 0},
                             {1, 0.1, 5000, 1e6}};
  for (const auto& c : cases) {
    const CustomerScore s = ScoreCustomer(kPurchases, kSpend, c[0], c[1], c[2], c[3], o);
    for (double v : {s.p_alive, s.expected_30d, s.expected_90d, s.expected_365d, s.expected_horizon,
                     s.expected_value, s.clv}) {
      EXPECT_TRUE(std::isfinite(v)) << c[0] << " " << c[1] << " " << c[2];
      EXPECT_GE(v, 0);
    }
  }
}

TEST(ClvScore, BatchScoringEqualsOneByOne) {
  ScoreOptions o;
  o.horizon_months = 24;
  std::vector<RfCustomer> customers;
  // Repeated (x, T) pairs with different t_x and values share a forecast.
  for (int i = 0; i < 5000; ++i) {
    const double T = 1 + (i % 97) * 0.5, x = i % 13, t_x = x > 0 ? T * ((i % 7) + 1) / 8.0 : 0;
    customers.push_back({static_cast<size_t>(i), x, t_x, T, x > 0 ? 1000.0 + 37 * (i % 11) : 0});
  }
  const auto scores = ScoreCustomers(kPurchases, kSpend, customers, 0.01, o);
  ASSERT_EQ(scores.size(), customers.size());
  for (size_t i = 0; i < customers.size(); i += 37) {
    const auto& c = customers[i];
    const CustomerScore one =
        ScoreCustomer(kPurchases, kSpend, c.x, c.t_x, c.T, c.monetary * 0.01, o);
    EXPECT_DOUBLE_EQ(scores[i].p_alive, one.p_alive);
    EXPECT_DOUBLE_EQ(scores[i].expected_90d, one.expected_90d);
    EXPECT_DOUBLE_EQ(scores[i].expected_horizon, one.expected_horizon);
    EXPECT_DOUBLE_EQ(scores[i].clv, one.clv);
    EXPECT_EQ(scores[i].risk, one.risk);
  }
}

}  // namespace
}  // namespace retain::analytics
