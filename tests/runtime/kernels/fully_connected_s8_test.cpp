// tests/runtime/kernels/fully_connected_s8_test.cpp — zero points, bias, per-tensor
// and per-channel requantization, clamps; expected values worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

constexpr std::int32_t kHalf = 1 << 30;  // multiplier for 0.5 (with shift 0)

// x = {10, 20, -5} with zero point 5, so x - zp = {5, 15, -10}.
// w0 = {1, 2, 3}, w1 = {-1, 0, 4}; bias {100, -50}:
//   acc0 = 5 + 30 - 30 + 100 = 105,  acc1 = -5 + 0 - 40 - 50 = -95.
const std::array<std::int8_t, 3> kInput{10, 20, -5};
const std::array<std::int8_t, 6> kWeights{1, 2, 3, -1, 0, 4};
const std::array<std::int32_t, 2> kBias{100, -50};

fully_connected_s8_params base_params() {
  fully_connected_s8_params p{};
  p.batches = 1;
  p.accum_depth = 3;
  p.output_depth = 2;
  p.input_offset = -5;
  p.filter_offset = 0;
  p.output_offset = -3;
  p.output_multiplier = kHalf;
  p.output_shift = -1;  // M = 0.25
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

TEST(KernelFullyConnected, ZeroPointsBiasAndDoubleRounding) {
  const fully_connected_s8_params p = base_params();
  std::array<std::int8_t, 2> out{};
  fully_connected_s8(&p, kInput.data(), kWeights.data(), kBias.data(), out.data());
  // 105 * 0.25 = 26.25: srdhm 52.5 -> 53, rdbpot 26.5 -> 27; 27 - 3 = 24.
  // -95 * 0.25 = -23.75: srdhm -47.5 -> -47, rdbpot -23.5 -> -24; -24 - 3 = -27.
  EXPECT_EQ(out[0], 24);
  EXPECT_EQ(out[1], -27);
}

TEST(KernelFullyConnected, ClampsToTheActivationRange) {
  fully_connected_s8_params p = base_params();
  p.act_min = -3;  // RELU with output zero point -3
  std::array<std::int8_t, 2> out{};
  fully_connected_s8(&p, kInput.data(), kWeights.data(), kBias.data(), out.data());
  EXPECT_EQ(out[0], 24);
  EXPECT_EQ(out[1], -3);
}

TEST(KernelFullyConnected, WithoutBias) {
  const fully_connected_s8_params p = base_params();
  std::array<std::int8_t, 2> out{};
  fully_connected_s8(&p, kInput.data(), kWeights.data(), nullptr, out.data());
  // acc0 = 5, acc1 = -45. 5 * 0.25: srdhm 2.5 -> 3, rdbpot 1.5 -> 2; -1.
  // -45 * 0.25: srdhm -22.5 -> -22, rdbpot -11 exactly; -14.
  EXPECT_EQ(out[0], -1);
  EXPECT_EQ(out[1], -14);
}

TEST(KernelFullyConnected, PerChannelMultipliers) {
  fully_connected_s8_params p = base_params();
  const std::array<std::int32_t, 2> multipliers{kHalf, kHalf};
  const std::array<std::int32_t, 2> shifts{0, -2};  // 0.5 and 0.125
  p.per_channel_multiplier = multipliers.data();
  p.per_channel_shift = shifts.data();
  std::array<std::int8_t, 2> out{};
  fully_connected_s8(&p, kInput.data(), kWeights.data(), kBias.data(), out.data());
  // 105 * 0.5 = 52.5 -> 53; 53 - 3 = 50.
  // -95 * 0.125 = -11.875: srdhm -47.5 -> -47, rdbpot(-47, 2) = -11.75 -> -12; -15.
  EXPECT_EQ(out[0], 50);
  EXPECT_EQ(out[1], -15);
}

TEST(KernelFullyConnected, BatchesAndSaturation) {
  fully_connected_s8_params p = base_params();
  p.batches = 2;
  p.output_shift = 3;  // M = 4: 105 * 4 = 420 saturates at 127
  const std::array<std::int8_t, 6> input{10, 20, -5, 5, 5, 5};  // second batch is all zero point
  std::array<std::int8_t, 4> out{};
  fully_connected_s8(&p, input.data(), kWeights.data(), kBias.data(), out.data());
  EXPECT_EQ(out[0], 127);
  EXPECT_EQ(out[1], -128);  // -95 * 4 = -380
  // Batch 2: acc = bias only: 100 * 4 - 3 = 397 -> 127; -50 * 4 - 3 = -203 -> -128.
  EXPECT_EQ(out[2], 127);
  EXPECT_EQ(out[3], -128);
}

}  // namespace
