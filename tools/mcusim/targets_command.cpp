// `mcusim targets`: the bundled targets, one line each.
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"

#include <fmt/format.h>

namespace mcusim::cli {
namespace {

std::string kib(std::uint64_t bytes) {
  return bytes % 1024 == 0 ? fmt::format("{} KiB", bytes / 1024) : fmt::format("{} B", bytes);
}

}  // namespace

Command add_targets_command(CLI::App& app) {
  auto* command = app.add_subcommand("targets", "List the bundled targets (targets/*.toml)");
  return {command, [] {
    const auto targets = list_bundled_targets();
    fmt::print("{:<18} {:<14} {:>9} {:>10} {:>10} {:>4}\n", "name", "core", "clock", "flash",
               "RAM", "WS");
    for (const Target& target : targets) {
      const MemoryRegion* flash = target.first_of(RegionKind::Flash);
      fmt::print("{:<18} {:<14} {:>5} MHz {:>10} {:>10} {:>4}\n", target.name,
                 core_name(target.core), target.clock_hz / 1'000'000,
                 kib(target.total_bytes(RegionKind::Flash)), kib(target.total_bytes(RegionKind::Ram)),
                 flash ? flash->wait_states : 0);
    }
    fmt::print("\n{} targets in {}\n", targets.size(), bundled_targets_dir().string());
    return 0;
  }};
}

}  // namespace mcusim::cli
