// tests/runtime/kernels/conv2d_s8_test.cpp — padding edges with a non-zero input
// zero point, per-channel scales, strides; expected values worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

constexpr std::int32_t kHalf = 1 << 30;

// Input 1x2x2x1 = {1, 2, 3, 4} with zero point -1, so x - zp = {2, 3, 4, 5}.
// Two 2x2 filters: f0 = all ones, f1 = {1, 0, 0, -1} (by row, column).
// SAME, stride 1: output 2x2, total padding 1 per dimension, all of it at the
// bottom and right (pad_top = pad_left = 0).
conv2d_s8_params params(const std::int32_t* multipliers, const std::int32_t* shifts) {
  conv2d_s8_params p{};
  p.batches = 1;
  p.input_h = 2;
  p.input_w = 2;
  p.input_c = 1;
  p.filter_h = 2;
  p.filter_w = 2;
  p.filter_c = 1;
  p.output_h = 2;
  p.output_w = 2;
  p.output_c = 2;
  p.stride_h = 1;
  p.stride_w = 1;
  p.dilation_h = 1;
  p.dilation_w = 1;
  p.pad_top = 0;
  p.pad_left = 0;
  p.input_offset = 1;
  p.output_offset = 10;
  p.multiplier = multipliers;
  p.shift = shifts;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

const std::array<std::int8_t, 4> kInput{1, 2, 3, 4};
const std::array<std::int8_t, 8> kFilters{1, 1, 1, 1, 1, 0, 0, -1};
const std::array<std::int32_t, 2> kBias{1, -1};

TEST(KernelConv2D, PaddingContributesRealZeroNotQuantizedZero) {
  // Channel 0 (M = 0.5), channel 1 (M = 1.0, encoded (2^30, 1)).
  const std::array<std::int32_t, 2> multipliers{kHalf, kHalf};
  const std::array<std::int32_t, 2> shifts{0, 1};
  const conv2d_s8_params p = params(multipliers.data(), shifts.data());
  std::array<std::int8_t, 8> out{};
  conv2d_s8(&p, kInput.data(), kFilters.data(), kBias.data(), out.data());
  // Sums over the in-bounds taps only (x - zp):
  //   (0,0): f0 2+3+4+5 = 14, f1 2-5 = -3
  //   (0,1): taps (0,0)->3 and (1,0)->5: f0 8, f1 3
  //   (1,0): taps (0,0)->4 and (0,1)->5: f0 9, f1 4
  //   (1,1): tap (0,0)->5: f0 5, f1 5
  // Channel 0 + bias 1 = {15, 9, 10, 6}, * 0.5 = {7.5->8, 4.5->5, 5, 3}, + 10.
  // Channel 1 + bias -1 = {-4, 2, 3, 4}, * 1, + 10.
  const std::array<std::int8_t, 8> want{18, 6, 15, 12, 15, 13, 13, 14};
  EXPECT_EQ(out, want);
}

TEST(KernelConv2D, PaddingOnTopAndLeftWithStride) {
  // Same data, stride 2, SAME with a 2x2 filter on 2x2: output 1x1, no padding
  // needed, so the one window covers everything: f0 14 + 1 = 15, f1 -3 - 1 = -4.
  const std::array<std::int32_t, 2> multipliers{kHalf, kHalf};
  const std::array<std::int32_t, 2> shifts{1, 1};
  conv2d_s8_params p = params(multipliers.data(), shifts.data());
  p.stride_h = 2;
  p.stride_w = 2;
  p.output_h = 1;
  p.output_w = 1;
  std::array<std::int8_t, 2> out{};
  conv2d_s8(&p, kInput.data(), kFilters.data(), kBias.data(), out.data());
  EXPECT_EQ(out[0], 25);  // 15 + 10
  EXPECT_EQ(out[1], 6);   // -4 + 10

  // Now pad one row and column at the top/left (as a 3x3 SAME filter would):
  // the window at (0,0) then sees only input (0,0) at its tap (1,1).
  p.pad_top = 1;
  p.pad_left = 1;
  conv2d_s8(&p, kInput.data(), kFilters.data(), kBias.data(), out.data());
  EXPECT_EQ(out[0], 2 + 1 + 10);   // f0 tap (1,1) = 1 times 2, bias 1
  EXPECT_EQ(out[1], -2 - 1 + 10);  // f1 tap (1,1) = -1 times 2, bias -1
}

}  // namespace
