// fuzz/fuzz_input_tensor.cpp — input tensor files for `mcusim run --input`
// (tools/mcusim/run_inputs.cpp): raw int8 bytes, a .npy (int8, or float32
// quantized with the input's scale), or a folder of them. The first byte of
// each input picks the form and the model input it is read for (shape and
// quantization, including a float32 input without quantization); the rest is
// the file. The reader takes a path, so the file is written to /dev/shm.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/model.hpp"
#include "tools/mcusim/run_inputs.hpp"

namespace {

mcusim::compiler::Tensor model_input(std::uint8_t choice) {
  mcusim::compiler::Tensor input;
  input.name = "input";
  input.type = (choice & 0x40) != 0 ? mcusim::compiler::ElementType::Float32 : mcusim::compiler::ElementType::Int8;
  input.type_name = input.type == mcusim::compiler::ElementType::Int8 ? "INT8" : "FLOAT32";
  input.shape = {1, 1 + (choice & 0x0f)};
  if ((choice & 0x80) == 0) {
    input.quantization = mcusim::compiler::Quantization{{(choice & 0x20) != 0 ? 0.0f : 0.05f}, {3}, 0};
  }
  return input;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  if (size == 0) return 0;
  const std::uint8_t choice = data[0];
  const auto file = mcusim::fuzz::bytes_of(data + 1, size - 1);
  const mcusim::compiler::Tensor input = model_input(choice);
  const bool npy = (choice & 0x10) != 0;
  fs::path path = mcusim::fuzz::write_scratch(npy ? "input.npy" : "input.bin", file);
  if ((choice & 0x0f) == 0x0f) {  // a folder holding the one file
    const fs::path folder = mcusim::fuzz::scratch_dir() / "inputs";
    fs::create_directories(folder);
    fs::rename(path, folder / path.filename());
    path = folder;
  }
  mcusim::fuzz::expect_only_mcusim_errors([&] { (void)mcusim::cli::read_input_tensors(path, input); });
  if (path.filename() == "inputs") fs::remove_all(path);
  return 0;
}
