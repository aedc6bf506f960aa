// tests/runtime/kernels/pool2d_s8_test.cpp — average_pool_s8 and max_pool_s8:
// rounding of the average, windows clipped at the edges; worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

pool2d_s8_params params(std::int32_t in, std::int32_t channels, std::int32_t out, std::int32_t filter,
                        std::int32_t stride, std::int32_t pad) {
  pool2d_s8_params p{};
  p.batches = 1;
  p.input_h = in;
  p.input_w = in;
  p.channels = channels;
  p.output_h = out;
  p.output_w = out;
  p.filter_h = filter;
  p.filter_w = filter;
  p.stride_h = stride;
  p.stride_w = stride;
  p.pad_top = pad;
  p.pad_left = pad;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

TEST(KernelAveragePool, RoundsHalfAwayFromZero) {
  // 2x2 input, 4 channels, one 2x2 window. Per channel the four values are:
  //   c0 {1, 2, 2, 2}: 7/4 = 1.75 -> 2      c1 {-1, -2, -2, -2}: -1.75 -> -2
  //   c2 {1, 1, 1, 3}: 6/4 = 1.5 -> 2       c3 {-1, -1, -1, -3}: -1.5 -> -2
  const std::array<std::int8_t, 16> input{1, -1, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 3, -3};
  const pool2d_s8_params p = params(2, 4, 1, 2, 2, 0);
  std::array<std::int8_t, 4> out{};
  average_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> want{2, -2, 2, -2};
  EXPECT_EQ(out, want);
}

TEST(KernelAveragePool, EdgeWindowsDivideByTheInBoundsCount) {
  // 3x3 SAME stride 1 on 2x2: padding 1 on each side, every window covers the
  // whole input: (10 + 20 + 30 + 41) / 4 = 25.25 -> 25 (dividing by 9 would give 11).
  const std::array<std::int8_t, 4> input{10, 20, 30, 41};
  pool2d_s8_params p = params(2, 1, 2, 3, 1, 1);
  std::array<std::int8_t, 4> out{};
  average_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> want{25, 25, 25, 25};
  EXPECT_EQ(out, want);
  p.act_max = 20;  // fused clamp
  average_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> clamped{20, 20, 20, 20};
  EXPECT_EQ(out, clamped);
}

TEST(KernelMaxPool, PaddingNeverWins) {
  // All inputs negative: a padded zero would win if padding were read.
  const std::array<std::int8_t, 4> input{-100, -50, -70, -90};
  pool2d_s8_params p = params(2, 1, 2, 3, 1, 1);
  std::array<std::int8_t, 4> out{};
  max_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> want{-50, -50, -50, -50};
  EXPECT_EQ(out, want);
  p.act_min = -40;  // a fused RELU at zero point -40 lifts them
  max_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> lifted{-40, -40, -40, -40};
  EXPECT_EQ(out, lifted);
}

TEST(KernelMaxPool, StridedWindows) {
  // 4x4 input 0..15, 2x2 windows, stride 2: maxima 5, 7, 13, 15.
  std::array<std::int8_t, 16> input{};
  for (int i = 0; i < 16; ++i) input[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i);
  const pool2d_s8_params p = params(4, 1, 2, 2, 2, 0);
  std::array<std::int8_t, 4> out{};
  max_pool_s8(&p, input.data(), out.data());
  const std::array<std::int8_t, 4> want{5, 7, 13, 15};
  EXPECT_EQ(out, want);
}

}  // namespace
