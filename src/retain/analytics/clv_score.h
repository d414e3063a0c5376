// Per-customer forecasts from fitted BG/NBD and Gamma-Gamma models.
//
// For a customer with summary (x, t_x, T) at the calibration end:
//   p_alive          BG/NBD probability of still being a customer,
//   expected_<n>d    expected purchases in the next n days (conditional expectation),
//   expected_value   Gamma-Gamma expected order value (currency units),
//   clv              sum over months k = 1..H of the purchases expected in month k
//                    times expected_value, discounted by (1 + d)^k,
//   risk             high if p_alive < high_below, medium if < medium_below, else low.
// A month is 30.4375 days; time in the models is days / time_unit_days.
//
// The expected purchases are P(alive) times the purchases expected of a
// customer who is alive, and the latter depends only on (x, T); ScoreCustomers
// computes it once per distinct (x, T) and scores customers in parallel.
#pragma once

#include <string_view>
#include <vector>

#include "retain/analytics/bgnbd.h"
#include "retain/analytics/gamma_gamma.h"
#include "retain/analytics/rf_summary.h"

namespace retain::analytics {

enum class RiskBand { kLow, kMedium, kHigh };
std::string_view RiskBandName(RiskBand band);  // "low" | "medium" | "high"

struct ScoreOptions {
  int horizon_months = 12;         // CLV horizon H, >= 1
  double discount_monthly = 0.01;  // d, >= 0 (1 % a month)
  double time_unit_days = 7;       // the unit the models were fitted in
  double high_risk_below = 0.3;    // P(alive) thresholds of the risk bands
  double medium_risk_below = 0.7;
};

struct CustomerScore {
  double p_alive = 1;
  double expected_30d = 0, expected_90d = 0, expected_365d = 0;
  double expected_horizon = 0;  // purchases over the whole horizon
  double expected_value = 0;    // currency units per purchase
  double clv = 0;               // currency units, discounted
  RiskBand risk = RiskBand::kLow;
};

// Scores one customer (x, t_x, T in model time units; m = mean repeat value).
CustomerScore ScoreCustomer(const BgNbdParams& purchases, const GammaGammaParams& spend, double x,
                            double t_x, double T, double m, const ScoreOptions& options);

// Scores every customer of a summary, in the summary's order; the same values
// as ScoreCustomer with m = monetary * monetary_scale (the summary holds
// minor units, Gamma-Gamma is fitted in currency units: scale 0.01).
std::vector<CustomerScore> ScoreCustomers(const BgNbdParams& purchases,
                                          const GammaGammaParams& spend,
                                          const std::vector<RfCustomer>& customers,
                                          double monetary_scale, const ScoreOptions& options);

}  // namespace retain::analytics
