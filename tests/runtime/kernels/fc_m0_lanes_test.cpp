// tests/runtime/kernels/fc_m0_lanes_test.cpp — the m0 FULLY_CONNECTED kernel
// on its variant block (runtime/compiler/weight_layout.hpp, m0/fc_lanes.h)
// against the ref kernel on the reference layout, byte for byte: random
// shapes, per-tensor and per-channel multipliers down to shift -31, wide and
// narrow clamps, biases up to 2^24, and the inputs and weights at the
// extremes the lane arithmetic is bounded by (x = -128, w = +-127), dense and
// block-pruned (the sparse 'MLS2' layout, empty quads included). Also the
// conditions under which the writer must refuse a block.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "runtime/compiler/weight_layout.hpp"
#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/kernels.h"
#include "tests/runtime/kernels/variant_kernels.hpp"

namespace mcusim::test {
namespace {

using compiler::fc_m0_lanes_block;

struct Case {
  fully_connected_s8_params p{};
  std::vector<std::int8_t> filter;
  std::vector<std::int32_t> bias;
  std::vector<std::int32_t> multipliers, shifts;  // per channel, or empty
};

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : e_(seed) {}
  std::int32_t between(std::int32_t lo, std::int32_t hi) {
    return std::uniform_int_distribution<std::int32_t>(lo, hi)(e_);
  }
  bool chance(int percent) { return between(0, 99) < percent; }
  // A multiplier as QuantizeMultiplier gives it for a real scale below one.
  void multiplier(std::int32_t& m, std::int32_t& shift) {
    m = chance(10) ? 2147483647 : between(1 << 30, 2147483647);
    shift = chance(10) ? between(-31, -20) : between(-14, 0);
  }

 private:
  std::mt19937 e_;
};

Case random_case(Rng& rng) {
  Case c;
  fully_connected_s8_params& p = c.p;
  p.batches = rng.between(1, 3);
  p.accum_depth = 2 * rng.between(1, 60);
  p.output_depth = rng.between(1, 19);
  p.input_offset = rng.chance(25) ? 128 : rng.between(-127, 128);
  p.output_offset = rng.between(-128, 127);
  if (rng.chance(50)) {
    p.act_min = -128;
    p.act_max = 127;
  } else {
    p.act_min = rng.between(-128, 127);
    p.act_max = rng.between(p.act_min, 127);
  }
  const int weight_kind = rng.between(0, 3);  // 0: all at the extremes
  c.filter.resize(static_cast<std::size_t>(p.output_depth * p.accum_depth));
  for (auto& w : c.filter) {
    w = static_cast<std::int8_t>(weight_kind == 0 ? (rng.chance(50) ? 127 : -127) : rng.between(-127, 127));
  }
  if (rng.chance(40)) {
    // Block-pruned weights: whole steps of four rows by one input pair zero
    // (the writer then lays the block out sparse, 'MLS2'), sometimes every
    // step of a quad.
    const int percent = rng.between(20, 100);
    for (std::int32_t q = 0; 4 * q < p.output_depth; ++q) {
      for (std::int32_t j = 0; 2 * j < p.accum_depth; ++j) {
        if (!rng.chance(percent)) continue;
        for (std::int32_t r = 4 * q; r < std::min(4 * q + 4, p.output_depth); ++r) {
          c.filter[static_cast<std::size_t>(r * p.accum_depth + 2 * j)] = 0;
          c.filter[static_cast<std::size_t>(r * p.accum_depth + 2 * j + 1)] = 0;
        }
      }
    }
  }
  if (!rng.chance(20)) {
    const std::int32_t span = rng.chance(30) ? (1 << 24) : (1 << 12);
    for (std::int32_t o = 0; o < p.output_depth; ++o) c.bias.push_back(rng.between(-span, span));
  }
  if (rng.chance(50)) {
    c.multipliers.resize(static_cast<std::size_t>(p.output_depth));
    c.shifts.resize(c.multipliers.size());
    for (std::size_t i = 0; i < c.multipliers.size(); ++i) rng.multiplier(c.multipliers[i], c.shifts[i]);
  } else {
    rng.multiplier(p.output_multiplier, p.output_shift);
  }
  return c;
}

// ref on the reference layout, m0 on the block; both outputs.
void expect_same(const Case& c, const std::vector<std::int32_t>& block, const std::vector<std::int8_t>& input,
                 int n) {
  fully_connected_s8_params p = c.p;
  if (!c.multipliers.empty()) {
    p.per_channel_multiplier = c.multipliers.data();
    p.per_channel_shift = c.shifts.data();
  }
  const std::int32_t* bias = c.bias.empty() ? nullptr : c.bias.data();
  const std::size_t out_size = static_cast<std::size_t>(p.batches * p.output_depth);
  std::vector<std::int8_t> want(out_size), got(out_size, 0x55);
  fully_connected_s8(&p, input.data(), c.filter.data(), bias, want.data());
  p.variant_block = block.data();
  m0_fully_connected_s8(&p, input.data(), c.filter.data(), bias, got.data());
  ASSERT_EQ(got, want) << "case " << n << ": batches " << p.batches << " depth " << p.accum_depth << " outputs "
                       << p.output_depth << " input_offset " << p.input_offset << " clamp " << p.act_min << ".."
                       << p.act_max << (c.multipliers.empty() ? " per-tensor" : " per-channel");
}

std::optional<std::vector<std::int32_t>> block_of(const Case& c) {
  return fc_m0_lanes_block(c.p, c.filter, c.bias, c.multipliers, c.shifts);
}

TEST(FcM0Lanes, EqualsRefOnRandomLayersAndInputs) {
  Rng rng(0x1A4E5u);
  int with_block = 0, eligible = 0, sparse = 0;
  constexpr int kCases = 3000;
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    // A shift below -20 makes the final division 2^(11 + 21) or more, past
    // one register shift: the writer refuses it (mcusim_plan.h, s <= 31).
    const bool small_shifts = c.multipliers.empty() ? c.p.output_shift >= -20
                                                    : std::ranges::all_of(c.shifts, [](std::int32_t s) { return s >= -20; });
    eligible += small_shifts ? 1 : 0;
    const auto block = block_of(c);
    if (!block) continue;
    EXPECT_TRUE(small_shifts) << "case " << n << ": a block for a shift below -20";
    ++with_block;
    sparse += static_cast<std::uint32_t>((*block)[0]) == MCUSIM_PLAN_BLOCK_FC_M0_SPARSE ? 1 : 0;
    const int input_kind = rng.between(0, 3);  // 0: every x at -128, 1: at 127
    std::vector<std::int8_t> input(static_cast<std::size_t>(c.p.batches * c.p.accum_depth));
    for (auto& x : input) {
      x = static_cast<std::int8_t>(input_kind == 0 ? -128 : input_kind == 1 ? 127 : rng.between(-128, 127));
    }
    expect_same(c, *block, input, n);
    if (HasFatalFailure()) return;
  }
  // The block must be the common case where shifts allow it, or this test
  // checks little (biases up to 2^24 make some windows too wide).
  EXPECT_GT(with_block, eligible * 2 / 3);
  // Both layouts are exercised: the pruned cases mostly sparse, the rest dense.
  EXPECT_GT(sparse, with_block / 5);
  EXPECT_LT(sparse, with_block * 3 / 5);
}

