// tools/mcusim/model_run_cli.hpp — the options `run` and `check` share (what
// to run, where, how long) and the request they make of run_model(): one
// place that resolves a workload or model, its target, budget and inputs.
#pragma once

#include "sim/guest/console.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/model_run.hpp"
#include "tools/mcusim/timing_override.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::cli {

struct ModelRunCliOptions {
  std::string workload;
  std::string model;
  std::string target;
  std::string variant = "auto";
  std::uint32_t inferences = 3;
  std::vector<std::string> inputs;
  std::string budget;
  std::string work_dir;
  std::uint32_t stack_bytes = 2048;
  std::string weights_in;  // "flash", "ram", or empty: the workload's choice, else flash
  std::vector<std::string> kernels;  // --kernel OP=file.c
  std::vector<std::string> sets;     // --set LAYER.KEY=VALUE: a model spec's layer changed
  TimingOverride timing;             // --clock-mhz, --wait-states, --prefetch, --cache
  std::uint64_t max_cycles = 1'000'000'000ull;
  double timeout_seconds = 0;
  std::uint64_t max_output = Console::kDefaultLimit;  // --max-output: console cap (docs/robustness.md)
};

// --workload, --model, --target, --variant, --inferences, --input, --budget,
// --work-dir, --stack-bytes, --weights-in, --kernel, --set, --max-cycles, --timeout, --max-output.
void add_model_run_options(CLI::App& command, ModelRunCliOptions& options);

// --set LAYER.KEY=VALUE (repeatable), for the commands with options of their own.
void add_set_option(CLI::App& command, std::vector<std::string>& sets);

// --clock-mhz, --wait-states, --prefetch on|off, --cache on|off: the target's
// timing changed for this run (timing_override.hpp), as a sweep point does.
void add_timing_options(CLI::App& command, TimingOverride& timing);

struct PreparedModelRun {
  Target target;
  ModelRunRequest request;  // work_dir left empty: the caller's WorkDir sets it
};

// The workload's (or --model's) target, budget (--budget, else the workload's
// budget.toml) and inputs (--input, else the workload's inputs.npy, else
// generated). Throws mcusim::Error (exit 2) for bad options or files.
PreparedModelRun prepare_model_run(const ModelRunCliOptions& options, std::FILE* console);

}  // namespace mcusim::cli
