// tests/runtime/kernels/add_mul_s8_test.cpp — add_s8 and mul_s8: the ADD scaling
// chain, zero points, broadcasting strides; worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

broadcast_shape flat(std::int32_t n) {
  broadcast_shape s{};
  for (int d = 0; d < ELEMENTWISE_MAX_DIMS; ++d) {
    s.dims[d] = 1;
    s.input1_strides[d] = 0;
    s.input2_strides[d] = 0;
  }
  s.dims[5] = n;
  s.input1_strides[5] = 1;
  s.input2_strides[5] = 1;
  return s;
}

// ADD with one scale s everywhere and zero points 0. Prepared as TFLite does:
// twice_max = 2s, input multipliers s / 2s = 0.5 -> (2^30, 0), output
// 2s / (2^20 s) = 2^-19 -> (2^30, -18).
add_s8_params same_scale_add(std::int32_t n) {
  add_s8_params p{};
  p.shape = flat(n);
  p.left_shift = 20;
  p.input1_multiplier = 1 << 30;
  p.input2_multiplier = 1 << 30;
  p.output_multiplier = 1 << 30;
  p.output_shift = -18;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

TEST(KernelAdd, EqualScalesGiveTheSaturatedSum) {
  // 100 + 27: (100 << 20) * 0.5 + (27 << 20) * 0.5 = 127 * 2^19, * 2^-19 = 127.
  const std::array<std::int8_t, 4> a{100, 100, -100, 5};
  const std::array<std::int8_t, 4> b{27, 28, -29, -7};
  const add_s8_params p = same_scale_add(4);
  std::array<std::int8_t, 4> out{};
  add_s8(&p, a.data(), b.data(), out.data());
  const std::array<std::int8_t, 4> want{127, 127, -128, -2};  // 128 and -129 saturate
  EXPECT_EQ(out, want);
}

TEST(KernelAdd, ZeroPointsAndClamp) {
  add_s8_params p = same_scale_add(2);
  p.input1_offset = -3;   // zero point 3
  p.input2_offset = 4;    // zero point -4
  p.output_offset = 10;
  p.act_min = 10;         // RELU
  const std::array<std::int8_t, 2> a{13, 0};
  const std::array<std::int8_t, 2> b{-4, -10};
  std::array<std::int8_t, 2> out{};
  add_s8(&p, a.data(), b.data(), out.data());
  // (13 - 3) + (-4 + 4) = 10 -> 20; (0 - 3) + (-10 + 4) = -9 -> 1 -> clamped to 10.
  EXPECT_EQ(out[0], 20);
  EXPECT_EQ(out[1], 10);
}

TEST(KernelAdd, BroadcastsWithZeroStrides) {
  // [2,1] + [1,3] -> [2,3]: input 1 varies along rows, input 2 along columns.
  add_s8_params p = same_scale_add(0);
  p.shape.dims[4] = 2;
  p.shape.dims[5] = 3;
  p.shape.input1_strides[4] = 1;
  p.shape.input1_strides[5] = 0;
  p.shape.input2_strides[4] = 0;
  p.shape.input2_strides[5] = 1;
  const std::array<std::int8_t, 2> a{1, 2};
  const std::array<std::int8_t, 3> b{10, 20, 30};
  std::array<std::int8_t, 6> out{};
  add_s8(&p, a.data(), b.data(), out.data());
  const std::array<std::int8_t, 6> want{11, 21, 31, 12, 22, 32};
  EXPECT_EQ(out, want);
}

TEST(KernelMul, ZeroPointsAndTies) {
  // Zero points 2 and -3, output zero point 5, M = 0.5.
  mul_s8_params p{};
  p.shape = flat(3);
  p.input1_offset = -2;
  p.input2_offset = 3;
  p.output_offset = 5;
  p.output_multiplier = 1 << 30;
  p.output_shift = 0;
  p.act_min = -128;
  p.act_max = 127;
  const std::array<std::int8_t, 3> a{7, 5, 1};
  const std::array<std::int8_t, 3> b{-1, 0, 0};
  std::array<std::int8_t, 3> out{};
  mul_s8(&p, a.data(), b.data(), out.data());
  // 5 * 2 = 10 -> 5 -> 10;  3 * 3 = 9 -> 4.5 -> 5 -> 10;  -1 * 3 = -3 -> -1.5 -> -1 -> 4.
  const std::array<std::int8_t, 3> want{10, 10, 4};
  EXPECT_EQ(out, want);
}

TEST(KernelMul, BroadcastAndSaturate) {
  // [2,2] * [1,2], broadcast along rows, M = 1 encoded (2^30, 1).
  mul_s8_params p{};
  p.shape = flat(0);
  p.shape.dims[4] = 2;
  p.shape.dims[5] = 2;
  p.shape.input1_strides[4] = 2;
  p.shape.input1_strides[5] = 1;
  p.shape.input2_strides[4] = 0;
  p.shape.input2_strides[5] = 1;
  p.output_multiplier = 1 << 30;
  p.output_shift = 1;
  p.act_min = -128;
  p.act_max = 127;
  const std::array<std::int8_t, 4> a{2, 3, 100, -100};
  const std::array<std::int8_t, 2> b{5, 2};
  std::array<std::int8_t, 4> out{};
  mul_s8(&p, a.data(), b.data(), out.data());
  const std::array<std::int8_t, 4> want{10, 6, 127, -128};  // 500 and -200 saturate
  EXPECT_EQ(out, want);
}

}  // namespace
