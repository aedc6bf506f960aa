// tools/make_goldens — writes workloads/<name>/golden.npy for every bundled
// workload: the int8 outputs of the host build of the runtime
// (runtime/compiler/host_interpreter) on the workload's inputs.npy, one row
// per input, shape (N, ...output shape without its batch of 1). Deterministic:
// the model spec is compiled as `mcusim run` compiles it and the host kernels
// are integer-only, so the same sources give the same bytes on every machine.
//
//   make_goldens workloads            # every folder with model.toml + inputs.npy
//   make_goldens workloads/touch      # one workload
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "runtime/compiler/model_spec.hpp"
#include "sim/error.hpp"
#include "tools/make_goldens/goldens.hpp"

namespace {

namespace fs = std::filesystem;
using namespace mcusim;

void make_golden(const fs::path& dir) {
  const compiler::Model model = compiler::load_model_spec(dir / "model.toml");
  const compiler::Tensor& input = model.tensors.at(static_cast<std::size_t>(model.inputs.at(0)));
  const compiler::Tensor& output = model.tensors.at(static_cast<std::size_t>(model.outputs.at(0)));
  const auto rows = goldens::input_rows(compiler::read_npy(dir / "inputs.npy"), input, dir / "inputs.npy");
  const auto outputs = goldens::host_outputs(model, rows);
  std::vector<std::int32_t> row_shape = output.shape;
  if (row_shape.size() > 1 && row_shape.front() == 1) row_shape.erase(row_shape.begin());
  goldens::write_int8_npy(dir / "golden.npy", outputs, row_shape);
  fmt::print("{}: {} inputs -> golden.npy ({} bytes per output)\n", dir.string(), rows.size(), output.byte_size());
}

bool is_workload(const fs::path& dir) { return fs::is_regular_file(dir / "model.toml") && fs::is_regular_file(dir / "inputs.npy"); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_goldens WORKLOADS_DIR | WORKLOAD_DIR...\n");
    return 2;
  }
  try {
    for (int i = 1; i < argc; ++i) {
      const fs::path path = argv[i];
      if (is_workload(path)) {
        make_golden(path);
        continue;
      }
      std::vector<fs::path> dirs;
      if (fs::is_directory(path)) {
        for (const auto& entry : fs::directory_iterator(path)) {
          if (entry.is_directory() && is_workload(entry.path())) dirs.push_back(entry.path());
        }
      }
      if (dirs.empty()) {
        std::fprintf(stderr, "make_goldens: %s holds no model.toml + inputs.npy, nor folders that do\n", argv[i]);
        return 2;
      }
      std::sort(dirs.begin(), dirs.end());
      for (const fs::path& dir : dirs) make_golden(dir);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "make_goldens: error: %s\n  %s\n", e.what(), e.advice().c_str());
    return 2;
  }
  return 0;
}
