// tests/runtime/kernels/m4_matmul_block_test.cpp — the m4 FULLY_CONNECTED
// and 1x1 CONV_2D kernels on their variant block (runtime/compiler/
// weight_layout_m4.hpp, runtime/kernels/m4/matmul_m4.h; host build, the DSP
// instructions emulated in C) against the ref kernels on the reference
// layout, byte for byte: random shapes with depths and row counts that are and
// are not multiples of the block's 16 and 4, one pixel and many (the kernel's
// single and pair paths, an odd last pixel), per-tensor and per-channel
// multipliers with shifts from -1 to -31, multipliers 0, 2^30 and 2^31 - 1,
// the activation clamps of NONE, RELU, RELU6 and RELU_N1_TO_1 and random ones,
// zero points at -128 and 127, and inputs and weights at their extremes. Also
// the block's layout on a hand-worked case and the conditions under which the
// writer must refuse one.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "runtime/compiler/weight_layout_m4.hpp"
#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/kernels.h"
#include "tests/runtime/kernels/variant_kernels.hpp"

namespace mcusim::test {
namespace {

using compiler::conv_m4_block;
using compiler::fc_m4_block;

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : e_(seed) {}
  std::int32_t between(std::int32_t lo, std::int32_t hi) {
    return std::uniform_int_distribution<std::int32_t>(lo, hi)(e_);
  }
  bool chance(int percent) { return between(0, 99) < percent; }
  // (multiplier, shift) for a real scale below one half, extremes often.
  void multiplier(std::int32_t& m, std::int32_t& shift) {
    switch (between(0, 5)) {
      case 0: m = 0; break;
      case 1: m = 1 << 30; break;
      case 2: m = 2147483647; break;
      default: m = between(1 << 30, 2147483647);
    }
    switch (between(0, 4)) {
      case 0: shift = -1; break;
      case 1: shift = -31; break;
      case 2: shift = between(-30, -15); break;
      default: shift = between(-14, -1);
    }
  }
  std::int32_t zero_point() { return chance(25) ? -128 : chance(25) ? 127 : between(-128, 127); }
  // A fused activation's clamp in the quantized domain (TFLite's
  // CalculateActivationRangeQuantized) for an output zero point and scale.
  void activation(std::int32_t zp, std::int32_t& lo, std::int32_t& hi) {
    const double scale = 0.01 * between(1, 100);
    auto q = [&](double real) { return std::clamp<std::int32_t>(zp + static_cast<std::int32_t>(real / scale), -128, 127); };
    switch (between(0, 4)) {
      case 0: lo = -128; hi = 127; break;               // NONE
      case 1: lo = std::max(-128, zp); hi = 127; break;  // RELU
      case 2: lo = std::max(-128, zp); hi = q(6.0); break;  // RELU6
      case 3: lo = q(-1.0); hi = q(1.0); break;             // RELU_N1_TO_1
      default: lo = between(-128, 127); hi = between(lo, 127);
    }
    if (lo > hi) hi = lo;
  }
  std::vector<std::int8_t> bytes(std::size_t n, int kind) {  // kind 0: -128/127 only, 1: +-127
    std::vector<std::int8_t> v(n);
    for (auto& b : v) {
      b = static_cast<std::int8_t>(kind == 0 ? (chance(50) ? -128 : 127)
                                   : kind == 1 ? (chance(50) ? -127 : 127)
                                               : between(-128, 127));
    }
    return v;
  }

