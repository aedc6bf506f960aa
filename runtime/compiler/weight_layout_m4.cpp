// runtime/compiler/weight_layout_m4.cpp — see weight_layout_m4.hpp; the block
// layout and the output formula are in mcusim_plan.h.
#include "runtime/compiler/weight_layout_m4.hpp"

#include <algorithm>
#include <limits>

#include "runtime/include/mcusim_plan.h"

namespace mcusim::compiler {
namespace {

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

bool fits_int32(std::int64_t v) { return v >= kInt32Min && v <= kInt32Max; }

// floor(n / 2^s) for any sign (C++20: >> of a negative value is arithmetic).
std::int64_t floor_shift(std::int64_t n, int s) { return n >> s; }

// SMMULR(a, m): the high word of a * m + 2^31 (DDI 0403E §A7.7 "SMMUL").
std::int64_t smmulr(std::int64_t a, std::int64_t m) { return floor_shift(a * m + (std::int64_t{1} << 31), 32); }

// Two int16 lanes in one word, a in the low half.
std::int32_t lanes(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>((static_cast<std::uint32_t>(a) & 0xFFFFu) | (static_cast<std::uint32_t>(b) << 16));
}

}  // namespace

std::optional<std::vector<std::int32_t>> m4_matmul_block(std::int32_t rows, std::int32_t depth,
                                                         std::span<const std::int8_t> filter,
                                                         std::span<const std::int32_t> bias,
                                                         std::int32_t input_offset, std::int32_t output_offset,
                                                         std::span<const std::int32_t> multipliers,
                                                         std::span<const std::int32_t> shifts) {
  if (rows < 1 || depth < 1 || depth > MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH) return std::nullopt;
  const auto n_rows = static_cast<std::size_t>(rows);
  if (filter.size() != n_rows * static_cast<std::size_t>(depth) || multipliers.size() != n_rows ||
      shifts.size() != n_rows || (!bias.empty() && bias.size() != n_rows)) {
    return std::nullopt;
  }
  const std::int64_t row_quads = (std::int64_t{rows} + 3) / 4;
  const std::int64_t depth_quads = 4 * ((std::int64_t{depth} + 15) / 16);
  const std::int64_t words = MCUSIM_PLAN_M4_MATMUL_HEADER + row_quads * depth_quads * 8 +
                             row_quads * 4 * MCUSIM_PLAN_M4_MATMUL_CHANNEL;
  if (words > (1 << 26)) return std::nullopt;
  auto w = [&](std::int64_t row, std::int64_t i) -> std::int32_t {
    return row < rows && i < depth ? filter[static_cast<std::size_t>(row * depth + i)] : 0;
  };

  std::vector<std::int32_t> block;
  block.reserve(static_cast<std::size_t>(words));
  block.push_back(static_cast<std::int32_t>(MCUSIM_PLAN_BLOCK_M4_MATMUL));
  block.push_back(static_cast<std::int32_t>(words));
  block.push_back(static_cast<std::int32_t>(row_quads));
  block.push_back(static_cast<std::int32_t>(depth_quads));
  for (std::int64_t r = 0; r < row_quads * 4; r += 4) {
    for (std::int64_t q = 0; q < depth_quads; ++q) {
      for (const std::int64_t odd : {0, 1}) {
        for (std::int64_t row = r; row < r + 4; ++row) {
          block.push_back(lanes(2 * w(row, 4 * q + odd), 2 * w(row, 4 * q + 2 + odd)));
        }
      }
    }
  }

  for (std::int64_t row = 0; row < row_quads * 4; ++row) {
    if (row >= rows) {  // padding rows: computed, never stored
      block.insert(block.end(), {0, 0, 0, 1});
      continue;
    }
    const auto o = static_cast<std::size_t>(row);
    const std::int64_t m = multipliers[o];
    const std::int64_t e = -std::int64_t{shifts[o]};
    if (m < 0 || e < 1 || e > 31) return std::nullopt;
    // TFLite's accumulator, sum_i w (x + input_offset) + bias, over every
    // input x in [-128, 127]: the block's a is twice it and must fit int32.
    std::int64_t folded = bias.empty() ? 0 : bias[o];
    std::int64_t reach_lo = 0, reach_hi = 0;
    for (std::int64_t i = 0; i < depth; ++i) {
      const std::int64_t wi = w(row, i);
      folded += std::int64_t{input_offset} * wi;
      reach_lo += std::min(wi * -128, wi * 127);
      reach_hi += std::max(wi * -128, wi * 127);
    }
    reach_lo += folded;
    reach_hi += folded;
    if (!fits_int32(2 * reach_lo) || !fits_int32(2 * reach_hi)) return std::nullopt;
    // v rises with a (m >= 0): its extremes are at the accumulator's, and the
    // sum before the final shift must fit for both.
    const std::int64_t k = (std::int64_t{1} << (e - 1)) + std::int64_t{output_offset} * (std::int64_t{1} << e);
    const std::int64_t v_lo = smmulr(2 * reach_lo, m), v_hi = smmulr(2 * reach_hi, m);
    if (!fits_int32(k) || !fits_int32(v_lo - 1 + k) || !fits_int32(v_hi + k)) return std::nullopt;
    block.insert(block.end(), {static_cast<std::int32_t>(2 * folded), static_cast<std::int32_t>(m),
                               static_cast<std::int32_t>(k), static_cast<std::int32_t>(e)});
  }
  return block;
}

std::optional<std::vector<std::int32_t>> fc_m4_block(const fully_connected_s8_params& p,
                                                     std::span<const std::int8_t> filter,
                                                     std::span<const std::int32_t> bias,
                                                     std::span<const std::int32_t> multipliers,
                                                     std::span<const std::int32_t> shifts) {
  if (p.filter_offset != 0 || p.output_depth < 1) return std::nullopt;
  std::vector<std::int32_t> m(multipliers.begin(), multipliers.end());
  std::vector<std::int32_t> s(shifts.begin(), shifts.end());
  if (m.empty() && s.empty()) {  // per tensor
    m.assign(static_cast<std::size_t>(p.output_depth), p.output_multiplier);
    s.assign(m.size(), p.output_shift);
  }
  return m4_matmul_block(p.output_depth, p.accum_depth, filter, bias, p.input_offset, p.output_offset, m, s);
}

bool conv_is_m4_matmul(const conv2d_s8_params& p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_top == 0 &&
         p.pad_left == 0 && p.filter_c == p.input_c && p.output_h == p.input_h && p.output_w == p.input_w;
}

std::optional<std::vector<std::int32_t>> conv_m4_block(const conv2d_s8_params& p,
                                                       std::span<const std::int8_t> filter,
                                                       std::span<const std::int32_t> bias,
                                                       std::span<const std::int32_t> multipliers,
                                                       std::span<const std::int32_t> shifts) {
  if (!conv_is_m4_matmul(p)) return std::nullopt;
  return m4_matmul_block(p.output_c, p.input_c, filter, bias, p.input_offset, p.output_offset, multipliers,
                         shifts);
}

}  // namespace mcusim::compiler
