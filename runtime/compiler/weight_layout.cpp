// runtime/compiler/weight_layout.cpp — see weight_layout.hpp.
#include "runtime/compiler/weight_layout.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/quant_math.h"

namespace mcusim::compiler {
namespace {

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

// The reference output before the clamp (fully_connected_s8.c).
std::int64_t requantized(std::int64_t acc, std::int32_t multiplier, int shift, std::int32_t output_offset) {
  return static_cast<std::int64_t>(qm_mbqm(static_cast<std::int32_t>(acc), multiplier, shift)) + output_offset;
}

// The smallest acc in [from, to] whose requantized output is >= target, or
// to + 1 when none is: requantized() does not decrease as acc grows (m >= 0).
std::int64_t first_reaching(std::int64_t from, std::int64_t to, std::int64_t target, std::int32_t multiplier,
                            int shift, std::int32_t output_offset) {
  std::int64_t lo = from, hi = to + 1;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (requantized(mid, multiplier, shift, output_offset) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// The bound of |T2 + 1024| for |a| <= limit (mcusim_plan.h's form), each
// step rounded away from zero: below 2^31 means no intermediate overflows.
bool fits_32_bits(std::int64_t limit, std::int64_t m0, std::int64_t m1, std::int64_t m2) {
  const std::int64_t t0 = limit * m0;
  const std::int64_t t1 = limit * m1 + (t0 >> 10) + 1;
  const std::int64_t t2 = limit * m2 + (t1 >> 10) + 1;
  return t0 <= kInt32Max && t1 <= kInt32Max && t2 + 1024 <= kInt32Max;
}

// The last step of mcusim_plan.h's form: TFLite's rounding divide by 2^e of
// x = floor(u / 2^11) (u = T2 + 1024), plus the output offset, as one floor
// division of u. For e >= 1 the rounding divide is floor((x + 2^(e-1) -
// [x < 0]) / 2^e) (a tie rounds away from zero), and floor(floor(u / 2^11) +
// c) / 2^e) = floor((u + c * 2^11) / 2^(11+e)) for an integer c; x < 0
// exactly when u < 0. Empty when s would exceed 31 or a sum leave int32 for
// an accumulator in [win_lo, win_hi] (T2 rises with a: m >= 0).
struct OutputDivision {
  std::int32_t f = 0, k = 0, s = 11;
};
std::optional<OutputDivision> output_division(int e, std::int32_t output_offset, std::int64_t win_lo,
                                              std::int64_t win_hi, std::int64_t m) {
  if (e < 0 || 11 + e > 31) return std::nullopt;
  const std::int64_t s = 11 + e;
  const std::int64_t f = e >= 1 ? -2048 : 0;
  const std::int64_t k = (e >= 1 ? (std::int64_t{1} << (e + 10)) : 0) + std::int64_t{output_offset} * (std::int64_t{1} << s);
  auto floor_div = [](std::int64_t n, std::int64_t d) { return n / d - ((n % d != 0) && ((n < 0) != (d < 0))); };
  const std::int64_t u_lo = floor_div(win_lo * m, std::int64_t{1} << 20) + 1024;
  const std::int64_t u_hi = floor_div(win_hi * m, std::int64_t{1} << 20) + 1024;
  for (const std::int64_t u : {u_lo, u_hi}) {
    const std::int64_t with_f = u + (u < 0 ? f : 0);
    if (u < kInt32Min || u > kInt32Max || with_f < kInt32Min || with_f + k < kInt32Min || with_f + k > kInt32Max) {
      return std::nullopt;
    }
  }
  if (k < kInt32Min || k > kInt32Max) return std::nullopt;
  return OutputDivision{static_cast<std::int32_t>(f), static_cast<std::int32_t>(k), static_cast<std::int32_t>(s)};
}

}  // namespace

std::optional<std::vector<std::int32_t>> fc_m0_lanes_block(const fully_connected_s8_params& p,
                                                           std::span<const std::int8_t> filter,
                                                           std::span<const std::int32_t> bias,
                                                           std::span<const std::int32_t> multipliers,
                                                           std::span<const std::int32_t> shifts) {
  const std::int64_t depth = p.accum_depth;
  const std::int64_t rows = p.output_depth;
  if (p.filter_offset != 0 || depth < 2 || depth % 2 != 0 || rows < 1) return std::nullopt;
  if (static_cast<std::int64_t>(filter.size()) != depth * rows) return std::nullopt;
  if (std::ranges::any_of(filter, [](std::int8_t w) { return w == -128; })) return std::nullopt;
  const std::int64_t quads = (rows + 3) / 4;
  const std::int64_t pairs = depth / 2;
  auto w = [&](std::int64_t row, std::int64_t i) -> std::int32_t {
    return row < rows ? filter[static_cast<std::size_t>(row * depth + i)] : 0;
  };

  const std::int64_t dense_words = MCUSIM_PLAN_FC_M0_LANES_HEADER + quads * pairs * 4 +
                                   quads * 4 * MCUSIM_PLAN_FC_M0_LANES_CHANNEL;
  if (dense_words > (1 << 26)) return std::nullopt;
  auto zero_step = [&](std::int64_t q, std::int64_t j) {
    for (std::int64_t r = 4 * q; r < 4 * q + 4; ++r) {
      if (w(r, 2 * j) != 0 || w(r, 2 * j + 1) != 0) return false;
    }
    return true;
  };
  std::int64_t zero_steps = 0;
  for (std::int64_t q = 0; q < quads; ++q) {
    for (std::int64_t j = 0; j < pairs; ++j) zero_steps += zero_step(q, j) ? 1 : 0;
  }
  // A sparse step costs the kernel about 4 cycles more than a dense one
  // (its offset word and a compare per step: fc_lanes_thumb.h), so the
  // sparse layout pays once a quarter of the steps can be skipped.
  const bool sparse = 4 * zero_steps >= quads * pairs;

  std::vector<std::int32_t> block;
  block.reserve(static_cast<std::size_t>(dense_words + quads * (1 + pairs)));
  block.push_back(static_cast<std::int32_t>(sparse ? MCUSIM_PLAN_BLOCK_FC_M0_SPARSE : MCUSIM_PLAN_BLOCK_FC_M0_LANES));
  block.push_back(0);  // the size, once known
  block.push_back(static_cast<std::int32_t>(quads));
  block.push_back(static_cast<std::int32_t>(pairs));
  if (sparse) block.push_back(0);  // where the channels start, once known
  auto push_pair = [&](std::int64_t row, std::int64_t j) {
    for (const std::int64_t i : {2 * j, 2 * j + 1}) {
      block.push_back(static_cast<std::int32_t>(w(row, i) + 65536 * w(row + 1, i)));
    }
  };
  for (std::int64_t q = 0; q < quads; ++q) {
    const std::size_t count_at = block.size();
    if (sparse) block.push_back(0);
    for (std::int64_t j = 0; j < pairs; ++j) {
      if (sparse && zero_step(q, j)) continue;
      push_pair(4 * q, j);
      if (sparse) {
        block.push_back(static_cast<std::int32_t>(2 * j));
        ++block[count_at];
      }
      push_pair(4 * q + 2, j);
    }
  }
  if (sparse) block[4] = static_cast<std::int32_t>(block.size());

  for (std::int64_t row = 0; row < quads * 4; ++row) {
    if (row >= rows) {  // padding rows: computed, never stored
      block.insert(block.end(), {0, 0, 0, 0, 0, 0, 1024, 0, 0, 11});
      continue;
    }
    const std::size_t o = static_cast<std::size_t>(row);
    const std::int32_t multiplier = multipliers.empty() ? p.output_multiplier : multipliers[o];
    const int shift = static_cast<int>(shifts.empty() ? p.output_shift : shifts[o]);
    if (shift > 0 || multiplier < 0) return std::nullopt;
    // The accumulator the device sums (x without its offset) plus the folded
    // constant, over every input x in [-128, 127].
    std::int64_t folded = bias.empty() ? 0 : bias[o];
    std::int64_t reach_lo = 0, reach_hi = 0;
    for (std::int64_t i = 0; i < depth; ++i) {
      const std::int64_t wi = w(row, i);
      folded += static_cast<std::int64_t>(p.input_offset) * wi;
      reach_lo += std::min(wi * -128, wi * 127);
      reach_hi += std::max(wi * -128, wi * 127);
    }
    reach_lo += folded;
    reach_hi += folded;
    if (folded < kInt32Min || folded > kInt32Max || reach_lo < kInt32Min || reach_hi > kInt32Max) {
      return std::nullopt;  // the reference would wrap: keep its arithmetic
    }
    // The window over all of int32, then inside what is reachable.
    const std::int64_t lo = first_reaching(kInt32Min, kInt32Max, p.act_min, multiplier, shift, p.output_offset);
    const std::int64_t hi =
        first_reaching(kInt32Min, kInt32Max, std::int64_t{p.act_max} + 1, multiplier, shift, p.output_offset) - 1;
    if (lo > kInt32Max || hi < kInt32Min || lo > hi) return std::nullopt;  // no accumulator reaches the clamp
    std::int64_t win_lo = std::max(lo, reach_lo), win_hi = std::min(hi, reach_hi);
    if (win_lo > win_hi) win_lo = win_hi = reach_hi < lo ? lo : hi;  // every reachable output clamps alike
    const std::int64_t m = multiplier;
    const std::int64_t m0 = m & 1023, m1 = (m >> 10) & 1023, m2 = m >> 20;
    if (!fits_32_bits(std::max(std::abs(win_lo), std::abs(win_hi)), m0, m1, m2)) return std::nullopt;
    const auto division = output_division(-shift, p.output_offset, win_lo, win_hi, m);
    if (!division) return std::nullopt;
    block.insert(block.end(), {static_cast<std::int32_t>(folded), static_cast<std::int32_t>(win_lo),
                               static_cast<std::int32_t>(win_hi), static_cast<std::int32_t>(m0),
                               static_cast<std::int32_t>(m1), static_cast<std::int32_t>(m2), 1024, division->f,
                               division->k, division->s});
  }
  block[1] = static_cast<std::int32_t>(block.size());
  return block;
}

}  // namespace mcusim::compiler