 private:
  std::mt19937 e_;
};

// A random matrix operator: rows x depth weights, per-row requantization.
struct Matrix {
  std::int32_t pixels = 1, rows = 1, depth = 1;
  std::int32_t input_offset = 0, output_offset = 0, act_min = -128, act_max = 127;
  std::vector<std::int8_t> filter, input;
  std::vector<std::int32_t> bias, multipliers, shifts;
  bool per_tensor = false;
};

Matrix random_matrix(Rng& rng, std::int32_t max_pixels) {
  Matrix c;
  c.pixels = rng.between(1, max_pixels);
  c.depth = rng.chance(30) ? 16 * rng.between(1, 8) : rng.chance(10) ? rng.between(257, 512) : rng.between(1, 200);
  c.rows = rng.chance(30) ? 4 * rng.between(1, 8) : rng.between(1, 23);
  c.input_offset = rng.chance(25) ? 128 : rng.chance(20) ? -127 : rng.between(-127, 128);
  c.output_offset = rng.zero_point();
  rng.activation(c.output_offset, c.act_min, c.act_max);
  c.filter = rng.bytes(static_cast<std::size_t>(c.rows * c.depth), rng.between(0, 3));
  c.input = rng.bytes(static_cast<std::size_t>(c.pixels * c.depth), rng.between(0, 3));
  if (!rng.chance(20)) {
    const std::int32_t span = rng.chance(20) ? (1 << 24) : (1 << 14);
    for (std::int32_t o = 0; o < c.rows; ++o) c.bias.push_back(rng.between(-span, span));
  }
  c.per_tensor = rng.chance(40);
  c.multipliers.resize(static_cast<std::size_t>(c.rows));
  c.shifts.resize(c.multipliers.size());
  for (std::size_t i = 0; i < c.multipliers.size(); ++i) {
    if (c.per_tensor && i > 0) {
      c.multipliers[i] = c.multipliers[0];
      c.shifts[i] = c.shifts[0];
    } else {
      rng.multiplier(c.multipliers[i], c.shifts[i]);
    }
  }
  return c;
}

fully_connected_s8_params fc_params(const Matrix& c) {
  fully_connected_s8_params p{};
  p.batches = c.pixels;
  p.accum_depth = c.depth;
  p.output_depth = c.rows;
  p.input_offset = c.input_offset;
  p.output_offset = c.output_offset;
  p.act_min = c.act_min;
  p.act_max = c.act_max;
  if (c.per_tensor) {
    p.output_multiplier = c.multipliers[0];
    p.output_shift = c.shifts[0];
  } else {
    p.per_channel_multiplier = c.multipliers.data();
    p.per_channel_shift = c.shifts.data();
  }
  return p;
}

// The matrix as a 1x1 convolution over an h x w image (h * w = pixels).
conv2d_s8_params conv_params(const Matrix& c) {
  conv2d_s8_params p{};
  p.batches = 1;
  p.input_h = 1;
  p.input_w = c.pixels;
  for (std::int32_t h = 2; h * h <= c.pixels; ++h) {
    if (c.pixels % h == 0) {
      p.input_h = h;
      p.input_w = c.pixels / h;
    }
  }
  p.input_c = p.filter_c = c.depth;
  p.filter_h = p.filter_w = 1;
  p.output_h = p.input_h;
  p.output_w = p.input_w;
  p.output_c = c.rows;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  p.input_offset = c.input_offset;
  p.output_offset = c.output_offset;
  p.multiplier = c.multipliers.data();
  p.shift = c.shifts.data();
  p.act_min = c.act_min;
  p.act_max = c.act_max;
  return p;
}

std::string describe(const Matrix& c, int n) {
  return "case " + std::to_string(n) + ": pixels " + std::to_string(c.pixels) + " depth " + std::to_string(c.depth) +
         " rows " + std::to_string(c.rows) + " input_offset " + std::to_string(c.input_offset) + " output_offset " +
         std::to_string(c.output_offset) + " clamp " + std::to_string(c.act_min) + ".." + std::to_string(c.act_max) +
         (c.per_tensor ? " per-tensor" : " per-channel") + (c.bias.empty() ? " no bias" : "");
}

// k = 2^(e-1) + output_offset * 2^e fits in int32 for every channel: with
// |output_offset| up to 128 that holds for e <= 23 (shift >= -23); beyond, the
// writer refuses unless the offset is small.
bool fits_k(const Matrix& c) {
  return std::ranges::all_of(c.shifts, [&](std::int32_t shift) {
    const std::int64_t e = -std::int64_t{shift};
    const std::int64_t k = (std::int64_t{1} << (e - 1)) + std::int64_t{c.output_offset} * (std::int64_t{1} << e);
    return k >= INT32_MIN && k <= INT32_MAX && e <= 30;
  });
}

TEST(M4MatmulBlock, FullyConnectedOnTheBlockEqualsRef) {
  Rng rng(0x4D34F0u);
  int with_block = 0, eligible = 0;
  constexpr int kCases = 3000;
  for (int n = 0; n < kCases; ++n) {
    const Matrix c = random_matrix(rng, 3);
    fully_connected_s8_params p = fc_params(c);
    const auto block = fc_m4_block(p, c.filter, c.bias, c.per_tensor ? std::vector<std::int32_t>{} : c.multipliers,
                                   c.per_tensor ? std::vector<std::int32_t>{} : c.shifts);
    eligible += fits_k(c) ? 1 : 0;
    if (!block) continue;
    ++with_block;
    const std::int32_t* bias = c.bias.empty() ? nullptr : c.bias.data();
    std::vector<std::int8_t> want(static_cast<std::size_t>(c.pixels * c.rows)), got(want.size(), 0x55);
    fully_connected_s8(&p, c.input.data(), c.filter.data(), bias, want.data());
    p.variant_block = block->data();
    m4_fully_connected_s8(&p, c.input.data(), c.filter.data(), bias, got.data());
    ASSERT_EQ(got, want) << describe(c, n);
  }
  // The block must be the rule where k fits, or this test checks little.
  EXPECT_GT(with_block, eligible * 9 / 10);
}

TEST(M4MatmulBlock, PointwiseConvOnTheBlockEqualsRef) {
  Rng rng(0x4D34C0u);
  int with_block = 0, eligible = 0;
  constexpr int kCases = 1500;
  for (int n = 0; n < kCases; ++n) {
    const Matrix c = random_matrix(rng, 12);
    conv2d_s8_params p = conv_params(c);
    const auto block = conv_m4_block(p, c.filter, c.bias, c.multipliers, c.shifts);
    eligible += fits_k(c) ? 1 : 0;
    if (!block) continue;
    ++with_block;
    const std::int32_t* bias = c.bias.empty() ? nullptr : c.bias.data();
    std::vector<std::int8_t> want(static_cast<std::size_t>(c.pixels * c.rows)), got(want.size(), 0x55);
    conv2d_s8(&p, c.input.data(), c.filter.data(), bias, want.data());
    p.variant_block = block->data();
    m4_conv2d_s8(&p, c.input.data(), c.filter.data(), bias, got.data());
    ASSERT_EQ(got, want) << describe(c, n) << " image " << p.input_h << "x" << p.input_w;
  }
  EXPECT_GT(with_block, eligible * 9 / 10);
}

TEST(M4MatmulBlock, LayoutDoublesAndInterleavesTheWeightsAndFoldsTheInputOffset) {
  Matrix c;
  c.rows = 2;
  c.depth = 5;
  c.input_offset = 3;
  c.output_offset = -2;
  c.filter = {1, -2, 3, -4, 5,   // row 0
              -128, 7, 8, 9, 10};  // row 1
  c.bias = {10, 20};
  c.multipliers = {1 << 30, 2147483647};
  c.shifts = {-1, -3};
  const auto block = compiler::m4_matmul_block(c.rows, c.depth, c.filter, c.bias, c.input_offset, c.output_offset,
                                               c.multipliers, c.shifts);
  ASSERT_TRUE(block);
  // One row quad; depth 5 pads to 16 inputs, four input quads of 8 words.
  ASSERT_EQ(block->size(), 4u + 4u * 8u + 4u * 4u);
  EXPECT_EQ(static_cast<std::uint32_t>((*block)[0]), MCUSIM_PLAN_BLOCK_M4_MATMUL);
  EXPECT_EQ((*block)[1], 52);
  EXPECT_EQ((*block)[2], 1);
  EXPECT_EQ((*block)[3], 4);
  auto pair = [](std::int32_t lo, std::int32_t hi) {
    return static_cast<std::int32_t>((static_cast<std::uint32_t>(lo) & 0xFFFFu) | (static_cast<std::uint32_t>(hi) << 16));
  };
  // Input quad 0: E(r) = (2 w[r][0], 2 w[r][2]), O(r) = (2 w[r][1], 2 w[r][3]).
  EXPECT_EQ((*block)[4], pair(2, 6));
  EXPECT_EQ((*block)[5], pair(-256, 16));
  EXPECT_EQ((*block)[6], 0);  // rows 2 and 3: padding
  EXPECT_EQ((*block)[8], pair(-4, -8));
  EXPECT_EQ((*block)[9], pair(14, 18));
  // Input quad 1: only input 4 is real: E(r) = (2 w[r][4], 0), O(r) = 0.
  EXPECT_EQ((*block)[12], pair(10, 0));
  EXPECT_EQ((*block)[13], pair(20, 0));
  EXPECT_EQ((*block)[16], 0);
  // Channels after the 32 weight words: 2 (bias + 3 * sum w), m, k, e.
  const std::size_t ch = 4 + 32;
  EXPECT_EQ((*block)[ch + 0], 2 * (10 + 3 * (1 - 2 + 3 - 4 + 5)));      // 38
  EXPECT_EQ((*block)[ch + 4], 2 * (20 + 3 * (-128 + 7 + 8 + 9 + 10)));  // -242
  EXPECT_EQ((*block)[ch + 1], 1 << 30);
  // k = 2^(e-1) + output_offset * 2^e: e = 1: 1 - 4 = -3; e = 3: 4 - 16 = -12.
  EXPECT_EQ((*block)[ch + 2], -3);
  EXPECT_EQ((*block)[ch + 3], 1);
  EXPECT_EQ((*block)[ch + 6], -12);
  EXPECT_EQ((*block)[ch + 7], 3);
  EXPECT_EQ((*block)[ch + 8 + 3], 1);  // padding rows: e = 1, the rest 0
  EXPECT_EQ((*block)[ch + 8 + 1], 0);
}

TEST(M4MatmulBlock, NoBlockWhereItsConditionsFail) {
  Rng rng(11);
  Matrix c = random_matrix(rng, 2);
  c.depth = 40;
  c.rows = 6;
  c.filter.assign(240, 5);
  c.bias.assign(6, 100);
  c.multipliers.assign(6, 1 << 30);
  c.shifts.assign(6, -8);
  c.per_tensor = false;
  fully_connected_s8_params p = fc_params(c);
  p.output_multiplier = 1 << 30;
  p.output_shift = -8;
  p.output_offset = 3;
  ASSERT_TRUE(fc_m4_block(p, c.filter, c.bias, c.multipliers, c.shifts));
  ASSERT_TRUE(fc_m4_block(p, c.filter, c.bias, {}, {}));  // per tensor: p's pair
  fully_connected_s8_params filter_offset = p;
  filter_offset.filter_offset = 3;
  EXPECT_FALSE(fc_m4_block(filter_offset, c.filter, c.bias, c.multipliers, c.shifts));
  std::vector<std::int32_t> shifts = c.shifts;
  shifts[5] = 0;  // a multiplier of one half or more: no rounding divide
  EXPECT_FALSE(fc_m4_block(p, c.filter, c.bias, c.multipliers, shifts));
  shifts[5] = 2;  // a left shift
  EXPECT_FALSE(fc_m4_block(p, c.filter, c.bias, c.multipliers, shifts));
  std::vector<std::int32_t> multipliers = c.multipliers;
  multipliers[0] = -1;
  EXPECT_FALSE(fc_m4_block(p, c.filter, c.bias, multipliers, c.shifts));
  // An accumulator that could pass 2^30: twice it would not fit int32.
  std::vector<std::int32_t> bias = c.bias;
  bias[2] = (1 << 30) - 1000;
  EXPECT_FALSE(fc_m4_block(p, c.filter, bias, c.multipliers, c.shifts));
  // The output offset times 2^e must fit: e = 31 only with offset 0.
  fully_connected_s8_params offset31 = p;
  offset31.output_offset = 1;
  EXPECT_FALSE(fc_m4_block(offset31, c.filter, c.bias, c.multipliers, std::vector<std::int32_t>(6, -31)));
  offset31.output_offset = 0;
  EXPECT_TRUE(fc_m4_block(offset31, c.filter, c.bias, c.multipliers, std::vector<std::int32_t>(6, -31)));
  // Deeper than the kernel's stack buffer.
  fully_connected_s8_params deep = p;
  deep.accum_depth = MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH + 1;
  EXPECT_FALSE(fc_m4_block(deep, std::vector<std::int8_t>(static_cast<std::size_t>(6 * deep.accum_depth), 1), c.bias,
                           c.multipliers, c.shifts));
  // Convolutions other than 1x1 / stride 1 / unpadded / ungrouped.
  c.pixels = 4;
  const conv2d_s8_params conv = conv_params(c);
  ASSERT_TRUE(conv_m4_block(conv, c.filter, c.bias, c.multipliers, c.shifts));
  conv2d_s8_params strided = conv;
  strided.stride_w = 2;
  strided.output_w = (conv.input_w + 1) / 2;
  EXPECT_FALSE(conv_m4_block(strided, c.filter, c.bias, c.multipliers, c.shifts));
  conv2d_s8_params grouped = conv;
  grouped.filter_c = c.depth / 2;
  EXPECT_FALSE(conv_m4_block(grouped, c.filter, c.bias, c.multipliers, c.shifts));
  conv2d_s8_params padded = conv;
  padded.pad_top = 1;
  EXPECT_FALSE(conv_m4_block(padded, c.filter, c.bias, c.multipliers, c.shifts));
}

}  // namespace
}  // namespace mcusim::test
