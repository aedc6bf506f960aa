// tools/train_touch/npy_writer.cpp — see npy_writer.hpp.
#include "tools/train_touch/npy_writer.hpp"

#include <bit>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace mcusim::train_touch {
namespace {

static_assert(std::endian::native == std::endian::little, "the .npy files are written little-endian");

std::string header_for(const char* descr, std::span<const int> shape) {
  // Python tuple syntax: "(3,)" for one dimension, "(16, 36)" for more.
  std::string dims;
  for (std::size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) dims += ",";
  std::string dict = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" +
                     dims + "), }";
  const std::size_t preamble = 10;  // magic (6) + version (2) + header length (2)
  std::size_t total = preamble + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';
  return dict;
}

void write_file(const std::filesystem::path& path, const char* descr, const void* data,
                std::size_t bytes, std::span<const int> shape) {
  const std::string header = header_for(descr, shape);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  const char magic[] = {'\x93', 'N', 'U', 'M', 'P', 'Y', 1, 0};
  out.write(magic, sizeof magic);
  const auto length = static_cast<std::uint16_t>(header.size());
  const char length_bytes[] = {static_cast<char>(length & 0xFF), static_cast<char>(length >> 8)};
  out.write(length_bytes, 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void write_npy(const std::filesystem::path& path, std::span<const float> values,
               std::span<const int> shape) {
  write_file(path, "<f4", values.data(), values.size_bytes(), shape);
}

void write_npy(const std::filesystem::path& path, std::span<const std::int32_t> values,
               std::span<const int> shape) {
  write_file(path, "<i4", values.data(), values.size_bytes(), shape);
}

}  // namespace mcusim::train_touch
