// `mcusim export [--workload NAME | --model FILE] [--target T] [--variant V]
// [--force] DIR`: the runtime sources, plan and a two-function API that
// `mcusim run` measured, for the user's own firmware (export_package.hpp).
// It measures first (one cold and one warm inference), so the README carries
// the cycles and the stack the exported code takes.
#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/export_package.hpp"
#include "tools/mcusim/model_run.hpp"
#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/work_dir.hpp"

#include <fmt/format.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

struct ExportCliOptions {
  std::string workload;
  std::string model;
  std::string target;
  std::string variant = "auto";
  std::string dir;
  std::uint32_t stack_bytes = 2048;
  std::string weights_in;  // "flash", "ram" or empty: the workload's choice, else flash
  std::vector<std::string> sets;  // --set LAYER.KEY=VALUE
  bool force = false;
};

// Refuses a DIR that holds anything (unless --force) before any work is done.
void check_destination(const fs::path& dir, bool force) {
  std::error_code error;
  const fs::file_status status = fs::status(dir, error);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    throw Error(ErrorKind::Usage, fmt::format("{} exists and is not a folder", dir.string()),
                "give a new or empty folder to export into");
  }
  if (!fs::is_empty(dir, error) && !force) {
    throw Error(ErrorKind::Usage, fmt::format("{} is not empty", dir.string()),
                "give a new or empty folder, or --force to replace its contents");
  }
}

// Whole or not at all: every file goes into a fresh folder beside DIR, which
// then takes DIR's place (an old DIR, with --force, is removed only after).
void write_export(const fs::path& dir, const std::vector<ExportFile>& files) {
  const fs::path target = fs::absolute(dir).lexically_normal();
  const fs::path parent = target.parent_path();
  std::error_code error;
  fs::create_directories(parent, error);
  std::string pattern = (parent / ("." + target.filename().string() + ".partial-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) {
    throw_bad_input("give a folder in a writable place", "cannot create a folder beside {}", target.string());
  }
  const fs::path partial = pattern;
  try {
    for (const ExportFile& file : files) {
      const fs::path path = partial / file.relative;
      fs::create_directories(path.parent_path());
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << file.text;
      out.close();
      if (!out) throw_bad_input("check the disk is not full", "cannot write {}", path.string());
    }
    fs::permissions(partial, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    const fs::path old = partial.string() + ".old";
    const bool replace = fs::exists(target) && !fs::is_empty(target);
    if (replace) fs::rename(target, old);
    else if (fs::exists(target)) fs::remove(target);
    fs::rename(partial, target);
    if (replace) fs::remove_all(old);
  } catch (...) {
    fs::remove_all(partial, error);
    throw;
  }
}

int run(const ExportCliOptions& cli) {
  // What to run and where, as `mcusim run` resolves it (model_run_cli.hpp):
  // one cold and one warm inference, the workload's first inputs.
  ModelRunCliOptions options;
  options.workload = cli.workload;
  options.model = cli.model;
  options.target = cli.target;
  options.variant = cli.variant;
  options.inferences = 1;
  options.stack_bytes = cli.stack_bytes;
  options.weights_in = cli.weights_in;
  options.sets = cli.sets;
  PreparedModelRun prepared = prepare_model_run(options, stderr);
  const Target& target = prepared.target;
  ModelRunRequest& request = prepared.request;
  const std::string model_name =
      request.workload.empty() ? fs::path(cli.model).filename().string() : request.workload;
  const std::string variant = resolve_variant(cli.variant, target.core);
  check_destination(cli.dir, cli.force);
  request.variant = variant;
  request.budget.reset();  // export judges nothing

  // Measure what is exported: the same plan and runtime sources.
  WorkDir work("");
  request.work_dir = work.path();
  const ModelRunOutcome outcome = run_model(target, request);
  if (!outcome.profile) {
    throw Error(ErrorKind::GuestFault,
                fmt::format("the model's firmware did not finish on {}: nothing exported", target.name),
                "run `mcusim run` with the same arguments to see the fault");
  }
  ExportMeasurement measured;
  measured.cold_cycles = outcome.profile->cold_cycles;
  measured.warm_cycles = outcome.profile->warm.min;
  measured.stack_peak_bytes = outcome.profile->stack_peak_bytes;
  measured.arena_peak_bytes = outcome.profile->arena_peak_bytes;
  measured.flash_code_bytes = outcome.facts.flash.code_bytes;
  measured.flash_weights_bytes = outcome.facts.flash.weights_bytes;

  const compiler::PlanBlob plan = model_plan(outcome.model, variant);
  const RuntimeBuild runtime = runtime_build(plan, variant);
  ExportInputs inputs;
  inputs.model_name = model_name;
  inputs.model = &outcome.model;
  inputs.plan = &plan;
  inputs.runtime = &runtime;
  inputs.target = &target;
  inputs.variant = variant;
  inputs.weights_in_ram = request.weights_in_ram;
  inputs.measured = measured;
  const std::vector<ExportFile> files = export_files(inputs);
  write_export(cli.dir, files);

  fmt::print("mcusim export: {} for {} ({}), kernels '{}': {} files in {}\n", model_name, target.name,
             core_name(target.core), variant, files.size(), cli.dir);
  fmt::print("  arena {} bytes, plan {} bytes, defines {}\n", plan.arena_bytes, plan.bytes.size(),
             fmt::join(runtime.defines, " "));
  fmt::print("  measured: {} cycles cold, {} warm", measured.cold_cycles, measured.warm_cycles);
  if (measured.stack_peak_bytes) fmt::print(", stack peak {} bytes", *measured.stack_peak_bytes);
  fmt::print("\n  see {}\n", (fs::path(cli.dir) / "README.md").string());
  return 0;
}

}  // namespace

Command add_export_command(CLI::App& app) {
  auto options = std::make_shared<ExportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the measured runtime sources, the plan as a C array and a two-function API "
                "(init, invoke) for your firmware into DIR (docs/export.md)");
  cmd->add_option("--workload", options->workload, "a bundled workload (`mcusim workloads`); default: touch");
  cmd->add_option("--model", options->model, "a .tflite file or a model spec .toml instead of a workload");
  cmd->add_option("--target", options->target, "a bundled target or a target .toml (default: the workload's)");
  cmd->add_option("--variant", options->variant, "kernel variant: ref, m0, m4 or auto (the fastest the core runs)");
  cmd->add_option("--stack-bytes", options->stack_bytes, "stack reserved when measuring")
      ->check(CLI::Range(256, 1 << 24));
  add_set_option(*cmd, options->sets);
  cmd->add_flag("--force", options->force, "replace the contents of a non-empty DIR");
  cmd->add_option("--weights-in", options->weights_in,
                  "flash: the plan array is const (read from flash); ram: not const, copied to RAM at start-up; "
                  "default: the workload's choice, else flash")
      ->check(CLI::IsMember({"flash", "ram"}));
  cmd->add_option("dir", options->dir, "the folder to write (new or empty)")->required();
  return {cmd, [options] { return run(*options); }};
}

}  // namespace mcusim::cli
