// tests/runtime/compiler/quantize_multiplier_test.cpp — TFLite's host-side
// quantization arithmetic, expected values worked out by hand:
// frexp(real) = q * 2^shift, multiplier = round(q * 2^31).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

void expect_multiplier(double real, std::int32_t multiplier, int shift) {
  const QuantizedMultiplier m = quantize_multiplier(real);
  EXPECT_EQ(m.multiplier, multiplier) << "real " << real;
  EXPECT_EQ(m.shift, shift) << "real " << real;
}

TEST(QuantizeMultiplier, PowersOfTwo) {
  expect_multiplier(0.5, 1 << 30, 0);   // 0.5 = 0.5 * 2^0
  expect_multiplier(1.0, 1 << 30, 1);   // 1 = 0.5 * 2^1
  expect_multiplier(0.25, 1 << 30, -1);
  expect_multiplier(4.0, 1 << 30, 3);
}

TEST(QuantizeMultiplier, Fractions) {
  expect_multiplier(0.75, 1610612736, 0);  // 0.75 * 2^31
  // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4 -> 1717986918
  expect_multiplier(0.1, 1717986918, -3);
  // 3.0 = 0.75 * 2^2
  expect_multiplier(3.0, 1610612736, 2);
}

TEST(QuantizeMultiplier, ZeroAndTiny) {
  expect_multiplier(0.0, 0, 0);
  expect_multiplier(std::ldexp(1.0, -32), 1 << 30, -31);  // 0.5 * 2^-31: the smallest kept
  expect_multiplier(std::ldexp(1.0, -40), 0, 0);           // shift -39 < -31: flushed to zero
}

TEST(QuantizeMultiplier, MantissaRoundingUpToOneMovesTheShift) {
  // q = 1 - 2^-40 rounds to 2^31, which does not fit: 2^30 with shift + 1.
  expect_multiplier(1.0 - std::ldexp(1.0, -40), 1 << 30, 1);
}

TEST(QuantizeMultiplier, SmallerAndGreaterThanOneCheckTheirRange) {
  EXPECT_EQ(quantize_multiplier_smaller_than_one(0.25).shift, -1);
  EXPECT_THROW(quantize_multiplier_smaller_than_one(1.0), std::invalid_argument);
  EXPECT_THROW(quantize_multiplier_smaller_than_one(0.0), std::invalid_argument);
  EXPECT_EQ(quantize_multiplier_greater_than_one(2.0).shift, 2);
  EXPECT_THROW(quantize_multiplier_greater_than_one(1.0), std::invalid_argument);
}

TEST(QuantizeMultiplier, InputRadius) {
  // floor((2^ib - 1) * 2^(31 - ib) / 2^shift)
  EXPECT_EQ(calculate_input_radius(4, 27), 15);     // 15 * 2^27 / 2^27
  EXPECT_EQ(calculate_input_radius(4, 20), 1920);   // 15 * 2^7
  EXPECT_EQ(calculate_input_radius(5, 27), 15);     // 31 * 2^26 / 2^27 = 15.5
  EXPECT_EQ(calculate_input_radius(5, 31), 0);      // 31 / 32
}

TEST(QuantizeMultiplier, QuantizeFloatRoundsHalfAwayFromZero) {
  EXPECT_EQ(quantize_float(0.5f, 1.0f, 0), 1);
  EXPECT_EQ(quantize_float(-0.5f, 1.0f, 0), -1);
  EXPECT_EQ(quantize_float(2.5f, 1.0f, 3), 6);
  EXPECT_EQ(quantize_float(6.0f, 0.0625f, -20), 76);  // 6 / 0.0625 = 96
  EXPECT_THROW(quantize_float(6.0f, 1e-30f, 0), std::invalid_argument);
}

TEST(QuantizeMultiplier, ActivationRanges) {
  // RELU6 on 0.0625 / -20: q(0) = -20, q(6) = -20 + 96 = 76.
  ActivationRange r = activation_range_s8(Activation::Relu6, 0.0625f, -20);
  EXPECT_EQ(r.min, -20);
  EXPECT_EQ(r.max, 76);
  // RELU_N1_TO_1 on 1/64 / 0: q(-1) = -64, q(1) = 64.
  r = activation_range_s8(Activation::ReluN1To1, 1.0f / 64, 0);
  EXPECT_EQ(r.min, -64);
  EXPECT_EQ(r.max, 64);
  // RELU on 0.05 / 10: from q(0) = 10 up to 127.
  r = activation_range_s8(Activation::Relu, 0.05f, 10);
  EXPECT_EQ(r.min, 10);
  EXPECT_EQ(r.max, 127);
  // RELU6 on 0.01 / 0: q(6) = 600 is beyond int8, so only 127 bounds it.
  r = activation_range_s8(Activation::Relu6, 0.01f, 0);
  EXPECT_EQ(r.min, 0);
  EXPECT_EQ(r.max, 127);
  // RELU on zero point -128 + ... below the int8 range stays at -128.
  r = activation_range_s8(Activation::None, 0.5f, 100);
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, 127);
}

}  // namespace
}  // namespace mcusim::compiler
