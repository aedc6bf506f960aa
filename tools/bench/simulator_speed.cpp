// tools/bench/simulator_speed.cpp — simulated MIPS with full timing against
// plain Unicorn (no hooks) on the same ELFs, in the same run, and again with a
// chip target's memory model on (flash wait states, prefetch, caches).
//
//   cmake --build build --target bench      (builds and runs this)
//
// Part 1, speed: each workloads/bench/ guest on generic-m0 / generic-m4 with
// timing (zero wait states), as plain Unicorn, and on touch-m0 (M0) /
// stm32f405rg (M4) with the memory model on; three runs each, the fastest kept.
// Part 2, cycles on every chip target with the share the memory system adds
// (docs/accuracy.md). Part 3, the cost of --profile (docs/profiler.md): the
// same guests with the profiler attached, with and without memory traffic,
// against the plain timed run. Host figures vary by machine; cycle and
// instruction counts do not.
#include "profiler/execution_profiler.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Measurement {
  mcusim::RunResult run;
  double best_seconds = 1e30;
};

Measurement measure(const mcusim::Target& target, const mcusim::ElfImage& elf, bool timing,
                    int repeats) {
  Measurement m;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    mcusim::RunOptions options;
    options.console = nullptr;
    options.timing = timing;
    m.run = mcusim::simulate(target, elf, options);
    m.best_seconds = std::min(m.best_seconds, m.run.host_seconds);
  }
  return m;
}

// The fastest of `repeats` profiled runs (host time of the simulation, the
// observer's work included; finish() is outside, as run's host time is).
double profiled_seconds(const mcusim::Target& target, const mcusim::ElfImage& elf, bool traffic,
                        int repeats) {
  double best = 1e30;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    mcusim::RunOptions options;
    options.console = nullptr;
    mcusim::profiler::ProfilerOptions profiler;
    profiler.traffic = traffic;
    profiler.lines = false;
    best = std::min(best, mcusim::profiler::simulate_profiled(target, elf, options, profiler).run.host_seconds);
  }
  return best;
}

// The chip-map builds (tests/guests/memory.cmake) link 192 KiB of RAM for the
// benchmark buffers; a part with less runs with its RAM enlarged. RAM has no
// wait states on any bundled part, so the timing is the part's.
mcusim::Target chip(const std::string& name) {
  mcusim::Target target = mcusim::load_target(name);
  for (mcusim::MemoryRegion& region : target.regions) {
    if (region.kind == mcusim::RegionKind::Ram && region.base == 0x2000'0000) {
      region.size = std::max<std::uint32_t>(region.size, 192 * 1024);
    }
  }
  return target;
}

struct ChipRun {
  std::string target;
  std::string elf_suffix;  // "m0_flash_0000", ...
};

// Which build of a benchmark runs on which chip (flash base of its map).
const std::vector<ChipRun> kChips = {
    {"touch-m0", "m0_flash_0000"},    {"stm32f072rb", "m0_flash_0800"},
    {"stm32g0b1re", "m0_flash_0800"}, {"rp2040", "m0_flash_1000"},
    {"stm32f411re", "m4_flash_0800"}, {"stm32f405rg", "m4_flash_0800"},
    {"stm32l4r5zi", "m4_flash_0800"}, {"nrf52840", "m4_flash_0000"},
};

