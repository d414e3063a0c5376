#include "retain/analytics/holdout_validation.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "retain/analytics/bgnbd.h"
#include "retain/analytics/cdnow_test_data.h"
#include "retain/analytics/rf_summary.h"

namespace retain::analytics {
namespace {

// Rows of a CSV with a header, as numbers.
std::vector<std::vector<double>> ReadCsv(const std::string& name) {
  std::ifstream in(std::string(RETAIN_SOURCE_DIR) + "/tests/data/btyd/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::stringstream f(line);
    std::string cell;
    while (std::getline(f, cell, ',')) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  return rows;
}

const BgNbdParams kCdnow{0.2426, 4.414, 0.7930, 2.426};

PurchaseForecaster BgNbdForecaster() {
  return {[](double t, double x, double t_x, double T) {
            return BgNbdConditionalExpected(kCdnow, t, x, t_x, T);
          },
          [](double t) { return BgNbdExpected(kCdnow, t); }};
}

// The CDNOW sample against BTYD's own holdout counts and tracking series.
TEST(HoldoutValidation, CdnowActualsMatchBtyd) {
  const Snapshot s = testing::CdnowSample();
  const core::Day cal = core::DayFromCivil(1997, 9, 30), end = core::DayFromCivil(1998, 6, 30);
  const HoldoutReport rep = ValidateHoldout(s, cal, end, 7, BgNbdForecaster());
  const auto cbs = ReadCsv("cdnowSummary_cbs.csv");  // cust, x, t_x, T_cal, x_star, m_x
  ASSERT_EQ(rep.customers, 2357);
  ASSERT_EQ(cbs.size(), 2357u);
  const auto summary = BuildRfSummary(s, cal, 7);
  double x_star_total = 0, predicted_total = 0, x0_actual = 0;
  for (size_t i = 0; i < cbs.size(); ++i) {
    ASSERT_DOUBLE_EQ(summary[i].x, cbs[i][1]) << i;
    ASSERT_NEAR(summary[i].t_x, cbs[i][2], 1e-9) << i;
    EXPECT_EQ(rep.actual[i], cbs[i][4]) << "customer " << cbs[i][0];
    x_star_total += cbs[i][4];
    // The forecast from BTYD's exact (x, t_x, T), computed independently.
    predicted_total += BgNbdConditionalExpected(kCdnow, 39, cbs[i][1], cbs[i][2], cbs[i][3]);
    if (cbs[i][1] == 0) x0_actual += cbs[i][4];
  }
  EXPECT_EQ(rep.actual_total, 1882);
  EXPECT_EQ(rep.actual_total, x_star_total);
  EXPECT_DOUBLE_EQ(rep.holdout_length, 39);
  EXPECT_NEAR(rep.predicted_total, predicted_total, 1e-6);
  EXPECT_NEAR(rep.aggregate_error, (predicted_total - 1882) / 1882, 1e-9);

  const auto tracking = ReadCsv("cdnowSummary_cu_tracking.csv");  // week, cumulative
  ASSERT_EQ(rep.tracking.size(), 78u);
  for (size_t w = 0; w < tracking.size(); ++w) {
    EXPECT_EQ(rep.tracking[w].week, tracking[w][0]);
    EXPECT_EQ(rep.tracking[w].actual, tracking[w][1]) << "week " << w + 1;
  }
  EXPECT_EQ(rep.tracking.back().last_day, end);
  // At the calibration end the forecast is the model's expected repeat
  // purchases over each customer's own T.
  double expected_by_cal = 0;
  for (const auto& row : cbs) expected_by_cal += BgNbdExpected(kCdnow, row[3]);
  EXPECT_EQ(rep.tracking[38].last_day, cal);
  EXPECT_NEAR(rep.tracking[38].predicted, expected_by_cal, 1e-6);
  for (size_t w = 1; w < rep.tracking.size(); ++w) {
    EXPECT_GE(rep.tracking[w].predicted, rep.tracking[w - 1].predicted);
  }

  // Conditional expectations: the x = 0 row has the 1,411 one-time buyers.
  const auto& x0 = rep.by_calibration_purchases[0];
  EXPECT_EQ(x0.customers, 1411);
  EXPECT_NEAR(x0.actual, x0_actual / 1411, 1e-12);
  EXPECT_TRUE(rep.by_calibration_purchases.back().and_more);
  int64_t customers = 0;
  for (const auto& r : rep.by_calibration_purchases) customers += r.customers;
  EXPECT_EQ(customers, 2357);
  EXPECT_GT(rep.mean_absolute_error, 0);
}

TEST(HoldoutValidation, PerfectForecastHasNoError) {
  // Two customers: forecast exactly what they do in the holdout.
  SnapshotBuilder b;
  b.AddCustomer(1, "a");
  b.AddCustomer(2, "b");
  for (core::Day d : {0, 10, 10, 30}) b.AddOrder(1, d, 100, 0);  // day 30 is in the holdout
  b.AddOrder(2, 5, 100, 0);
  const Snapshot s = b.Finish();
  PurchaseForecaster exact{[](double, double x, double, double) { return x == 1 ? 1.0 : 0.0; },
                           [](double) { return 0.0; }};
  const HoldoutReport rep = ValidateHoldout(s, 20, 40, 1, exact);
  EXPECT_EQ(rep.customers, 2);
  EXPECT_EQ(rep.actual_total, 1);
  EXPECT_EQ(rep.mean_absolute_error, 0);
  EXPECT_EQ(rep.aggregate_error, 0);
  ASSERT_EQ(rep.tracking.size(), 6u);    // days 0..40 in weeks
  EXPECT_EQ(rep.tracking[1].actual, 1);  // the same-day pair on day 10 is one purchase
  EXPECT_EQ(rep.tracking.back().actual, 2);
}

}  // namespace
}  // namespace retain::analytics
