// fuzz/fuzz_model_spec.cpp — model spec TOML (runtime/compiler/model_spec_*.cpp)
// through load_model_spec: TOML syntax, keys, layer kinds, shapes through the
// network, the weight arrays (.npy) it names, quantization from the
// calibration set and build_model. The loader takes a path, so each input is
// written to one scratch file in /dev/shm; the touch workload's .npy files are
// linked beside it, so specs naming them (the seeds do) reach the weight
// checks and the quantizer. Its calibration set is cut to its first samples:
// the 300 of the workload made every input that reaches the quantizer cost
// 3 ms (330 inputs a second), and the fuzzing is in the parsing, not in
// repeating one forward pass. .npy bytes themselves are fuzz_npy's job.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/npy_reader.hpp"

namespace {

constexpr std::int64_t kCalibrationSamples = 4;

// The first kCalibrationSamples rows of a float32 [samples, ...] .npy, as a
// .npy (format 1.0, numpy.lib.format's layout).
void write_first_samples(const std::filesystem::path& from, const std::filesystem::path& to) {
  const mcusim::compiler::NpyArray all = mcusim::compiler::read_npy(from);
  std::vector<std::int64_t> shape = all.shape;
  std::size_t row_bytes = all.data.size() / static_cast<std::size_t>(shape[0]);
  shape[0] = std::min(shape[0], kCalibrationSamples);
  std::string dims;
  for (std::int64_t d : shape) dims += std::to_string(d) + ", ";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  out.write("\x93NUMPY\x01\x00", 8);
  const char length[2] = {static_cast<char>(header.size() & 0xFF), static_cast<char>(header.size() >> 8)};
  out.write(length, 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(reinterpret_cast<const char*>(all.data.data()),
            static_cast<std::streamsize>(row_bytes * static_cast<std::size_t>(shape[0])));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  for (const fs::directory_entry& entry : fs::directory_iterator(MCUSIM_FUZZ_SPEC_NPY_DIR)) {
    if (entry.path().extension() != ".npy") continue;
    const fs::path link = mcusim::fuzz::scratch_dir() / entry.path().filename();
    if (entry.path().filename() == "calibration.npy") {
      write_first_samples(entry.path(), link);
    } else if (!fs::exists(link)) {
      fs::create_symlink(entry.path(), link);
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path spec = mcusim::fuzz::write_scratch("model.toml", mcusim::fuzz::bytes_of(data, size));
  mcusim::fuzz::expect_only_mcusim_errors([&] { (void)mcusim::compiler::load_model_spec(spec); });
  return 0;
}