TEST(FcM0Lanes, LayoutPacksTwoRowsPerWordAndFoldsTheInputOffset) {
  Case c;
  c.p.batches = 1;
  c.p.accum_depth = 2;
  c.p.output_depth = 2;
  c.p.input_offset = 3;
  c.p.output_multiplier = 1 << 30;
  c.p.output_shift = 0;
  c.p.act_min = -128;
  c.p.act_max = 127;
  c.filter = {1, -2, 3, 4};  // row 0: 1, -2; row 1: 3, 4
  c.bias = {10, 20};
  const auto block = block_of(c);
  ASSERT_TRUE(block);
  ASSERT_EQ(block->size(), 4u + 4u + 4u * 10u);
  EXPECT_EQ(static_cast<std::uint32_t>((*block)[0]), MCUSIM_PLAN_BLOCK_FC_M0_LANES);
  EXPECT_EQ((*block)[1], 48);
  EXPECT_EQ((*block)[2], 1);  // one quad
  EXPECT_EQ((*block)[3], 1);  // one input pair
  // W(r0, r1, i) = w[0][i] + 65536 w[1][i]; rows 2 and 3 are padding.
  EXPECT_EQ((*block)[4], 1 + 65536 * 3);
  EXPECT_EQ((*block)[5], -2 + 65536 * 4);
  EXPECT_EQ((*block)[6], 0);
  EXPECT_EQ((*block)[7], 0);
  // Row 0's bias: 10 + 3 * (1 - 2) = 7; row 1's: 20 + 3 * (3 + 4) = 41.
  EXPECT_EQ((*block)[8], 7);
  EXPECT_EQ((*block)[18], 41);
  // Multiplier 2^30 = m2 * 2^20 with m2 = 1024; shift 0: no rounding
  // divide, so f = 0, s = 11 and k = output_offset * 2^11 = 0.
  EXPECT_EQ((*block)[8 + 3], 0);
  EXPECT_EQ((*block)[8 + 4], 0);
  EXPECT_EQ((*block)[8 + 5], 1024);
  EXPECT_EQ((*block)[8 + 6], 1024);
  EXPECT_EQ((*block)[8 + 7], 0);
  EXPECT_EQ((*block)[8 + 8], 0);
  EXPECT_EQ((*block)[8 + 9], 11);
  // Multiplier one half: qm_mbqm(a) = floor((a * 2^30 + 2^30) / 2^31) =
  // floor((a + 1) / 2). The window for [-128, 127]: -257 is the first a with
  // floor((a + 1) / 2) >= -128, 254 the last with <= 127.
  EXPECT_EQ((*block)[8 + 1], -257);
  EXPECT_EQ((*block)[8 + 2], 254);
}

TEST(FcM0Lanes, NoBlockWhereItsConditionsFail) {
  Rng rng(7);
  Case c = random_case(rng);
  c.p.output_multiplier = 1 << 30;
  c.p.output_shift = -8;
  c.multipliers.clear();
  c.shifts.clear();
  ASSERT_TRUE(block_of(c));
  Case odd = c;  // odd depth
  odd.p.accum_depth -= 1;
  odd.filter.resize(static_cast<std::size_t>(odd.p.accum_depth * odd.p.output_depth));
  EXPECT_FALSE(block_of(odd));
  Case minus128 = c;  // a weight of -128 could overflow a lane
  minus128.filter[0] = -128;
  EXPECT_FALSE(block_of(minus128));
  Case filter_offset = c;
  filter_offset.p.filter_offset = 5;
  EXPECT_FALSE(block_of(filter_offset));
  Case left_shift = c;  // a multiplier above one
  left_shift.p.output_shift = 1;
  EXPECT_FALSE(block_of(left_shift));
}

}  // namespace
}  // namespace mcusim::test
