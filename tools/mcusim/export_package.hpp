// tools/mcusim/export_package.hpp — what `mcusim export` writes: the runtime
// sources the measured firmware compiled, the plan as a C array, a
// two-function API on the engine, a README with the measured facts, and a
// Makefile fragment and CMake snippet. Pure: the files come back as text and
// export_command.cpp writes them (whole or not at all).
//
//   DIR/mcusim_model.h        init(arena) / invoke(input, output), sizes, quantization
//   DIR/mcusim_model.c        the two functions on runtime/include/mcusim_engine.h
//   DIR/mcusim_model_plan.c   const uint8_t mcusim_model_plan[] (aligned 16)
//   DIR/runtime/...           engine, the variant's kernels, their headers, EABI helpers
//   DIR/mcusim_model.mk       MCUSIM_MODEL_SRCS / _HELPER_SRCS / _DEFINES / _CFLAGS
//   DIR/mcusim_model.cmake    add_library(mcusim_model ...)
//   DIR/README.md
#pragma once

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/model_run.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::cli {

struct ExportFile {
  std::filesystem::path relative;  // inside DIR, '/'-separated
  std::string text;
};

// What `mcusim run` measured of the exported code, for the README and the
// header's comments; absent figures are left out.
struct ExportMeasurement {
  std::uint64_t cold_cycles = 0;
  std::uint64_t warm_cycles = 0;  // the first warm inference
  std::optional<std::uint32_t> stack_peak_bytes;
  std::optional<std::uint32_t> arena_peak_bytes;
  std::uint64_t flash_code_bytes = 0;  // start-up and harness included
  std::uint64_t flash_weights_bytes = 0;
};

struct ExportInputs {
  std::string model_name;  // the workload's name or the model file's, for comments
  const compiler::Model* model = nullptr;
  const compiler::PlanBlob* plan = nullptr;
  const RuntimeBuild* runtime = nullptr;
  const Target* target = nullptr;
  std::string variant;  // resolved
  // The plan copied to RAM at start-up (--weights-in ram): a non-const
  // array, so the compiler places it in .data as the measured firmware did.
  bool weights_in_ram = false;
  std::optional<ExportMeasurement> measured;
};

// Every file of the export, sorted by path. Runtime files keep their path
// under the source tree's runtime/ (their #include "runtime/..." lines then
// resolve with -I DIR); a variant's file replaces the reference one, which
// is not copied. Throws mcusim::Error (BadInput) for a model whose input or
// output count is not one, or (Internal) for an unreadable runtime source.
std::vector<ExportFile> export_files(const ExportInputs& inputs);

// The runtime/ files `sources` include, transitively ("runtime/..." quoted
// includes, resolved against the runtime's include root), sorted, the
// sources themselves not repeated.
std::vector<std::filesystem::path> included_headers(const std::vector<std::filesystem::path>& sources);

}  // namespace mcusim::cli
