// `mcusim exec [--target T] [--json] [--max-cycles N] [--timeout S]
// [--semihosting-root DIR] [--args STRING] [--guest-faults] ELF`: any bare-metal Thumb ELF on a
// target, with the exact cycle count.
#include "profiler/energy.hpp"
#include "profiler/execution_profiler.hpp"
#include "reports/execution_profile_json.hpp"
#include "reports/json_report.hpp"
#include "reports/report_dir.hpp"
#include "runtime/firmware/size_breakdown.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/error.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/fault_printout.hpp"
#include "tools/mcusim/profile_printout.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

namespace mcusim::cli {
namespace {

struct ExecOptions {
  std::string target = "generic-m0";
  std::string elf;
  bool json = false;
  std::uint64_t max_cycles = RunOptions{}.max_cycles;
  double timeout_seconds = 0;
  std::uint64_t max_output = Console::kDefaultLimit;
  bool precise = false;
  bool profile = false;  // --profile (docs/profiler.md)
  bool guest_faults = false;
  std::string semihosting_root;
  std::string arguments;
  std::string report_dir;
};

void print_summary(const RunResult& run, const ExecOptions& options) {
  fmt::print("\nmcusim exec: {} on {} ({}, {} MHz)\n", options.elf, run.target,
             core_name(run.core), static_cast<double>(run.clock_hz) / 1e6);
  if (run.fault) {
    fmt::print("  status        {}\n", run.fault->is_limit ? "stopped at a limit" : "faulted");
    return;
  }
  fmt::print("  exit status   {}\n", run.exit_status ? std::to_string(*run.exit_status) : "none");
  fmt::print("  cycles        {}\n", firmware::grouped(run.cycles));
  fmt::print("  instructions  {}\n", firmware::grouped(run.instructions));
  fmt::print("  latency       {:.3f} us\n", run.latency_us());
  const double mips = run.host_seconds > 0
                          ? static_cast<double>(run.instructions) / run.host_seconds / 1e6
                          : 0.0;
  fmt::print("  host time     {:.3f} s ({:.0f} simulated MIPS{})\n", run.host_seconds, mips,
             run.replay_reason.empty() ? "" : ", re-run precisely after a " + run.replay_reason);
}

// --semihosting-root must name an existing directory: a typo would otherwise
// only show as the guest's failing fopen.
std::filesystem::path checked_root(const std::string& root) {
  if (root.empty()) return {};
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    throw_bad_input("give --semihosting-root an existing directory; the guest may read the files "
                    "below it",
                    "--semihosting-root {}: not a directory", root);
  }
  return root;
}

int exit_code_of(const RunResult& run) {
  if (run.fault) return exit_code(run.fault->is_limit ? ErrorKind::Limit : ErrorKind::GuestFault);
  if (!run.exit_status) return 3;
  return *run.exit_status == 0 ? 0 : 1;
}

}  // namespace

Command add_exec_command(CLI::App& app) {
  auto options = std::make_shared<ExecOptions>();
  auto* command = app.add_subcommand("exec", "Run any bare-metal Thumb ELF on a target");
  command->add_option("elf", options->elf, "the ELF file to run")->required();
  command->add_option("-t,--target", options->target,
                      "target name (see `mcusim targets`) or path to a target .toml")
      ->capture_default_str();
  command->add_flag("--json", options->json,
                    "print the report JSON on stdout (guest output goes to stderr)");
  command->add_option("--max-cycles", options->max_cycles, "stop the run after this many cycles")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--timeout", options->timeout_seconds,
                      "stop the run after this many seconds of host time (0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--max-output", options->max_output,
                      "stop the run once the guest printed this many bytes")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  command->add_option("--semihosting-root", options->semihosting_root,
                      "a host directory whose files the guest may open read-only through "
                      "semihosting (SYS_OPEN); without it the guest opens no host file");
  command->add_option("--args", options->arguments,
                      "the guest's command line after the program name (SYS_GET_CMDLINE; "
                      "newlib splits it into argv at spaces, honouring quotes)");

  command->add_flag("--guest-faults", options->guest_faults,
                    "vector faults into the guest's HardFault (M4: MemManage/BusFault/UsageFault) "
                    "handler instead of ending the run (docs/exceptions.md)");
  command->add_option("--report", options->report_dir,
                      "write every report format into DIR (JSON, Markdown, JUnit, trace, HTML), all or nothing");
  command->add_flag("--profile", options->profile,
                    "attribute cycles to functions, source lines, instruction classes and stall "
                    "causes, with memory traffic (slower; docs/profiler.md)");
  command->add_flag("--precise", options->precise,
                    "follow every instruction with a hook (slower; same numbers — for checking)");

  return {command, [options] {
            const Target target = load_target(options->target);
            for (const std::string& warning : target.warnings) {
              fmt::print(stderr, "mcusim: warning: {}\n", warning);
            }
            const ElfImage elf = load_elf(options->elf);
            RunOptions run_options;
            run_options.max_cycles = options->max_cycles;
            run_options.timeout_seconds = options->timeout_seconds;
            run_options.console = options->json ? stderr : stdout;
            run_options.console_limit = options->max_output;
            run_options.precise = options->precise;
            run_options.guest_faults = options->guest_faults;
            run_options.semihosting_root = checked_root(options->semihosting_root);
            run_options.arguments = options->arguments;
            std::optional<profiler::ProfiledRun> profiled;
            if (options->profile) profiled = profiler::simulate_profiled(target, elf, run_options);
            const RunResult run = profiled ? profiled->run : simulate(target, elf, run_options);
            if (run.fault) print_fault(*run.fault);
            ReportContext context;
            context.command = "exec";
            context.elf = options->elf;
            // Energy of the whole run where the target gives power figures (docs/energy.md).
            const auto energy = profiler::energy_model_for(target, profiler::code_location_of(target, elf.entry));
            if (energy) context.energy = profiler::run_energy(*energy, profiler::run_activity(run));
            auto report = report_json(run, context);
            if (profiled) add_execution_profile(report, profiled->profile);
            // A faulted run writes its faulted report too: status, fault, no
            // run figures (docs/robustness.md); only bad input writes nothing.
            if (!options->report_dir.empty()) {
              write_report_dir(options->report_dir, report, profiled ? &profiled->profile : nullptr);
            }
            if (options->json) {
              fmt::print("{}", to_text(report));
            } else {
              print_summary(run, *options);
              if (profiled) print_profile(profiled->profile, {});
            }
            return exit_code_of(run);
          }};
}

}  // namespace mcusim::cli
