// tools/bench/simulator_speed.cpp — simulated MIPS with full timing against
// plain Unicorn (no hooks) on the same ELFs, in the same run.
//
//   cmake --build build --target bench      (builds and runs this)
//
// For each benchmark guest of workloads/bench/ and each core it was built for,
// runs the ELF three times with timing and three times without, keeps the
// fastest of each (least disturbed by the host), and prints instructions,
// cycles, MIPS of both and their ratio. Figures are host-dependent by nature:
// they belong in notes, not in tests.
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Measurement {
  mcusim::RunResult run;
  double best_seconds = 1e30;
};

Measurement measure(const mcusim::Target& target, const mcusim::ElfImage& elf, bool timing) {
  Measurement m;
  for (int repeat = 0; repeat < 3; ++repeat) {
    mcusim::RunOptions options;
    options.console = nullptr;
    options.timing = timing;
    m.run = mcusim::simulate(target, elf, options);
    m.best_seconds = std::min(m.best_seconds, m.run.host_seconds);
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path guests = argc > 1 ? argv[1] : "build/guests";
  const std::vector<std::pair<std::string, std::string>> cores = {{"m0", "generic-m0"},
                                                                   {"m4", "generic-m4"}};
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(guests)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind("bench_", 0) == 0 && file.size() > 7 && file.ends_with("_m0.elf")) {
      names.push_back(file.substr(6, file.size() - 6 - 7));
    }
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    fmt::print(stderr, "no bench_*_m0.elf in {}; build the project first\n", guests.string());
    return 2;
  }
  fmt::print("{:<14} {:<11} {:>12} {:>12} {:>10} {:>10} {:>7}\n", "benchmark", "target",
             "instructions", "cycles", "MIPS", "raw MIPS", "ratio");
  double total_instructions = 0, total_timed = 0, total_raw = 0;
  for (const auto& [suffix, target_name] : cores) {
    const mcusim::Target target = mcusim::load_target(target_name);
    for (const std::string& name : names) {
      const auto path = guests / fmt::format("bench_{}_{}.elf", name, suffix);
      if (!std::filesystem::exists(path)) continue;
      const mcusim::ElfImage elf = mcusim::load_elf(path);
      const Measurement timed = measure(target, elf, true);
      const Measurement raw = measure(target, elf, false);
      if (timed.run.fault || timed.run.exit_status != 0) {
        fmt::print("{:<14} {:<11} did not exit cleanly\n", name, target_name);
        continue;
      }
      const double instructions = static_cast<double>(timed.run.instructions);
      const double mips = instructions / timed.best_seconds / 1e6;
      const double raw_mips = instructions / raw.best_seconds / 1e6;
      fmt::print("{:<14} {:<11} {:>12} {:>12} {:>10.0f} {:>10.0f} {:>6.0f}%\n", name, target_name,
                 timed.run.instructions, timed.run.cycles, mips, raw_mips, 100.0 * mips / raw_mips);
      if (suffix == "m0") {
        total_instructions += instructions;
        total_timed += timed.best_seconds;
        total_raw += raw.best_seconds;
      }
    }
  }
  if (total_timed > 0) {
    fmt::print("\nall M0 benchmarks: {:.0f} MIPS with full timing, {:.0f} MIPS plain Unicorn\n",
               total_instructions / total_timed / 1e6, total_instructions / total_raw / 1e6);
  }
  return 0;
}
