// tools/make_goldens/goldens.hpp — a workload's golden outputs: its model
// spec compiled to int8, its inputs.npy fed row by row to the host build of
// the runtime (runtime/compiler/host_interpreter), the int8 output tensors
// collected. `mcusim run --workload W` must give the same bytes on every
// target and variant (tests/tools/workloads_test.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/npy_reader.hpp"

namespace mcusim::goldens {

// The model's int8 input tensors from a .npy: int8 rows as they are, float32
// rows quantized with the input's scale and zero point as `mcusim run` does
// (TFLite's AffineQuantize: round half away from zero, clamp to int8).
std::vector<std::vector<std::int8_t>> input_rows(const compiler::NpyArray& inputs, const compiler::Tensor& input,
                                                 const std::filesystem::path& source);

// The int8 outputs of the host interpreter, one row per input.
std::vector<std::vector<std::int8_t>> host_outputs(const compiler::Model& model,
                                                   const std::vector<std::vector<std::int8_t>>& inputs);

// Writes int8 rows as a .npy of shape (rows, ...row_shape) (format 1.0).
void write_int8_npy(const std::filesystem::path& path, const std::vector<std::vector<std::int8_t>>& rows,
                    const std::vector<std::int32_t>& row_shape);

}  // namespace mcusim::goldens
