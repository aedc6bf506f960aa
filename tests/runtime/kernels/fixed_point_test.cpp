// tests/runtime/kernels/fixed_point_test.cpp — gemmlowp-style fixed point.
// Exact values where the algorithm gives them by hand, symmetry identities
// that hold by construction, and accuracy against <cmath> elsewhere. (Bit-
// exactness with TFLite Micro is shown by the reference tests.)
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "runtime/kernels/fixed_point.h"
#include "runtime/kernels/quant_math.h"

namespace {

double q0_to_double(std::int32_t raw) { return raw / 2147483648.0; }

TEST(QuantFixedPoint, CountLeadingZeros) {
  EXPECT_EQ(fp_count_leading_zeros(0), 32);
  EXPECT_EQ(fp_count_leading_zeros(1), 31);
  EXPECT_EQ(fp_count_leading_zeros(0x80000000u), 0);
  EXPECT_EQ(fp_count_leading_zeros(0x00010000u), 15);
  EXPECT_EQ(fp_count_leading_zeros(0x00200000u), 10);
}

TEST(QuantFixedPoint, MulPotSaturatesLeftShifts) {
  EXPECT_EQ(fp_mul_pot((1 << 29) - 1, 2), ((1 << 29) - 1) * 4);  // largest that fits
  EXPECT_EQ(fp_mul_pot(1 << 29, 2), QM_INT32_MAX);
  EXPECT_EQ(fp_mul_pot(-(1 << 29), 2), QM_INT32_MIN);
  EXPECT_EQ(fp_mul_pot(-5, -1), -3);  // right: rdbpot, -2.5 -> -3
  EXPECT_EQ(fp_mul_pot(42, 0), 42);
}

TEST(QuantFixedPoint, ExpOfZeroIsOne) {
  EXPECT_EQ(fp_exp_on_negative_values(0, 0), QM_INT32_MAX);
  EXPECT_EQ(fp_exp_on_negative_values(0, 5), QM_INT32_MAX);
}

TEST(QuantFixedPoint, ExpOfMinusOneEighthIsTheConstantTerm) {
  // a = -1/8 in Q0 (-2^28): a mod 1/4 - 1/4 = -1/8 itself, so the polynomial
  // is evaluated at x = a + 1/8 = 0 and returns its constant term exp(-1/8) =
  // 1895147668 / 2^31; no bit of the remainder is set.
  EXPECT_EQ(fp_exp_on_negative_values(-(1 << 28), 0), 1895147668);
  // The same value in Q5.26 (-2^23): rescaled to Q0 it is -2^28 again.
  EXPECT_EQ(fp_exp_on_negative_values(-(1 << 23), 5), 1895147668);
}

TEST(QuantFixedPoint, ExpIsAccurateOverTheSoftmaxRange) {
  // Q5.26 from 0 down to -31.99: within 1e-6 absolute of exp().
  for (std::int32_t a = 0; a > -(31 << 26); a -= 12345677) {
    const double want = std::exp(a / 67108864.0);
    EXPECT_NEAR(q0_to_double(fp_exp_on_negative_values(a, 5)), want, 1e-6) << "a = " << a;
  }
}

TEST(QuantFixedPoint, ReciprocalIsAccurate) {
  // 1 / (1 + x) for x in [0, 1), within 1e-8 (Newton-Raphson, three steps).
  for (std::int32_t a = 0; a < QM_INT32_MAX - 20000000; a += 20000000) {
    EXPECT_NEAR(q0_to_double(fp_one_over_one_plus_x_for_x_in_0_1(a)), 1.0 / (1.0 + q0_to_double(a)), 1e-8)
        << "a = " << a;
  }
}

TEST(QuantFixedPoint, LogisticAndTanhAtZero) {
  EXPECT_EQ(fp_logistic(0, 4), 1 << 30);  // 1/2
  EXPECT_EQ(fp_tanh(0, 4), 0);
}

TEST(QuantFixedPoint, LogisticIsSymmetricAndTanhIsOdd) {
  // By construction: logistic(-a) = 1 - logistic(a), tanh(-a) = -tanh(a).
  for (std::int32_t a = 1; a < (15 << 27); a += 9876543) {
    EXPECT_EQ(fp_logistic(-a, 4), QM_INT32_MAX - fp_logistic(a, 4)) << "a = " << a;
    EXPECT_EQ(fp_tanh(-a, 4), -fp_tanh(a, 4)) << "a = " << a;
  }
}

TEST(QuantFixedPoint, LogisticAndTanhAreAccurate) {
  for (std::int32_t a = -(15 << 27); a < (15 << 27); a += 7654321) {
    const double x = a / 134217728.0;  // Q4.27
    EXPECT_NEAR(q0_to_double(fp_logistic(a, 4)), 1.0 / (1.0 + std::exp(-x)), 1e-6) << "x = " << x;
    EXPECT_NEAR(q0_to_double(fp_tanh(a, 4)), std::tanh(x), 2e-6) << "x = " << x;
  }
}

}  // namespace
