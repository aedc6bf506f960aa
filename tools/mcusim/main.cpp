// mcusim — parse, run one subcommand, map errors to exit codes (DESIGN.md).
#include "sim/error.hpp"
#include "tools/mcusim/commands.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace {

void print_error(const mcusim::Error& error) {
  const char* label =
      error.kind() == mcusim::ErrorKind::GuestFault || error.kind() == mcusim::ErrorKind::Limit
          ? "guest fault"
          : "error";
  fmt::print(stderr, "mcusim: {}: {}\n", label, error.what());
  // Advice may span lines (a memory map, a list of keys): indent each one.
  std::string_view advice = error.advice();
  while (!advice.empty()) {
    const auto end = advice.find('\n');
    fmt::print(stderr, "  {}\n", advice.substr(0, end));
    if (end == std::string_view::npos) break;
    advice.remove_prefix(end + 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mcusim: a cycle-accurate Cortex-M0/M0+/M4 simulator and TinyML profiler"};
  app.require_subcommand(1);
  const std::vector<mcusim::cli::Command> commands = {
      mcusim::cli::add_run_command(app),
      mcusim::cli::add_exec_command(app),
      mcusim::cli::add_targets_command(app),
      mcusim::cli::add_workloads_command(app),
      mcusim::cli::add_export_command(app),
      mcusim::cli::add_check_command(app),
      mcusim::cli::add_compare_command(app),
      mcusim::cli::add_sweep_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    fmt::print(stderr, "mcusim: error: {}\n  run `mcusim --help` for the commands and options\n",
               error.what());
    return 2;
  }
  try {
    for (const auto& command : commands) {
      if (command.subcommand->parsed()) return command.action();
    }
    return 2;
  } catch (const mcusim::Error& error) {
    print_error(error);
    return mcusim::exit_code(error.kind());
  } catch (const std::exception& error) {
    fmt::print(stderr, "mcusim: internal error: {}\n  please report this as a bug\n", error.what());
    return 2;
  }
}
