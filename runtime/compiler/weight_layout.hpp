// runtime/compiler/weight_layout.hpp — variant blocks (mcusim_plan.h): the
// weights and constants of one operator rearranged for one kernel variant,
// computed by the plan writer when it is told the variant.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "runtime/kernels/kernels.h"

namespace mcusim::compiler {

// The m0 FULLY_CONNECTED block (MCUSIM_PLAN_BLOCK_FC_M0_LANES): weights of
// two rows packed into one word per input, so that one MULS makes two MACs
// (the 16-bit lanes of two inputs' products cannot carry into each other:
// |w * x| <= 127 * 128, two of them < 2^15), the input offset folded into
// the bias, and each channel's requantization as a window [lo, hi] of
// accumulators plus a 32-bit form of TFLite's rounding doubling high multiply
// that is exact inside it (mcusim_plan.h gives the formula; the window makes
// the output clamp unnecessary because the requantization, with a multiplier
// below one, rises by at most 1 per accumulator step).
//
// std::nullopt where the block's conditions do not hold (filter offset, odd
// depth, a weight of -128, a positive shift, an accumulator range too wide
// for the 32-bit form): the m0 kernel then runs on the reference layout.
// `p`'s per-channel pointers are ignored: `multipliers` and `shifts` (empty
// for per-tensor) are used instead. `bias` is empty for no bias.
std::optional<std::vector<std::int32_t>> fc_m0_lanes_block(const fully_connected_s8_params& p,
                                                           std::span<const std::int8_t> filter,
                                                           std::span<const std::int32_t> bias,
                                                           std::span<const std::int32_t> multipliers,
                                                           std::span<const std::int32_t> shifts);

}  // namespace mcusim::compiler
