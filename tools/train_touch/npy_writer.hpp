// tools/train_touch/npy_writer.hpp — writes NumPy .npy files (format version
// 1.0: magic "\x93NUMPY", version bytes, a little-endian uint16 header length,
// then a Python dict literal with descr, fortran_order and shape, padded with
// spaces to a multiple of 64 bytes and ended by '\n'; NumPy's
// "numpy.lib.format" specification), for the two dtypes the workloads need.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace mcusim::train_touch {

void write_npy(const std::filesystem::path& path, std::span<const float> values,
               std::span<const int> shape);
void write_npy(const std::filesystem::path& path, std::span<const std::int32_t> values,
               std::span<const int> shape);

}  // namespace mcusim::train_touch
