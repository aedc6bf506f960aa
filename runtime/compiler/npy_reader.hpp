// runtime/compiler/npy_reader.hpp — a strict reader for NumPy's .npy files,
// the format model specs keep their weights and calibration sets in.
//
// Debian has no C++ .npy library (apt-cache search npy / cnpy: none), so this
// is a small reader of the format as NumPy documents it (numpy.lib.format,
// "NEP 1"): the magic "\x93NUMPY", a version byte pair (1.0, 2.0 or 3.0), a
// little-endian header length (2 bytes in 1.0, 4 in 2.0 and 3.0), then an
// ASCII (3.0: UTF-8) Python dict literal with exactly 'descr', 'fortran_order'
// and 'shape', padded with spaces and ended by '\n'; the raw C-order data
// follows. Only what model specs need is accepted: dtypes '<f4' (float32),
// '|i1' / '<i1' (int8) and '<i4' (int32), fortran_order False, and exactly
// shape product x itemsize bytes after the header. Anything else is an
// mcusim::Error (BadInput) naming the file and saying how to write it instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::compiler {

enum class NpyType : std::uint8_t { Float32, Int8, Int32 };

// "float32", "int8", "int32"
std::string_view npy_type_name(NpyType type) noexcept;

struct NpyArray {
  NpyType type = NpyType::Float32;
  std::vector<std::int64_t> shape;  // empty for a 0-d array (one element)
  std::vector<std::uint8_t> data;   // little-endian, C order

  std::int64_t element_count() const noexcept;
  // The elements, converted; each requires the matching type (asserted).
  std::vector<float> floats() const;
  std::vector<std::int8_t> int8s() const;
  std::vector<std::int32_t> int32s() const;
};

// "(16, 8)" as NumPy prints a shape, for messages.
std::string npy_shape_text(std::span<const std::int64_t> shape);

// Parses the bytes of a .npy file; `source` names it in messages.
NpyArray parse_npy(std::span<const std::uint8_t> bytes, std::string_view source);

// Reads and parses a .npy file; a missing or unreadable file is BadInput too.
NpyArray read_npy(const std::filesystem::path& path);

}  // namespace mcusim::compiler
