// tools/mcusim/run_inputs.hpp — input tensors for `mcusim run --input`: raw
// int8 bytes (one tensor per file), or a .npy holding one tensor or a batch of
// them (N x the input's shape): int8 as is, float32 quantized with the input
// tensor's scale and zero point as TFLite's QUANTIZE does (round half away
// from zero, clamp to int8). A folder gives every file in it, sorted by name.
#pragma once

#include "runtime/compiler/model.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace mcusim::cli {

// The largest input file read (raw or .npy), checked from its size before
// reading: 64 MiB holds thousands of inferences' inputs of the bundled
// workloads (the largest, visual wake words, takes 27 KiB per inference).
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{64} << 20;

// Throws mcusim::Error (BadInput) naming the file when it is larger than
// kMaxInputFileBytes, its size does not divide into whole input tensors, or
// it is a .npy of another type.
std::vector<std::vector<std::uint8_t>> read_input_tensors(const std::filesystem::path& path,
                                                          const compiler::Tensor& input);

}  // namespace mcusim::cli
