// tests/fuzz_regressions/multiplier_not_finite_test.cpp — found by
// fuzz/fuzz_tflite.cpp: tensor scales whose ratio (the operator's real
// multiplier) is NaN. quantize_multiplier converted NaN to int64 (undefined;
// UBSan "-nan is outside the range of representable values",
// runtime/compiler/quantize_multiplier.cpp). Now std::invalid_argument, which
// prepare_operator reports as a bad model (exit 2).
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

TEST(FuzzRegressionMultiplier, NanAndInfiniteMultipliersAreRefused) {
  EXPECT_THROW((void)quantize_multiplier(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW((void)quantize_multiplier(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW((void)quantize_multiplier(-std::numeric_limits<double>::infinity()), std::invalid_argument);
  // 0.5 = 2^30 / 2^31 at shift 0 (TFLite QuantizeMultiplier): unchanged.
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  EXPECT_EQ(half.multiplier, 1 << 30);
  EXPECT_EQ(half.shift, 0);
}

}  // namespace
}  // namespace mcusim::compiler
