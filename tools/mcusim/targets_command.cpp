// `mcusim targets`: the bundled targets, one line each: core, clock, flash and
// RAM, the flash wait states at that clock and what sits in front of the flash.
#include "sim/target/target.hpp"
#include "tools/mcusim/commands.hpp"

#include <fmt/format.h>

namespace mcusim::cli {
namespace {

std::string kib(std::uint64_t bytes) {
  return bytes % 1024 == 0 ? fmt::format("{} KiB", bytes / 1024) : fmt::format("{} B", bytes);
}

std::string accelerator_text(const MemoryRegion* flash) {
  if (flash == nullptr || !flash->accelerator) return "-";
  const AcceleratorSpec& spec = *flash->accelerator;
  if (spec.model == "prefetch-buffer") return spec.prefetch ? "prefetch" : "prefetch off";
  if (spec.model == "art") {
    std::string parts;
    for (const auto& [on, name] : {std::pair{spec.prefetch, "prefetch"},
                                   std::pair{spec.icache, "I-cache"},
                                   std::pair{spec.dcache, "D-cache"}}) {
      if (on) parts += parts.empty() ? name : fmt::format("+{}", name);
    }
    return fmt::format("ART {}", parts.empty() ? "off" : parts);
  }
  if (spec.model == "xip-cache") {
    return fmt::format("XIP cache {}, miss {} cyc", kib(spec.size_bytes), spec.miss_cycles);
  }
  return fmt::format("I-cache {}", kib(spec.size_bytes));
}

}  // namespace

Command add_targets_command(CLI::App& app) {
  auto* command = app.add_subcommand("targets", "List the bundled targets (targets/*.toml)");
  return {command, [] {
    const auto targets = list_bundled_targets();
    fmt::print("{:<18} {:<14} {:>9} {:>10} {:>10} {:>4}  {}\n", "name", "core", "clock", "flash",
               "RAM", "WS", "flash accelerator");
    for (const Target& target : targets) {
      const MemoryRegion* flash = target.first_of(RegionKind::Flash);
      fmt::print("{:<18} {:<14} {:>5} MHz {:>10} {:>10} {:>4}  {}\n", target.name,
                 core_name(target.core), target.clock_hz / 1'000'000,
                 kib(target.total_bytes(RegionKind::Flash)), kib(target.total_bytes(RegionKind::Ram)),
                 flash ? flash->wait_states : 0, accelerator_text(flash));
    }
    fmt::print("\n{} targets in {}\n", targets.size(), bundled_targets_dir().string());
    return 0;
  }};
}

}  // namespace mcusim::cli
