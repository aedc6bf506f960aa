// tools/mcusim/run_inputs.cpp — see run_inputs.hpp.
#include "tools/mcusim/run_inputs.hpp"

#include "runtime/compiler/npy_reader.hpp"
#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::vector<std::uint8_t>> split(const std::vector<std::uint8_t>& bytes, std::size_t tensor_bytes,
                                             const fs::path& path) {
  if (tensor_bytes == 0 || bytes.empty() || bytes.size() % tensor_bytes != 0) {
    throw_bad_input(fmt::format("give {} bytes (one int8 input tensor) per input, or a .npy of shape (N, ...)",
                                tensor_bytes),
                    "input file {} has {} bytes, not a whole number of {}-byte input tensors", path.string(),
                    bytes.size(), tensor_bytes);
  }
  std::vector<std::vector<std::uint8_t>> tensors;
  for (std::size_t at = 0; at < bytes.size(); at += tensor_bytes) {
    tensors.emplace_back(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                         bytes.begin() + static_cast<std::ptrdiff_t>(at + tensor_bytes));
  }
  return tensors;
}

// TFLite's AffineQuantize: q = round(x / scale) + zero_point, rounded half
// away from zero, clamped to int8.
std::uint8_t quantize(float value, float scale, std::int32_t zero_point) {
  const float scaled = std::round(value / scale);
  const float q = std::clamp(scaled + static_cast<float>(zero_point), -128.0f, 127.0f);
  return static_cast<std::uint8_t>(static_cast<std::int8_t>(q));
}

// Refused from its size alone, before a byte is read: a file far larger than
// the tensors a run can use would only cost memory (docs/robustness.md).
void check_input_size(const fs::path& path, std::size_t tensor_bytes) {
  std::error_code error;
  const std::uintmax_t bytes = fs::file_size(path, error);
  if (error) throw_bad_input("check the path", "cannot read input file {}: {}", path.string(), error.message());
  if (bytes > kMaxInputFileBytes) {
    throw_bad_input(fmt::format("give at most {} MiB per input file: the tensors the run uses, one {}-byte tensor "
                                "per inference (--inferences)",
                                kMaxInputFileBytes >> 20, tensor_bytes),
                    "input file {} has {} bytes, more than the {} MiB mcusim reads from one input file",
                    path.string(), bytes, kMaxInputFileBytes >> 20);
  }
}

std::vector<std::vector<std::uint8_t>> read_one(const fs::path& path, const compiler::Tensor& input) {
  const std::size_t tensor_bytes = input.byte_size();
  check_input_size(path, tensor_bytes);
  if (path.extension() == ".npy") {
    const compiler::NpyArray array = compiler::read_npy(path);
    if (array.type == compiler::NpyType::Int8) return split(array.data, tensor_bytes, path);
    if (array.type == compiler::NpyType::Float32 && input.type == compiler::ElementType::Int8) {
      if (input.scale() <= 0) {
        throw_bad_input("give the input as int8 instead", "{}: the model's input has no quantization to apply",
                        path.string());
      }
      std::vector<std::uint8_t> bytes;
      const std::vector<float> values = array.floats();
      for (std::size_t i = 0; i < values.size(); ++i) {
        // NaN has no int8 value (converting it is undefined; found by
        // fuzz/fuzz_input_tensor.cpp); +-inf clamps to the int8 range as TFLite's.
        if (std::isnan(values[i])) {
          throw_bad_input("give finite float32 values (or the input as int8)", "input file {}: element {} is NaN",
                          path.string(), i);
        }
        bytes.push_back(quantize(values[i], input.scale(), input.zero_point()));
      }
      return split(bytes, tensor_bytes, path);
    }
    throw_bad_input("write the input as int8 (|i1) or float32 (<f4)", "input file {} holds {}, not int8 or float32",
                    path.string(), compiler::npy_type_name(array.type));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_bad_input("check the path", "cannot read input file {}", path.string());
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return split(bytes, tensor_bytes, path);
}

}  // namespace

std::vector<std::vector<std::uint8_t>> read_input_tensors(const fs::path& path, const compiler::Tensor& input) {
  if (!fs::is_directory(path)) return read_one(path, input);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(path)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::ranges::sort(files);
  if (files.empty()) throw_bad_input("put one input file per tensor in it", "input folder {} is empty", path.string());
  std::vector<std::vector<std::uint8_t>> tensors;
  for (const fs::path& file : files) {
    for (auto& tensor : read_one(file, input)) tensors.push_back(std::move(tensor));
  }
  return tensors;
}

}  // namespace mcusim::cli