// Plain Unicorn counts nothing: its MIPS use the timed run's instruction count.
double mips(const Measurement& m, const Measurement& counted) {
  return static_cast<double>(counted.run.instructions) / m.best_seconds / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path guests = argc > 1 ? argv[1] : "build/guests";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(guests)) {
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

  // Part 1: speed.
  struct Core {
    std::string suffix, generic, chip, chip_suffix;
  };
  const std::vector<Core> cores = {{"m0", "generic-m0", "touch-m0", "m0_flash_0000"},
                                   {"m4", "generic-m4", "stm32f405rg", "m4_flash_0800"}};
  fmt::print("{:<14} {:<11} {:>12} {:>12} {:>9} {:>9} {:>7} {:>12} {:>9}\n", "benchmark",
             "target", "instructions", "cycles", "MIPS", "raw MIPS", "ratio", "chip cycles",
             "chip MIPS");
  for (const Core& core : cores) {
    const mcusim::Target generic = mcusim::load_target(core.generic);
    const mcusim::Target with_memory = chip(core.chip);
    double instructions = 0, timed = 0, raw = 0, chip_instructions = 0, chip_seconds = 0;
    for (const std::string& name : names) {
      const auto path = guests / fmt::format("bench_{}_{}.elf", name, core.suffix);
      const auto chip_path = guests / fmt::format("bench_{}_{}.elf", name, core.chip_suffix);
      if (!fs::exists(path) || !fs::exists(chip_path)) continue;
      const mcusim::ElfImage elf = mcusim::load_elf(path);
      const mcusim::ElfImage chip_elf = mcusim::load_elf(chip_path);
      const Measurement t = measure(generic, elf, true, 3);
      const Measurement r = measure(generic, elf, false, 3);
      const Measurement c = measure(with_memory, chip_elf, true, 3);
      if (t.run.fault || t.run.exit_status != 0 || c.run.fault || c.run.exit_status != 0) {
        fmt::print("{:<14} {:<11} did not exit cleanly\n", name, core.generic);
        continue;
      }
      fmt::print("{:<14} {:<11} {:>12} {:>12} {:>9.0f} {:>9.0f} {:>6.0f}% {:>12} {:>9.0f}\n", name,
                 core.generic, t.run.instructions, t.run.cycles, mips(t, t), mips(r, t),
                 100.0 * mips(t, t) / mips(r, t), c.run.cycles, mips(c, c));
      instructions += static_cast<double>(t.run.instructions);
      timed += t.best_seconds;
      raw += r.best_seconds;
      chip_instructions += static_cast<double>(c.run.instructions);
      chip_seconds += c.best_seconds;
    }
    if (timed > 0) {
      fmt::print("all {} benchmarks: {:.0f} MIPS zero-wait timing, {:.0f} MIPS plain Unicorn, "
                 "{:.0f} MIPS on {} (memory model on)\n\n",
                 core.suffix, instructions / timed / 1e6, instructions / raw / 1e6,
                 chip_instructions / chip_seconds / 1e6, core.chip);
    }
  }

  // Part 2: cycles on every chip target and the memory system's share.
  fmt::print("{:<14} {:<12} {:>12} {:>12} {:>8} {:>8} {:>8}\n", "benchmark", "target",
             "instructions", "cycles", "fetch %", "data %", "CPI");
  for (const std::string& name : names) {
    for (const ChipRun& c : kChips) {
      const auto path = guests / fmt::format("bench_{}_{}.elf", name, c.elf_suffix);
      if (!fs::exists(path)) continue;
      const Measurement m = measure(chip(c.target), mcusim::load_elf(path), true, 1);
      if (m.run.fault || m.run.exit_status != 0) {
        fmt::print("{:<14} {:<12} did not exit cleanly\n", name, c.target);
        continue;
      }
      const double cycles = static_cast<double>(m.run.cycles);
      fmt::print("{:<14} {:<12} {:>12} {:>12} {:>7.1f}% {:>7.1f}% {:>8.2f}\n", name, c.target,
                 m.run.instructions, m.run.cycles,
                 100.0 * static_cast<double>(m.run.fetch_stall_cycles) / cycles,
                 100.0 * static_cast<double>(m.run.data_stall_cycles) / cycles,
                 cycles / static_cast<double>(m.run.instructions));
    }
  }

  // Part 3: what --profile costs against the plain timed run (the bound: 3x).
  fmt::print("\n{:<14} {:<11} {:>10} {:>14} {:>8} {:>14} {:>8}\n", "benchmark", "target", "plain s",
             "profile s", "x plain", "no-traffic s", "x plain");
  for (const Core& core : cores) {
    const mcusim::Target generic = mcusim::load_target(core.generic);
    double plain_total = 0, profiled_total = 0, bare_total = 0;
    for (const std::string& name : names) {
      const auto path = guests / fmt::format("bench_{}_{}.elf", name, core.suffix);
      if (!fs::exists(path)) continue;
      const mcusim::ElfImage elf = mcusim::load_elf(path);
      const double plain = measure(generic, elf, true, 3).best_seconds;
      const double profiled = profiled_seconds(generic, elf, true, 3);
      const double bare = profiled_seconds(generic, elf, false, 3);
      fmt::print("{:<14} {:<11} {:>10.3f} {:>14.3f} {:>7.2f}x {:>14.3f} {:>7.2f}x\n", name, core.generic, plain,
                 profiled, profiled / plain, bare, bare / plain);
      plain_total += plain;
      profiled_total += profiled;
      bare_total += bare;
    }
    if (plain_total > 0) {
      fmt::print("all {} benchmarks: --profile {:.2f}x the plain run, {:.2f}x without traffic\n", core.suffix,
                 profiled_total / plain_total, bare_total / plain_total);
    }
  }
  return 0;
}
