// tools/mcusim/commands.hpp — each subcommand registers its options on the
// CLI11 app and returns the action to run once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace mcusim::cli {

// The action returns the process exit code (DESIGN.md "Exit codes").
struct Command {
  CLI::App* subcommand;
  std::function<int()> action;
};

Command add_exec_command(CLI::App& app);
Command add_targets_command(CLI::App& app);
Command add_run_command(CLI::App& app);
Command add_workloads_command(CLI::App& app);
Command add_export_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_compare_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);

}  // namespace mcusim::cli
