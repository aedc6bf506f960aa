// tools/make_goldens/goldens.cpp — see goldens.hpp.
#include "tools/make_goldens/goldens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "runtime/compiler/host_interpreter.hpp"
#include "sim/error.hpp"

namespace mcusim::goldens {

std::vector<std::vector<std::int8_t>> input_rows(const compiler::NpyArray& inputs, const compiler::Tensor& input,
                                                 const std::filesystem::path& source) {
  const auto per_row = static_cast<std::int64_t>(input.byte_size());
  if (per_row == 0 || inputs.element_count() == 0 || inputs.element_count() % per_row != 0) {
    throw_bad_input("give inputs.npy the shape (N, ...input shape)", "{}: {} values are not whole input tensors of {}",
                    source.string(), inputs.element_count(), per_row);
  }
  std::vector<std::int8_t> values;
  if (inputs.type == compiler::NpyType::Int8) {
    values = inputs.int8s();
  } else if (inputs.type == compiler::NpyType::Float32) {
    for (float v : inputs.floats()) {
      // tools/mcusim/run_inputs.cpp's quantize(): the same float arithmetic.
      const float scaled = std::round(v / input.scale());
      values.push_back(static_cast<std::int8_t>(std::clamp(scaled + static_cast<float>(input.zero_point()), -128.0f, 127.0f)));
    }
  } else {
    throw_bad_input("write the inputs as int8 or float32", "{} holds {}", source.string(), npy_type_name(inputs.type));
  }
  std::vector<std::vector<std::int8_t>> rows;
  for (std::size_t at = 0; at < values.size(); at += static_cast<std::size_t>(per_row)) {
    rows.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(at),
                      values.begin() + static_cast<std::ptrdiff_t>(at) + per_row);
  }
  return rows;
}

std::vector<std::vector<std::int8_t>> host_outputs(const compiler::Model& model,
                                                   const std::vector<std::vector<std::int8_t>>& inputs) {
  compiler::HostInterpreter interpreter(model);
  std::vector<std::vector<std::int8_t>> outputs;
  for (const auto& row : inputs) {
    interpreter.set_input(0, std::span(reinterpret_cast<const std::uint8_t*>(row.data()), row.size()));
    interpreter.invoke();
    const auto out = interpreter.output(0);
    outputs.emplace_back(reinterpret_cast<const std::int8_t*>(out.data()),
                         reinterpret_cast<const std::int8_t*>(out.data()) + out.size());
  }
  return outputs;
}

void write_int8_npy(const std::filesystem::path& path, const std::vector<std::vector<std::int8_t>>& rows,
                    const std::vector<std::int32_t>& row_shape) {
  std::string shape = fmt::format("{}, ", rows.size());
  for (std::size_t i = 0; i < row_shape.size(); ++i) shape += fmt::format("{}{}", row_shape[i], i + 1 < row_shape.size() ? ", " : "");
  // NumPy's format 1.0: magic, version, uint16 header length, the dict
  // padded with spaces so that magic + header ends on a multiple of 64, '\n'.
  std::string header = fmt::format("{{'descr': '|i1', 'fortran_order': False, 'shape': ({}), }}", shape);
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("check that the folder exists and is writable", "cannot write {}", path.string());
  out.write("\x93NUMPY\x01\x00", 8);
  const char length[2] = {static_cast<char>(header.size() & 0xFF), static_cast<char>(header.size() >> 8)};
  out.write(length, 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  for (const auto& row : rows) out.write(reinterpret_cast<const char*>(row.data()), static_cast<std::streamsize>(row.size()));
}

}  // namespace mcusim::goldens
