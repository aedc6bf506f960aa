// tests/runtime/kernels/depthwise_conv2d_s8_test.cpp — depth multiplier channel
// order and per-channel requantization; expected values worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

TEST(KernelDepthwiseConv2D, DepthMultiplierOrdersOutputChannels) {
  // Input 1x1x3x2 (W = 3, C = 2): column x holds {x+1, -(x+1)}; zero point 0.
  // Filter 1x1x3x4, output channel oc = c * 2 + m. Taps [fx][oc]:
  //   fx0 {1, 0, 1, 0}, fx1 {1, 1, 0, 2}, fx2 {1, 0, -1, 0}. VALID -> 1x1x1x4.
  const std::array<std::int8_t, 6> input{1, -1, 2, -2, 3, -3};
  const std::array<std::int8_t, 12> filter{1, 0, 1, 0, 1, 1, 0, 2, 1, 0, -1, 0};
  const std::array<std::int32_t, 4> bias{0, 0, 0, 1};
  const std::array<std::int32_t, 4> multipliers{1 << 30, 1 << 30, 1 << 30, 1 << 30};
  const std::array<std::int32_t, 4> shifts{1, 1, 1, 0};  // M = 1, 1, 1, 0.5
  depthwise_conv2d_s8_params p{};
  p.batches = 1;
  p.input_h = 1;
  p.input_w = 3;
  p.input_c = 2;
  p.filter_h = 1;
  p.filter_w = 3;
  p.depth_multiplier = 2;
  p.output_h = 1;
  p.output_w = 1;
  p.output_c = 4;
  p.stride_h = 1;
  p.stride_w = 1;
  p.dilation_h = 1;
  p.dilation_w = 1;
  p.input_offset = 0;
  p.output_offset = -2;
  p.multiplier = multipliers.data();
  p.shift = shifts.data();
  p.act_min = -128;
  p.act_max = 127;
  std::array<std::int8_t, 4> out{};
  depthwise_conv2d_s8(&p, input.data(), filter.data(), bias.data(), out.data());
  // oc0 (c0, m0): 1 + 2 + 3 = 6        -> 6 - 2 = 4
  // oc1 (c0, m1): 2 * 1 = 2            -> 0
  // oc2 (c1, m0): -1 + 0 + 3 = 2       -> 0
  // oc3 (c1, m1): -2 * 2 + bias 1 = -3; * 0.5 = -1.5 -> -1 (srdhm tie toward +inf) -> -3
  const std::array<std::int8_t, 4> want{4, 0, 0, -3};
  EXPECT_EQ(out, want);
}

TEST(KernelDepthwiseConv2D, DilationSkipsInputs) {
  // Input 1x1x5x1 = {1, 2, 3, 4, 5}, filter 1x1x2x1 = {1, 1}, dilation 3,
  // VALID: effective width 4 -> 2 outputs: x0 + x3 = 5, x1 + x4 = 7.
  const std::array<std::int8_t, 5> input{1, 2, 3, 4, 5};
  const std::array<std::int8_t, 2> filter{1, 1};
  const std::array<std::int32_t, 1> multipliers{1 << 30};
  const std::array<std::int32_t, 1> shifts{1};
  depthwise_conv2d_s8_params p{};
  p.batches = 1;
  p.input_h = 1;
  p.input_w = 5;
  p.input_c = 1;
  p.filter_h = 1;
  p.filter_w = 2;
  p.depth_multiplier = 1;
  p.output_h = 1;
  p.output_w = 2;
  p.output_c = 1;
  p.stride_h = 1;
  p.stride_w = 1;
  p.dilation_h = 1;
  p.dilation_w = 3;
  p.multiplier = multipliers.data();
  p.shift = shifts.data();
  p.act_min = -128;
  p.act_max = 127;
  std::array<std::int8_t, 2> out{};
  depthwise_conv2d_s8(&p, input.data(), filter.data(), nullptr, out.data());
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[1], 7);
}

}  // namespace
