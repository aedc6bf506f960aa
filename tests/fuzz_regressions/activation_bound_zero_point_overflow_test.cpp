// tests/fuzz_regressions/activation_bound_zero_point_overflow_test.cpp —
// found by fuzz/fuzz_tflite.cpp: a RELU on an output with a tiny scale and
// zero point -128. The activation bound round(f / scale) fitted int32
// (-2^31), but adding the zero point overflowed (UBSan: signed integer
// overflow, runtime/compiler/quantize_multiplier.cpp quantize_float). Now
// refused like a bound that does not fit by itself (std::invalid_argument,
// which the operator preparation reports as a bad model).
#include <gtest/gtest.h>

#include <stdexcept>

#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

TEST(FuzzRegressionActivationBound, ZeroPointPushingTheBoundPastInt32IsRefused) {
  EXPECT_THROW((void)quantize_float(-2147483648.0f, 1.0f, -128), std::invalid_argument);
  EXPECT_THROW((void)quantize_float(2147483520.0f, 1.0f, 127 + 128), std::invalid_argument);
  // In range with the zero point: unchanged.
  EXPECT_EQ(quantize_float(-2147483648.0f, 1.0f, 0), -2147483647 - 1);
  EXPECT_EQ(quantize_float(6.0f, 0.5f, -128), -116);
}

}  // namespace
}  // namespace mcusim::compiler
