// tests/runtime/kernels/softmax_logistic_tanh_s8_test.cpp — the fixed-point
// nonlinearities at points whose outputs follow by hand from the algorithm;
// the general case is pinned by the TFLite Micro reference tests.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

// Input scale 0.1 (exactly, as a double), beta 1: beta * scale * 2^26 =
// 6710886.4 = 0.8 * 2^23, so
// multiplier round(0.8 * 2^31) = 1717986918 with left shift 23, and
// diff_min = -floor(31 * 2^26 / 2^23) = -248.
softmax_s8_params softmax_params(std::int32_t rows, std::int32_t depth) {
  softmax_s8_params p{};
  p.outer_size = rows;
  p.depth = depth;
  p.input_multiplier = 1717986918;
  p.input_left_shift = 23;
  p.diff_min = -248;
  return p;
}

TEST(KernelSoftmax, UniformRowsSplitEvenly) {
  // Equal logits: every difference is 0, exp(0) = 1 in Q0 (2^31 - 1), which is
  // 2^19 in the Q12.19 sum; four of them make 2^21 = 2^2 * (1 + 0). The
  // reciprocal of (1 + 0) is ~1 and the output 1/4 = 64/256, minus 128 = -64
  // (as in micro_speech's all-zero-point run). Two classes: 1/2 -> 0. One class:
  // 1 -> 256 - 128 = 128, saturated to 127.
  const std::array<std::int8_t, 4> four{9, 9, 9, 9};
  std::array<std::int8_t, 4> out{};
  softmax_s8_params p = softmax_params(1, 4);
  softmax_s8(&p, four.data(), out.data());
  const std::array<std::int8_t, 4> quarter{-64, -64, -64, -64};
  EXPECT_EQ(out, quarter);

  p = softmax_params(2, 2);
  softmax_s8(&p, four.data(), out.data());
  const std::array<std::int8_t, 4> half{0, 0, 0, 0};
  EXPECT_EQ(out, half);

  p = softmax_params(4, 1);
  softmax_s8(&p, four.data(), out.data());
  const std::array<std::int8_t, 4> one{127, 127, 127, 127};
  EXPECT_EQ(out, one);
}

TEST(KernelSoftmax, DifferencesBelowDiffMinGiveZero) {
  // 127 - (-128) = 255 steps of 0.1 = 25.5 below the max: beyond diff_min
  // (-248), so exactly -128 (probability 0), and the max takes everything.
  const std::array<std::int8_t, 2> in{127, -128};
  std::array<std::int8_t, 2> out{};
  const softmax_s8_params p = softmax_params(1, 2);
  softmax_s8(&p, in.data(), out.data());
  EXPECT_EQ(out[0], 127);
  EXPECT_EQ(out[1], -128);
}

// Input scale 0.1 (exactly): 0.1 * 2^27 = 13421772.8 = 0.8 * 2^24 -> (1717986918, 24);
// radius floor(15 * 2^27 / 2^24) = 120.
logistic_s8_params sigmoid_params(std::int32_t size, std::int32_t zero_point) {
  logistic_s8_params p{};
  p.size = size;
  p.input_zero_point = zero_point;
  p.input_multiplier = 1717986918;
  p.input_left_shift = 24;
  p.input_range_radius = 120;
  return p;
}

TEST(KernelLogistic, ZeroAndSaturation) {
  // x = zero point: logistic(0) = 1/2 = 2^30 in Q0; >> 23 = 128; - 128 = 0.
  // At or beyond the radius (|x - zp| >= 120): -128 and 127.
  const std::array<std::int8_t, 5> in{5, 125, 127, -115, -128};
  std::array<std::int8_t, 5> out{};
  const logistic_s8_params p = sigmoid_params(5, 5);
  logistic_s8(&p, in.data(), out.data());
  const std::array<std::int8_t, 5> want{0, 127, 127, -128, -128};
  EXPECT_EQ(out, want);
}

TEST(KernelLogistic, IsSymmetricAroundOneHalf) {
  // logistic(-x) = 1 - logistic(x): in units of 1/256 with zero point -128,
  // out(-x) + 128 = 256 - (out(x) + 128) up to the rounding of the last bit.
  std::array<std::int8_t, 119> pos{};
  std::array<std::int8_t, 119> neg{};
  for (int i = 0; i < 119; ++i) {
    pos[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i + 1);
    neg[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(-(i + 1));
  }
  std::array<std::int8_t, 119> out_pos{};
  std::array<std::int8_t, 119> out_neg{};
  const logistic_s8_params p = sigmoid_params(119, 0);
  logistic_s8(&p, pos.data(), out_pos.data());
  logistic_s8(&p, neg.data(), out_neg.data());
  for (std::size_t i = 0; i < pos.size(); ++i) {
    const int sum = (out_pos[i] + 128) + (out_neg[i] + 128);
    EXPECT_TRUE(sum == 256 || sum == 255) << "x = " << int(pos[i]) << ": " << sum;
    EXPECT_GE(out_pos[i], out_pos[i > 0 ? i - 1 : 0]);  // monotonic
  }
}

TEST(KernelTanh, ZeroOddnessAndSaturation) {
  // tanh(0) = 0; output scale 1/128 with no zero point; tanh is odd, and at
  // the radius it saturates to -128 / 127.
  const std::array<std::int8_t, 6> in{0, 10, -10, 120, -120, 127};
  std::array<std::int8_t, 6> out{};
  const tanh_s8_params p = sigmoid_params(6, 0);
  tanh_s8(&p, in.data(), out.data());
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], -out[2]);
  // x = 1.0: tanh(1) = 0.7616 -> 97.5 / 128, within one step of 97 or 98.
  EXPECT_NEAR(out[1], 97.5, 1.0);
  EXPECT_EQ(out[3], 127);
  EXPECT_EQ(out[4], -128);
  EXPECT_EQ(out[5], 127);
}

}  // namespace
