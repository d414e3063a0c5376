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

// A hand-computed example that pins every number of the report: customers
// sharing an (x, t_x, T) tuple, cohorts on different first purchase days (the
// earliest not the first customer's), a customer who starts after the
// calibration end, and a forecaster whose values depend on all arguments.
TEST(HoldoutValidation, HandComputedReport) {
  SnapshotBuilder b;
  for (int id = 1; id <= 5; ++id) b.AddCustomer(id, std::string(1, static_cast<char>('a' + id)));
  for (core::Day d : {3, 8, 25}) b.AddOrder(1, d, 100, 0);  // x 1, t_x 5, T 17; 1 in the holdout
  for (core::Day d : {3, 8}) b.AddOrder(2, d, 100, 0);      // the same tuple; none in the holdout
  for (core::Day d : {0, 12, 12, 15, 22, 28}) b.AddOrder(3, d, 100, 0);  // x 2, t_x 15, T 20; 2
  b.AddOrder(4, 10, 100, 0);                                             // x 0, T 10
  for (core::Day d : {25, 27}) b.AddOrder(5, d, 100, 0);  // first purchase after the calibration
  const Snapshot s = b.Finish();
  const PurchaseForecaster model{
      [](double t, double x, double t_x, double T) { return t * (1 + x) + t_x / 100 + T / 1e4; },
      [](double t) { return t * t; }};
  const HoldoutReport rep = ValidateHoldout(s, 20, 30, 1, model, 2);

  ASSERT_EQ(rep.customers, 4);
  EXPECT_EQ(rep.holdout_length, 10);
  const std::vector<double> predicted = {20.0517, 20.0517, 30.152, 10.001};
  const std::vector<double> actual = {1, 0, 2, 0};
  ASSERT_EQ(rep.predicted.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(rep.predicted[i], predicted[i], 1e-9) << i;
    EXPECT_EQ(rep.actual[i], actual[i]) << i;
  }
  EXPECT_EQ(rep.actual_total, 3);
  EXPECT_NEAR(rep.predicted_total, 80.2564, 1e-9);
  EXPECT_NEAR(rep.mean_absolute_error, (19.0517 + 20.0517 + 28.152 + 10.001) / 4, 1e-9);
  EXPECT_NEAR(rep.aggregate_error, (80.2564 - 3) / 3, 1e-9);

  // Weeks from day 0: cohorts day 0 (1 customer), day 3 (2), day 10 (1);
  // predicted = sum of count * (last_day - first day)^2.
  ASSERT_EQ(rep.tracking.size(), 5u);
  const std::vector<core::Day> last_days = {6, 13, 20, 27, 30};
  const std::vector<double> tracked_actual = {0, 3, 4, 6, 7};
  const std::vector<double> tracked_predicted = {36 + 2 * 9,            // week 1
                                                 169 + 2 * 100 + 9,     // week 2
                                                 400 + 2 * 289 + 100,   // week 3
                                                 729 + 2 * 576 + 289,   // week 4
                                                 900 + 2 * 729 + 400};  // short week 5
  for (size_t w = 0; w < 5; ++w) {
    EXPECT_EQ(rep.tracking[w].week, static_cast<int>(w) + 1);
    EXPECT_EQ(rep.tracking[w].last_day, last_days[w]) << w;
    EXPECT_EQ(rep.tracking[w].actual, tracked_actual[w]) << w;
    EXPECT_EQ(rep.tracking[w].predicted, tracked_predicted[w]) << w;
  }

  ASSERT_EQ(rep.by_calibration_purchases.size(), 3u);
  const auto& rows = rep.by_calibration_purchases;
  EXPECT_EQ(rows[0].customers, 1);
  EXPECT_EQ(rows[0].actual, 0);
  EXPECT_NEAR(rows[0].predicted, 10.001, 1e-9);
  EXPECT_EQ(rows[1].customers, 2);
  EXPECT_EQ(rows[1].actual, 0.5);
  EXPECT_NEAR(rows[1].predicted, 20.0517, 1e-9);
  EXPECT_TRUE(rows[2].and_more);
  EXPECT_EQ(rows[2].customers, 1);
  EXPECT_EQ(rows[2].actual, 2);
  EXPECT_NEAR(rows[2].predicted, 30.152, 1e-9);
}

}  // namespace
}  // namespace retain::analytics
