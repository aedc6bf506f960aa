// `mcusim run [--workload NAME | --model FILE] [--target T] [--variant V]
// [--inferences N] [--input F]... [--output F] [--dump-tensors DIR]
// [--budget FILE] [--json]`: the main job (DESIGN.md). With no arguments it
// runs the bundled touch workload on touch-m0 against its budget.
#include "reports/execution_profile_json.hpp"
#include "reports/model_report.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/model_run.hpp"
#include "tools/mcusim/profile_printout.hpp"
#include "tools/mcusim/run_inputs.hpp"
#include "tools/mcusim/run_printout.hpp"
#include "tools/mcusim/tensor_dump.hpp"
#include "tools/mcusim/work_dir.hpp"
#include "tools/mcusim/workloads.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

struct RunCliOptions {
  std::string workload;
  std::string model;
  std::string target;
  std::string variant = "auto";
  std::uint32_t inferences = 3;
  std::vector<std::string> inputs;
  std::string output;
  std::string dump_tensors;
  std::string budget;
  std::string work_dir;
  std::uint32_t stack_bytes = 2048;
  std::uint64_t max_cycles = 1'000'000'000ull;
  double timeout_seconds = 0;
  bool json = false;
  bool profile = false;  // --profile (docs/profiler.md)
};

void write_file(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  // Whole or not at all: a temporary beside it, then a rename.
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw_bad_input("check the folder exists and is writable", "cannot write {}", path.string());
  }
  fs::rename(partial, path);
}

int run(const RunCliOptions& cli) {
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
  const Target target = load_target(target_name);

  request.variant = cli.variant;
  request.warm_inferences = cli.inferences;
  request.dump_tensors = !cli.dump_tensors.empty();
  request.profile = cli.profile;
  request.stack_bytes = cli.stack_bytes;
  request.limits.max_cycles = cli.max_cycles;
  request.limits.timeout_seconds = cli.timeout_seconds;
  request.limits.console = cli.json ? stderr : stdout;

  // Inputs: --input files, else the workload's inputs.npy, else generated.
  request.model = load_model(request.model_file);
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

  WorkDir work(cli.work_dir);
  request.work_dir = work.path();
  const auto started = std::chrono::steady_clock::now();
  const ModelRunOutcome outcome = run_model(target, request);
  // Host time outside the simulation: plan, firmware build, ELF loading.
  const double prepare_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - outcome.run.host_seconds;

  // The ELF is named only where it is kept: a temporary path would make
  // two runs' reports differ.
  ReportContext context{"run", cli.work_dir.empty() ? std::string() : outcome.elf.string()};
  const auto profile = outcome.profile ? &*outcome.profile : nullptr;
  if (outcome.profile && !cli.output.empty()) write_file(cli.output, outcome.profile->outputs.back());
  if (outcome.profile && request.dump_tensors) write_tensor_dump(cli.dump_tensors, outcome);
  auto report = model_report_json(outcome.run, profile, outcome.facts, context);
  if (outcome.execution) add_execution_profile(report, *outcome.execution);
  if (cli.json) {
    fmt::print("{}", to_text(report));
  } else {
    print_run(outcome, target, prepare_seconds);
    if (outcome.execution) print_profile(*outcome.execution, layer_infos(outcome.model));
  }
  if (outcome.run.fault) return 3;
  if (!outcome.profile) return 1;  // the harness exited non-zero: its message is on the console
  for (const BudgetVerdict& verdict : outcome.facts.budgets) {
    if (!verdict.pass) return 1;
  }
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run a model on a target: cycles, latency, arena, stack and flash per inference "
             "(no arguments: the bundled touch workload on touch-m0 against its budget)");
  cmd->add_option("--workload", options->workload, "a bundled workload (`mcusim workloads`); default: touch");
  cmd->add_option("--model", options->model, "a .tflite file or a model spec .toml instead of a workload");
  cmd->add_option("--target", options->target, "a bundled target or a target .toml (default: the workload's)");
  cmd->add_option("--variant", options->variant, "kernel variant: ref, m0, m4 or auto (the fastest the core runs)");
  cmd->add_option("--inferences", options->inferences, "warm inferences after the cold first one")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--input", options->inputs,
                  "input tensor(s): raw int8 bytes, an int8 or float32 .npy (N x shape), or a folder; repeatable");
  cmd->add_option("--output", options->output, "write the last inference's output tensor here, raw bytes");
  cmd->add_option("--dump-tensors", options->dump_tensors,
                  "write every tensor of the first inference to DIR (index.json + t<N>.bin)");
  cmd->add_option("--budget", options->budget, "a budget .toml (docs/budgets.md) instead of the workload's");
  cmd->add_option("--work-dir", options->work_dir, "keep the firmware build and its ELF here (default: a temporary folder)");
  cmd->add_option("--stack-bytes", options->stack_bytes, "stack reserved at the top of RAM")->check(CLI::Range(256, 1 << 24));
  cmd->add_option("--max-cycles", options->max_cycles, "stop a run that takes longer (exit 3)");
  cmd->add_option("--timeout", options->timeout_seconds, "host seconds before the run is stopped (exit 3)");
  cmd->add_flag("--json", options->json, "print the report JSON (mcusim.report/1) on stdout");
  cmd->add_flag("--profile", options->profile,
                "attribute cycles to functions, source lines, instruction classes and stall causes, "
                "with memory traffic per layer (slower; docs/profiler.md)");
  return {cmd, [options] { return run(*options); }};
}

}  // namespace mcusim::cli
