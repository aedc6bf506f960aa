// tests/runtime/kernels/quant_math_test.cpp — the requantization primitives,
// with expected values worked out by hand from their definitions
// (quant_math.h): srdhm = a*b/2^31 rounded half toward +inf, rdbpot = x/2^e
// rounded half away from zero, mbqm = the two in TFLite's double-rounding form.
#include <gtest/gtest.h>

#include <cstdint>

#include "runtime/kernels/quant_math.h"

namespace {

constexpr std::int32_t kHalf = 1 << 30;  // 0.5 in Q0.31

TEST(QuantMath, SrdhmMultipliesInQ31) {
  EXPECT_EQ(qm_srdhm(kHalf, kHalf), 1 << 29);  // 0.5 * 0.5 = 0.25
  EXPECT_EQ(qm_srdhm(100, kHalf), 50);          // 100 * 0.5
  EXPECT_EQ(qm_srdhm(-100, kHalf), -50);
  EXPECT_EQ(qm_srdhm(0, QM_INT32_MIN), 0);
}

TEST(QuantMath, SrdhmRoundsTiesTowardPlusInfinity) {
  // 2^15 * 2^15 = 2^30 = exactly half of 2^31: +0.5 -> 1, -0.5 -> 0.
  EXPECT_EQ(qm_srdhm(1 << 15, 1 << 15), 1);
  EXPECT_EQ(qm_srdhm(-(1 << 15), 1 << 15), 0);
  // 3 * 0.5 = 1.5 -> 2; -3 * 0.5 = -1.5 -> -1.
  EXPECT_EQ(qm_srdhm(3, kHalf), 2);
  EXPECT_EQ(qm_srdhm(-3, kHalf), -1);
  // Just past the tie goes to the nearest: (2^30 + 1) / 2^31 -> 1, and
  // -(2^30 + 1) / 2^31 -> -1.
  EXPECT_EQ(qm_srdhm((1 << 15) + 1, 1 << 15), 1);
  EXPECT_EQ(qm_srdhm(-(1 << 15), (1 << 15) + 1), -1);
}

TEST(QuantMath, SrdhmSaturatesOnlyMinusOneTimesMinusOne) {
  // (-1) * (-1) = 1 is not representable in Q0.31: saturate to INT32_MAX.
  EXPECT_EQ(qm_srdhm(QM_INT32_MIN, QM_INT32_MIN), QM_INT32_MAX);
  // (-1) * (1 - 2^-31) = -(2^31 - 1) / 2^31 exactly.
  EXPECT_EQ(qm_srdhm(QM_INT32_MIN, QM_INT32_MAX), -2147483647);
  EXPECT_EQ(qm_srdhm(QM_INT32_MAX, QM_INT32_MAX), 2147483646);  // (2^31-1)^2/2^31 = 2^31 - 2 + 2^-31
}

TEST(QuantMath, RdbpotRoundsTiesAwayFromZero) {
  EXPECT_EQ(qm_rdbpot(5, 1), 3);    // 2.5
  EXPECT_EQ(qm_rdbpot(-5, 1), -3);  // -2.5
  EXPECT_EQ(qm_rdbpot(-1, 1), -1);  // -0.5
  EXPECT_EQ(qm_rdbpot(1, 1), 1);    // 0.5
  EXPECT_EQ(qm_rdbpot(-6, 2), -2);  // -1.5
  EXPECT_EQ(qm_rdbpot(6, 2), 2);    // 1.5
}

TEST(QuantMath, RdbpotRoundsToNearest) {
  EXPECT_EQ(qm_rdbpot(7, 2), 2);    // 1.75
  EXPECT_EQ(qm_rdbpot(-5, 2), -1);  // -1.25
  EXPECT_EQ(qm_rdbpot(-7, 2), -2);  // -1.75
  EXPECT_EQ(qm_rdbpot(9, 0), 9);    // exponent 0: unchanged
}

TEST(QuantMath, RdbpotByThirtyOne) {
  EXPECT_EQ(qm_rdbpot(QM_INT32_MIN, 31), -1);  // -2^31 / 2^31
  EXPECT_EQ(qm_rdbpot(1 << 30, 31), 1);        // 0.5 rounds away from zero
  EXPECT_EQ(qm_rdbpot(-(1 << 30), 31), -1);    // -0.5 likewise
  EXPECT_EQ(qm_rdbpot((1 << 30) - 1, 31), 0);  // just below 0.5
}

TEST(QuantMath, MbqmWithoutShiftIsSrdhm) {
  EXPECT_EQ(qm_mbqm(100, kHalf, 0), 50);
  EXPECT_EQ(qm_mbqm(3, kHalf, 0), 2);    // 1.5 -> 2
  EXPECT_EQ(qm_mbqm(-3, kHalf, 0), -1);  // -1.5 -> -1
}

TEST(QuantMath, MbqmPositiveShiftMultipliesFirst) {
  // M = 0.5 * 2^2 = 2: x << 2, then * 0.5, no rounding involved.
  EXPECT_EQ(qm_mbqm(3, kHalf, 2), 6);
  EXPECT_EQ(qm_mbqm(-7, kHalf, 2), -14);
  // M = 1.0 encoded as (2^30, 1) is the identity.
  EXPECT_EQ(qm_mbqm(-123, kHalf, 1), -123);
  EXPECT_EQ(qm_mbqm(123456, kHalf, 1), 123456);
}

TEST(QuantMath, MbqmNegativeShiftRoundsTwice) {
  // M = 0.5 * 2^-1 = 0.25.
  EXPECT_EQ(qm_mbqm(6, kHalf, -1), 2);  // 6*0.5 = 3, 3/2 = 1.5 -> 2 (exact 1.5)
  // 5 * 0.25 = 1.25 exactly, but double rounding gives 2:
  // srdhm: 2.5 -> 3, then rdbpot: 3/2 = 1.5 -> 2. TFLite Micro does the same.
  EXPECT_EQ(qm_mbqm(5, kHalf, -1), 2);
  // -5 * 0.25: srdhm -2.5 -> -2, rdbpot -1 exactly.
  EXPECT_EQ(qm_mbqm(-5, kHalf, -1), -1);
  // -95 * 0.25 = -23.75: srdhm -47.5 -> -47, rdbpot -23.5 -> -24.
  EXPECT_EQ(qm_mbqm(-95, kHalf, -1), -24);
}

TEST(QuantMath, SmallerThanOneAndGreaterThanOneForms) {
  // smaller_than_one: srdhm then rdbpot by -shift; same as mbqm for shift <= 0.
  EXPECT_EQ(qm_mbqm_smaller_than_one(5, kHalf, -1), 2);
  EXPECT_EQ(qm_mbqm_smaller_than_one(-95, kHalf, -1), -24);
  // greater_than_one: shift left then srdhm, no rounding shift: 3 << 4 = 48, * 0.5.
  EXPECT_EQ(qm_mbqm_greater_than_one(3, kHalf, 4), 24);
  // (-3 << 1) * 0.75 = -4.5, a tie: toward +infinity, -4.
  EXPECT_EQ(qm_mbqm_greater_than_one(-3, 3 << 29, 1), -4);
}

}  // namespace
