// tools/mcusim/model_run_cli.cpp — see model_run_cli.hpp.
#include "tools/mcusim/model_run_cli.hpp"

#include "sim/error.hpp"
#include "tools/mcusim/run_inputs.hpp"
#include "tools/mcusim/workloads.hpp"

#include <algorithm>
#include <cstdio>

namespace mcusim::cli {

void add_model_run_options(CLI::App& cmd, ModelRunCliOptions& options) {
  cmd.add_option("--workload", options.workload, "a bundled workload (`mcusim workloads`); default: touch");
  cmd.add_option("--model", options.model, "a .tflite file or a model spec .toml instead of a workload");
  cmd.add_option("--target", options.target, "a bundled target or a target .toml (default: the workload's)");
  cmd.add_option("--variant", options.variant, "kernel variant: ref, m0, m4 or auto (the fastest the core runs)");
  cmd.add_option("--inferences", options.inferences, "warm inferences after the cold first one")
      ->check(CLI::Range(0, 100000));
  cmd.add_option("--input", options.inputs,
                 "input tensor(s): raw int8 bytes, an int8 or float32 .npy (N x shape), or a folder; repeatable");
  cmd.add_option("--budget", options.budget, "a budget .toml (docs/budgets.md) instead of the workload's");
  cmd.add_option("--work-dir", options.work_dir, "keep the firmware build and its ELF here (default: a temporary folder)");
  cmd.add_option("--stack-bytes", options.stack_bytes, "stack reserved at the top of RAM")->check(CLI::Range(256, 1 << 24));
  cmd.add_option("--weights-in", options.weights_in,
                 "flash: the plan and weights are read from flash; ram: copied to RAM at start-up (no flash wait "
                 "states, their size counted in RAM too); default: the workload's choice, else flash")
      ->check(CLI::IsMember({"flash", "ram"}));
  cmd.add_option("--kernel", options.kernels,
                 "OP=file.c: your kernel in place of the variant's for operator OP (runtime/include/"
                 "mcusim_kernels.h; docs/compare.md); repeatable");
  add_set_option(cmd, options.sets);
  add_timing_options(cmd, options.timing);
  cmd.add_option("--max-cycles", options.max_cycles, "stop a run that takes longer (exit 3)");
  cmd.add_option("--timeout", options.timeout_seconds, "host seconds before the run is stopped (exit 3)");
  cmd.add_option("--max-output", options.max_output, "stop the run once the guest printed this many bytes (exit 3)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

void add_set_option(CLI::App& cmd, std::vector<std::string>& sets) {
  cmd.add_option("--set", sets,
                 "LAYER.KEY=VALUE: change a layer of a model spec for this run, e.g. fc1.units=32 or "
                 "conv.kernel=5 (docs/model-spec.md, \"What-if\"); repeatable");
}

void add_timing_options(CLI::App& cmd, TimingOverride& timing) {
  cmd.add_option_function<double>(
         "--clock-mhz", [&timing](double mhz) { timing.clock_mhz = mhz; },
         "core clock in MHz instead of the target's (its maximum and flash latency table apply)")
      ->check(CLI::PositiveNumber);
  cmd.add_option_function<std::uint32_t>(
         "--wait-states", [&timing](std::uint32_t n) { timing.wait_states = n; },
         "every flash region's wait states instead of the target's (or its table's at the clock)")
      ->check(CLI::Range(0, 15));
  cmd.add_option_function<std::string>(
         "--prefetch", [&timing](const std::string& on) { timing.prefetch = on == "on"; },
         "on or off: the flash prefetch buffer")
      ->check(CLI::IsMember({"on", "off"}));
  cmd.add_option_function<std::string>(
         "--cache", [&timing](const std::string& on) { timing.cache = on == "on"; },
         "on or off: the flash caches (ART's instruction and data caches)")
      ->check(CLI::IsMember({"on", "off"}));
}

PreparedModelRun prepare_model_run(const ModelRunCliOptions& cli, std::FILE* console) {
  if (!cli.workload.empty() && !cli.model.empty()) {
    throw Error(ErrorKind::Usage, "--workload and --model both given", "give one: a bundled workload or a model file");
  }
  ModelRunRequest request;
  std::string target_name = cli.target;
  std::optional<Workload> workload;
  if (cli.model.empty()) {
    workload = find_workload(cli.workload.empty() ? "touch" : cli.workload);
    request.model_file = workload->model;
    request.workload = workload->name;
    if (target_name.empty()) target_name = workload->target;
    if (workload->budget && cli.budget.empty()) request.budget = load_budget(*workload->budget);
  } else {
    request.model_file = cli.model;
  }
  if (target_name.empty()) target_name = "generic-m0";
  if (!cli.budget.empty()) request.budget = load_budget(cli.budget);
  Target target = load_target(target_name);
  std::vector<std::string> timing_flags;
  if (!cli.timing.empty()) {
    const std::size_t loader_warnings = target.warnings.size();
    apply_timing(target, cli.timing);
    timing_flags = timing_override_flags(cli.timing);
    // A what-if the part's table does not allow still runs; say so once.
    for (std::size_t i = loader_warnings; i < target.warnings.size(); ++i) {
      std::fprintf(stderr, "mcusim: warning: %s\n", target.warnings[i].c_str());
    }
  }

  request.variant = cli.variant;
  request.warm_inferences = cli.inferences;
  request.stack_bytes = cli.stack_bytes;
  const std::string weights_in = !cli.weights_in.empty() ? cli.weights_in : workload ? workload->weights_in : "flash";
  request.weights_in_ram = weights_in == "ram";
  for (const std::string& kernel : cli.kernels) request.user_kernels.push_back(compiler::parse_user_kernel(kernel));
  request.limits.max_cycles = cli.max_cycles;
  request.limits.timeout_seconds = cli.timeout_seconds;
  request.limits.console_limit = cli.max_output;
  request.limits.console = console;

  // The model, with the layers --set changes; the report lists every change.
  std::vector<compiler::SpecOverride> overrides;
  for (const std::string& text : cli.sets) {
    overrides.push_back(compiler::parse_spec_override(text));
    request.overrides.push_back("--set " + text);
  }
  request.overrides.insert(request.overrides.end(), timing_flags.begin(), timing_flags.end());
  request.model = load_model(request.model_file, overrides);
  // Said once, where a person reads it (the report carries them too).
  for (const std::string& note : request.model.notes) std::fprintf(stderr, "mcusim: note: %s\n", note.c_str());

  // Inputs: --input files, else the workload's inputs.npy, else generated.
  const compiler::Model& model = request.model;
  if (model.inputs.empty()) throw_bad_input("a model needs an input tensor", "{} has no inputs", request.model_file.string());
  const auto& input_tensor = model.tensors.at(static_cast<std::size_t>(model.inputs.at(0)));
  for (const std::string& input : cli.inputs) {
    for (auto& tensor : read_input_tensors(input, input_tensor)) request.inputs.push_back(std::move(tensor));
  }
  if (cli.inputs.empty() && workload && workload->inputs) {
    auto tensors = read_input_tensors(*workload->inputs, input_tensor);
    tensors.resize(std::min<std::size_t>(tensors.size(), 1 + cli.inferences));
    request.inputs = std::move(tensors);
  }
  return {std::move(target), std::move(request)};
}

}  // namespace mcusim::cli
