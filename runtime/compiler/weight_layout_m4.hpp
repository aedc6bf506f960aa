// runtime/compiler/weight_layout_m4.hpp — the m4 variant block
// (mcusim_plan.h, MCUSIM_PLAN_BLOCK_M4_MATMUL): FULLY_CONNECTED and the 1x1
// CONV_2D as one matrix product whose weights are int16, doubled and
// interleaved four rows at a time, so the m4 kernel's inner loop is word
// loads and SMLAD only (runtime/kernels/m4/matmul_m4.h), and whose
// requantization is SMMULR, two adds and one shift per output.
//
// Why doubled weights: SMMULR(2a, m) = floor((2am + 2^31) / 2^32) =
// floor((am + 2^30) / 2^31), which is TFLite's rounding doubling high multiply
// of a and m (runtime/kernels/m4/requantize.h proves that form) whenever 2a
// fits in int32 — the writer proves it does for every input.
//
// std::nullopt where the block's conditions do not hold (a filter offset, a
// shift >= 0, a depth above MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH, an accumulator
// or a rounding sum that could leave int32, a conv that is not 1x1 / stride 1
// / unpadded / ungrouped): the m4 kernel then runs on the reference layout.
// Flash: the block holds 2 bytes per weight (depth padded to 16, rows to 4)
// plus 16 bytes per output channel, beside the int8 filter the plan keeps.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "runtime/kernels/kernels.h"

namespace mcusim::compiler {

// The block for `rows` outputs of `depth` inputs each: filter is
// [rows][depth], bias [rows] or empty, multipliers and shifts [rows].
std::optional<std::vector<std::int32_t>> m4_matmul_block(std::int32_t rows, std::int32_t depth,
                                                         std::span<const std::int8_t> filter,
                                                         std::span<const std::int32_t> bias,
                                                         std::int32_t input_offset, std::int32_t output_offset,
                                                         std::span<const std::int32_t> multipliers,
                                                         std::span<const std::int32_t> shifts);

// FULLY_CONNECTED: `multipliers` and `shifts` empty for per-tensor (p's
// output_multiplier and output_shift), else [output_depth]; p's pointers are
// ignored.
std::optional<std::vector<std::int32_t>> fc_m4_block(const fully_connected_s8_params& p,
                                                     std::span<const std::int8_t> filter,
                                                     std::span<const std::int32_t> bias,
                                                     std::span<const std::int32_t> multipliers,
                                                     std::span<const std::int32_t> shifts);

// True when a CONV_2D is the matrix product the block describes: a 1x1
// filter, stride 1, no padding, one group (so output pixel = input pixel).
bool conv_is_m4_matmul(const conv2d_s8_params& p);

// CONV_2D (conv_is_m4_matmul): multipliers and shifts [output_c].
std::optional<std::vector<std::int32_t>> conv_m4_block(const conv2d_s8_params& p,
                                                       std::span<const std::int8_t> filter,
                                                       std::span<const std::int32_t> bias,
                                                       std::span<const std::int32_t> multipliers,
                                                       std::span<const std::int32_t> shifts);

}  // namespace mcusim::compiler
