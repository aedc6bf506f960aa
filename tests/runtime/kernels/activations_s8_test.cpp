// tests/runtime/kernels/activations_s8_test.cpp — relu_s8, relu6_s8 and
// hard_tanh_s8 (RELU_N1_TO_1); worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

TEST(KernelRelu, RequantizesThenClamps) {
  // 0.05 / zp 10 -> 0.025 / zp -128: M = 2 = (2^30, 2); clamp from q(0) = -128.
  relu_s8_params p{};
  p.size = 4;
  p.input_zero_point = 10;
  p.output_zero_point = -128;
  p.output_multiplier = 1 << 30;
  p.output_shift = 2;
  p.act_min = -128;
  p.act_max = 127;
  const std::array<std::int8_t, 4> in{11, 9, 127, 80};
  std::array<std::int8_t, 4> out{};
  relu_s8(&p, in.data(), out.data());
  // 11: (1 * 2) - 128 = -126; 9: -2 - 128 = -130 -> -128; 127: 234 - 128 = 106;
  // 80: 140 - 128 = 12.
  const std::array<std::int8_t, 4> want{-126, -128, 106, 12};
  EXPECT_EQ(out, want);
}

TEST(KernelRelu6, ClampsWithTheInputQuantization) {
  relu6_s8_params p{};
  p.size = 5;
  p.lower = -30;  // q(0) at zp -30
  p.upper = 120;  // q(6) = 6 / 0.04 - 30
  const std::array<std::int8_t, 5> in{-128, -31, -30, 120, 127};
  std::array<std::int8_t, 5> out{};
  relu6_s8(&p, in.data(), out.data());
  const std::array<std::int8_t, 5> want{-30, -30, -30, 120, 120};
  EXPECT_EQ(out, want);
}

TEST(KernelHardTanh, ClampsToMinusOneAndOne) {
  // Scale 1/64, zero point 0 on both sides: M = 1 = (2^30, 1), q(-1) = -64,
  // q(1) = 64.
  hard_tanh_s8_params p{};
  p.size = 8;
  p.output_multiplier = 1 << 30;
  p.output_shift = 1;
  p.act_min = -64;
  p.act_max = 64;
  const std::array<std::int8_t, 8> in{-128, -65, -64, 0, 63, 64, 65, 127};
  std::array<std::int8_t, 8> out{};
  hard_tanh_s8(&p, in.data(), out.data());
  const std::array<std::int8_t, 8> want{-64, -64, -64, 0, 63, 64, 64, 64};
  EXPECT_EQ(out, want);
}

TEST(KernelHardTanh, RequantizesToAnotherScale) {
  // 1/32 / zp 0 -> 1/64 / zp 10: M = 2 = (2^30, 2); clamp [10 - 64, 10 + 64].
  hard_tanh_s8_params p{};
  p.size = 4;
  p.output_zero_point = 10;
  p.output_multiplier = 1 << 30;
  p.output_shift = 2;
  p.act_min = -54;
  p.act_max = 74;
  const std::array<std::int8_t, 4> in{-40, -20, 16, 40};  // -1.25, -0.625, 0.5, 1.25
  std::array<std::int8_t, 4> out{};
  hard_tanh_s8(&p, in.data(), out.data());
  const std::array<std::int8_t, 4> want{-54, -30, 42, 74};
  EXPECT_EQ(out, want);
}

}  // namespace
