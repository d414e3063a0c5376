// Cross-checks LogHyp2f1 against GSL's gsl_sf_hyperg_2F1 (linked into this
// test binary only) and against closed forms.
#include "retain/analytics/hyp2f1.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace retain::analytics {
namespace {

// GSL's value and error estimate where it reports success (its error handler
// is switched off so a failure is a skipped point, not an abort).
bool Gsl2F1(double a, double b, double c, double z, double& value, double& err) {
  gsl_set_error_handler_off();
  gsl_sf_result r;
  if (gsl_sf_hyperg_2F1_e(a, b, c, z, &r) != GSL_SUCCESS) return false;
  value = r.val;
  err = r.err;
  return std::isfinite(value) && value > 0;
}

const double kA[] = {0.25, 1, 2.5, 11, 40};
const double kB[] = {0.2, 1.5, 7, 30};
const double kC[] = {0.5, 1.7, 12.5, 41};
const double kZ[] = {0, 0.05, 0.3, 0.55, 0.8, 0.93};

TEST(Hyp2f1, MatchesGslOnAGrid) {
  int compared = 0;
  for (double a : kA) {
    for (double b : kB) {
      for (double c : kC) {
        for (double z : kZ) {
          double ref, err;
          if (!Gsl2F1(a, b, c, z, ref, err)) continue;
          const LogHyp2f1Result h = LogHyp2f1(a, b, c, z);
          ASSERT_TRUE(h.converged) << a << " " << b << " " << c << " " << z;
          const double ours = std::exp(h.log_value);
          EXPECT_NEAR(ours, ref, 1e-13 * ref + 2 * err)
              << "a=" << a << " b=" << b << " c=" << c << " z=" << z;
          ++compared;
        }
      }
    }
  }
  EXPECT_GE(compared, 450);  // GSL converges on (nearly) the whole grid
}

TEST(Hyp2f1, DerivativesMatchDifferencesOfGsl) {
  for (double a : kA) {
    for (double b : kB) {
      for (double c : kC) {
        for (double z : {0.05, 0.55, 0.8}) {
          const LogHyp2f1Result h = LogHyp2f1(a, b, c, z);
          ASSERT_TRUE(h.converged);
          const double an[] = {h.d_a, h.d_b, h.d_c, h.d_z};
          for (int i = 0; i < 4; ++i) {
            double hi[] = {a, b, c, z}, lo[] = {a, b, c, z};
            const double step = 1e-5 * (i == 3 ? 1 : 1 + hi[i]);
            hi[i] += step;
            lo[i] -= step;
            double f_hi, f_lo, e_hi, e_lo;
            if (!Gsl2F1(hi[0], hi[1], hi[2], hi[3], f_hi, e_hi) ||
                !Gsl2F1(lo[0], lo[1], lo[2], lo[3], f_lo, e_lo)) {
              continue;
            }
            // GSL's own error limits how well a difference quotient can agree.
            const double fd = (std::log(f_hi) - std::log(f_lo)) / (2 * step);
            const double noise = (e_hi / f_hi + e_lo / f_lo) / (2 * step);
            EXPECT_NEAR(an[i], fd, 1e-6 * (1 + std::fabs(fd)) + 2 * noise)
                << "d"
                << "abcz"[i] << " a=" << a << " b=" << b << " c=" << c << " z=" << z;
          }
        }
      }
    }
  }
}

TEST(Hyp2f1, ClosedForms) {
  // 2F1(1, 1; 2; z) = -ln(1-z)/z.
  for (double z : {1e-6, 0.2, 0.9, 0.999}) {
    EXPECT_NEAR(Hyp2f1(1, 1, 2, z), -std::log1p(-z) / z, 1e-13 * (-std::log1p(-z) / z)) << z;
  }
  // 2F1(a, b; b; z) = (1-z)^-a, here far beyond the double range: 1e600.
  const LogHyp2f1Result big = LogHyp2f1(600, 350, 350, 0.9);
  ASSERT_TRUE(big.converged);
  EXPECT_NEAR(big.log_value, 600 * std::log(10.0), 1e-10 * 600 * std::log(10.0));
  EXPECT_NEAR(big.d_a, -std::log(0.1), 1e-9);  // d/da of -a ln(1-z)
  EXPECT_NEAR(big.d_z, 600 / 0.1, 1e-9 * 6000);
  EXPECT_NEAR(big.d_b + big.d_c, 0, 1e-9);  // moving b and c together changes nothing
  EXPECT_TRUE(std::isinf(Hyp2f1(600, 350, 350, 0.9)));
  // The Pareto/NBD shape with x in the hundreds: a = r+s+x, c = a+1.
  const LogHyp2f1Result pnbd = LogHyp2f1(701.2, 400.5, 702.2, 0.95);
  EXPECT_TRUE(pnbd.converged);
  EXPECT_TRUE(std::isfinite(pnbd.log_value) && pnbd.log_value > 700);
}

// The Pareto/NBD likelihood sums 2F1(a, b; a+1; z) as
// (1-z)^(1-b) 2F1(1, a+1-b; a+1; z) (Euler); both sides against GSL.
TEST(Hyp2f1, EulerFormOfTheParetoNbdTermMatchesGsl) {
  for (double a : {1.2, 3.7, 27.2, 120.5}) {
    for (double b : {1.6, 0.8, 26.5, 119.0}) {
      if (b >= a + 1) continue;
      for (double z : {0.02, 0.3, 0.75, 0.9}) {
        double ref, err;
        if (!Gsl2F1(a, b, a + 1, z, ref, err)) continue;
        const LogHyp2f1Result direct = LogHyp2f1(a, b, a + 1, z);
        const LogHyp2f1Result euler = LogHyp2f1(1, a + 1 - b, a + 1, z);
        ASSERT_TRUE(direct.converged && euler.converged);
        const double via_euler = std::exp((1 - b) * std::log1p(-z) + euler.log_value);
        EXPECT_NEAR(std::exp(direct.log_value), ref, 1e-13 * ref + 2 * err) << a << " " << b;
        EXPECT_NEAR(via_euler, ref, 1e-13 * ref + 2 * err) << a << " " << b << " " << z;
        if (b > 20) EXPECT_LT(euler.terms, direct.terms) << a << " " << b << " " << z;
      }
    }
  }
}

TEST(Hyp2f1, ZeroArgumentAndDomain) {
  const LogHyp2f1Result zero = LogHyp2f1(2, 3, 4, 0);
  EXPECT_TRUE(zero.converged);
  EXPECT_EQ(zero.log_value, 0);
  EXPECT_DOUBLE_EQ(zero.d_z, 1.5);
  for (const auto& bad : {std::array{1.0, 1.0, 1.0, 1.0},
                          {1, 1, 1, -0.5},
                          {0, 1, 1, 0.5},
                          {1, -1, 1, 0.5},
                          {1, 1, 0, 0.5},
                          {1, 1, 1, std::nan("")}}) {
    const LogHyp2f1Result h = LogHyp2f1(bad[0], bad[1], bad[2], bad[3]);
    EXPECT_FALSE(h.converged);
    EXPECT_TRUE(std::isnan(h.log_value));
  }
  // Too close to 1 for the series within its term limit: reported, not truncated.
  const LogHyp2f1Result edge = LogHyp2f1(1, 1.5, 2, 1 - 1e-7);
  EXPECT_FALSE(edge.converged);
  EXPECT_TRUE(std::isnan(edge.log_value));
  EXPECT_TRUE(LogHyp2f1(1, 1.5, 2, 0.9999).converged);
}

}  // namespace
}  // namespace retain::analytics

namespace retain::analytics {
namespace {

TEST(Hyp2f1, ValueOnlyEqualsTheFullSum) {
  for (double a : {0.3, 2.5, 40.0, 300.0}) {
    for (double z : {0.0, 0.1, 0.5, 0.9, 0.999}) {
      const auto full = LogHyp2f1(a, a / 2 + 0.7, a + 1.3, z);
      const auto value = LogHyp2f1(a, a / 2 + 0.7, a + 1.3, z, false);
      ASSERT_TRUE(full.converged && value.converged);
      EXPECT_NEAR(value.log_value, full.log_value, 1e-14 * (1 + std::fabs(full.log_value)));
      EXPECT_LE(value.terms, full.terms);
    }
  }
}

}  // namespace
}  // namespace retain::analytics
