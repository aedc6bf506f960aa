// fuzz/fuzz_model_spec.cpp — model spec TOML (runtime/compiler/model_spec_*.cpp)
// through load_model_spec: TOML syntax, keys, layer kinds, shapes through the
// network, the weight arrays (.npy) it names, quantization from the
// calibration set and build_model. The loader takes a path, so each input is
// written to one scratch file in /dev/shm; the touch workload's .npy files are
// linked beside it, so specs naming them (the seeds do) reach the weight
// checks and the quantizer. .npy bytes themselves are fuzz_npy's job.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/model_spec.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  for (const fs::directory_entry& entry : fs::directory_iterator(MCUSIM_FUZZ_SPEC_NPY_DIR)) {
    if (entry.path().extension() != ".npy") continue;
    const fs::path link = mcusim::fuzz::scratch_dir() / entry.path().filename();
    if (!fs::exists(link)) fs::create_symlink(entry.path(), link);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path spec = mcusim::fuzz::write_scratch("model.toml", mcusim::fuzz::bytes_of(data, size));
  mcusim::fuzz::expect_only_mcusim_errors([&] { (void)mcusim::compiler::load_model_spec(spec); });
  return 0;
}
