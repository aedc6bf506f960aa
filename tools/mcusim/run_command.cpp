// `mcusim run [--workload NAME | --model FILE] [--target T] [--variant V]
// [--inferences N] [--input F]... [--output F] [--dump-tensors DIR]
// [--budget FILE] [--json] [--report DIR]`: the main job (DESIGN.md). With no arguments it
// runs the bundled touch workload on touch-m0 against its budget.
#include "profiler/flash_breakdown_summary.hpp"
#include "reports/execution_profile_json.hpp"
#include "reports/model_report.hpp"
#include "reports/report_dir.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/fault_printout.hpp"
#include "tools/mcusim/model_run.hpp"
#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/profile_printout.hpp"
#include "tools/mcusim/run_printout.hpp"
#include "tools/mcusim/tensor_dump.hpp"
#include "tools/mcusim/work_dir.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

struct RunCliOptions {
  ModelRunCliOptions run;  // what to run, where (shared with `check`)
  std::string output;
  std::string dump_tensors;
  std::string report_dir;
  bool json = false;
  bool profile = false;  // --profile (docs/profiler.md)
  std::optional<double> rate_hz;      // --rate: duty cycle (docs/energy.md)
  std::optional<double> battery_mah;  // --battery-mah
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
  PreparedModelRun prepared = prepare_model_run(cli.run, cli.json ? stderr : stdout);
  const Target& target = prepared.target;
  ModelRunRequest& request = prepared.request;
  request.dump_tensors = !cli.dump_tensors.empty();
  request.profile = cli.profile;
  request.rate_hz = cli.rate_hz;
  request.battery_mah = cli.battery_mah;

  WorkDir work(cli.run.work_dir);
  request.work_dir = work.path();
  const auto started = std::chrono::steady_clock::now();
  const ModelRunOutcome outcome = run_model(target, request);
  // Host time outside the simulation: plan, firmware build, ELF loading.
  const double prepare_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - outcome.run.host_seconds;

  // The ELF is named only where it is kept: a temporary path would make
  // two runs' reports differ.
  ReportContext context;
  context.command = "run";
  context.elf = cli.run.work_dir.empty() ? std::string() : outcome.elf.string();
  const auto profile = outcome.profile ? &*outcome.profile : nullptr;
  if (outcome.profile && !cli.output.empty()) write_file(cli.output, outcome.profile->outputs.back());
  if (outcome.profile && request.dump_tensors) write_tensor_dump(cli.dump_tensors, outcome);
  auto report = model_report_json(outcome.run, profile, outcome.facts, context);
  if (outcome.execution) add_execution_profile(report, *outcome.execution);
  // A faulted run writes its faulted report too: status, fault, no run
  // figures (docs/robustness.md); only bad input writes nothing.
  if (!cli.report_dir.empty()) {
    write_report_dir(cli.report_dir, report, outcome.execution ? &*outcome.execution : nullptr);
  }
  if (cli.json) {
    if (outcome.run.fault) print_fault(*outcome.run.fault);  // stderr, as without --json
    fmt::print("{}", to_text(report));
  } else {
    print_run(outcome, target, prepare_seconds);
    if (outcome.execution) print_profile(*outcome.execution, layer_infos(outcome.model));
    // --profile's memory part: where the flash goes (profiler/flash_breakdown_summary.hpp).
    if (outcome.execution && outcome.facts.flash_breakdown) {
      fmt::print("\n{}", profiler::flash_breakdown_summary(*outcome.facts.flash_breakdown));
    }
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
  add_model_run_options(*cmd, options->run);
  cmd->add_option("--output", options->output, "write the last inference's output tensor here, raw bytes");
  cmd->add_option("--dump-tensors", options->dump_tensors,
                  "write every tensor of the first inference to DIR (index.json + t<N>.bin)");
  cmd->add_flag("--json", options->json, "print the report JSON (mcusim.report/1) on stdout");
  cmd->add_flag("--profile", options->profile,
                "attribute cycles to functions, source lines, instruction classes and stall causes, "
                "with memory traffic per layer (slower; docs/profiler.md)");
  cmd->add_option("--report", options->report_dir,
                  "write every report format into DIR (JSON, Markdown, JUnit, trace, HTML), all or nothing");
  cmd->add_option("--rate", options->rate_hz,
                  "inferences per second of a duty-cycled device: its average current and power (docs/energy.md)");
  cmd->add_option("--battery-mah", options->battery_mah, "battery capacity in mAh: battery life at --rate");
  return {cmd, [options] { return run(*options); }};
}

}  // namespace mcusim::cli
