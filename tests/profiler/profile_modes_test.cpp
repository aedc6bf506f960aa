// Block mode (the profiler's default: a block's static costs counted once per
// run of the block, docs/profiler.md "Cost") gives the very profile the
// per-instruction mode gives (ProfilerOptions::precise_per_instruction, the
// machine's instruction hook on every instruction): every phase, function,
// edge, context, line and address, with classes, stalls, traffic and stack
// peaks. Compared on the benchmark guests (loops, calls, divides, tables) on
// both cores at zero wait states and behind the chips' flash models (fetch and
// data stalls, prefetch buffers and caches), on the profiler's hand-counted
// guests, and on the bundled workloads' full `mcusim run --profile` reports
// (markers inside blocks, start-up copies, every kernel).
#include "profiler/execution_profiler.hpp"
#include "reports/execution_profile_json.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace mcusim::profiler {
namespace {

// The whole profile, the per-address view included (not in the report JSON).
nlohmann::ordered_json everything(const ProfiledRun& run) {
  nlohmann::ordered_json out = execution_profile_json(run.profile);
  nlohmann::ordered_json addresses = nlohmann::ordered_json::array();
  for (const AddressProfile& a : run.profile.addresses) {
    nlohmann::ordered_json stalls = nlohmann::ordered_json::array();
    for (const std::uint64_t s : a.cost.stalls) stalls.push_back(s);
    addresses.push_back({a.address, a.function, a.line, static_cast<int>(a.cls), a.cost.cycles,
                         a.cost.instructions, stalls});
  }
  out["addresses"] = std::move(addresses);
  out["run_cycles"] = run.run.cycles;
  out["run_instructions"] = run.run.instructions;
  return out;
}

ProfiledRun profiled(const Target& target, const ElfImage& elf, bool precise, bool traffic) {
  RunOptions options;
  options.console = nullptr;
  options.max_cycles = 2'000'000'000;
  ProfilerOptions profiler;
  profiler.precise_per_instruction = precise;
  profiler.traffic = traffic;
  return simulate_profiled(target, elf, options, profiler);
}

void expect_identical(const Target& target, const std::string& guest, bool traffic) {
  const auto path = test::guest_elf(guest);
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const ElfImage elf = load_elf(path);
  const ProfiledRun precise = profiled(target, elf, true, traffic);
  const ProfiledRun blocks = profiled(target, elf, false, traffic);
  ASSERT_TRUE(precise.run.precise);
  const auto a = everything(precise), b = everything(blocks);
  if (a != b) {
    // The first differing field, not two pages of JSON.
    const auto patch = nlohmann::ordered_json::diff(a, b);
    FAIL() << guest << " on " << target.name << (traffic ? "" : " (no traffic)")
           << ": block mode differs from per-instruction mode: " << patch.dump().substr(0, 2000);
  }
  EXPECT_GT(precise.profile.cycles, 0u);
}

// The chip-map builds link 192 KiB of RAM for the benchmark buffers (as
// tools/bench/simulator_speed.cpp): a part with less runs with its RAM enlarged.
Target chip(const std::string& name) {
  Target target = load_target(name);
  for (MemoryRegion& region : target.regions) {
    if (region.kind == RegionKind::Ram && region.size < 0x30000) region.size = 0x30000;
  }
  return target;
}

// One comparison: a guest on a target, with or without traffic counting.
struct ModeCase {
  std::string target;  // a bundled target name
  bool chip_ram;       // enlarge the chip's RAM for the benchmark buffers
  std::string guest;
  bool traffic;
};

// gtest prints a parameter with this, not as a byte dump.
void PrintTo(const ModeCase& c, std::ostream* out) {
  *out << c.guest << " on " << c.target << (c.traffic ? "" : " (no traffic)");
}

std::string case_name(const testing::TestParamInfo<ModeCase>& info) {
  std::string name = info.param.guest + "_on_" + info.param.target + (info.param.traffic ? "" : "_no_traffic");
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// Every benchmark (workloads/bench) but the two longest (memcpy, sort: plain
// loads and stores, which the others have too), to keep the suite's time.
// Without traffic the M0 runs without any memory hook: one guest is enough.
std::vector<ModeCase> generic_core_cases() {
  std::vector<ModeCase> cases;
  for (const auto& [core, target_name] : {std::pair{"m0", "generic-m0"}, std::pair{"m4", "generic-m4"}}) {
    for (const std::string name : {"crc32", "divide", "dot_s8", "state_machine"}) {
      cases.push_back({target_name, false, "bench_" + name + "_" + core, true});
      if (name == "state_machine") cases.push_back({target_name, false, "bench_" + name + "_" + core, false});
    }
  }
  return cases;
}

// Wait states with a prefetch buffer (touch-m0), the RP2040's XIP cache
// (data accesses stall too), the ART accelerator (M4). Without traffic the
// ARMv6-M run counts accesses only where data stalls.
std::vector<ModeCase> chip_flash_cases() {
  std::vector<ModeCase> cases;
  for (const auto& [target_name, build] : {std::pair{"touch-m0", "m0_flash_0000"}, std::pair{"stm32f072rb", "m0_flash_0800"},
                                           std::pair{"rp2040", "m0_flash_1000"}, std::pair{"stm32f405rg", "m4_flash_0800"}}) {
    cases.push_back({target_name, true, std::string("bench_state_machine_") + build, true});
    cases.push_back({target_name, true, std::string("bench_state_machine_") + build, false});
    cases.push_back({target_name, true, std::string("bench_crc32_") + build, true});
  }
  return cases;
}

// One case a test, so that each stays well inside the suite's per-test
// timeout under the sanitizers (the ten generic-core comparisons together took
// 204 s in the Debug ASan build).
class ProfileModesOn : public testing::TestWithParam<ModeCase> {};

TEST_P(ProfileModesOn, BlockModeEqualsPerInstructionMode) {
  const ModeCase& c = GetParam();
  const Target target = c.chip_ram ? chip(c.target) : load_target(c.target);
  expect_identical(target, c.guest, c.traffic);
}

INSTANTIATE_TEST_SUITE_P(BenchmarksOnGenericCores, ProfileModesOn, testing::ValuesIn(generic_core_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(BenchmarksBehindChipFlashModels, ProfileModesOn, testing::ValuesIn(chip_flash_cases()),
                         case_name);

TEST(ProfileModes, HandCountedGuests) {
  const Target target = load_target("generic-m0");
  for (const char* guest : {"profile_calls_m0", "profile_flash_m0", "exc_basic_m0", "timing_m0"}) {
    expect_identical(target, guest, true);
  }
}

// `mcusim run --profile --json` of a workload, with MCUSIM_PROFILE_PRECISE=1
// (tests only: simulate_profiled's switch to the per-instruction mode) and without.
nlohmann::json workload_profile(const std::string& workload, bool precise) {
  if (precise) {
    ::setenv("MCUSIM_PROFILE_PRECISE", "1", 1);
  } else {
    ::unsetenv("MCUSIM_PROFILE_PRECISE");
  }
  const test::CommandResult result =
      test::run_mcusim({"run", "--workload", workload, "--inferences", "1", "--profile", "--json"});
  ::unsetenv("MCUSIM_PROFILE_PRECISE");
  EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.err;  // 1: over budget
  const auto report = nlohmann::json::parse(result.out);
  nlohmann::json kept;
  for (const char* field : {"cycles", "instructions", "functions", "call_edges", "lines", "profile", "layers"}) {
    if (report.contains(field)) kept[field] = report[field];
  }
  return kept;
}

TEST(ProfileModes, WorkloadReports) {
  for (const char* workload : {"touch", "sine", "anomaly-ae"}) {
    const nlohmann::json precise = workload_profile(workload, true);
    const nlohmann::json blocks = workload_profile(workload, false);
    ASSERT_TRUE(precise.contains("profile")) << workload;
    EXPECT_TRUE(precise == blocks) << workload << ": "
                                   << nlohmann::json::diff(precise, blocks).dump().substr(0, 2000);
  }
}

}  // namespace
}  // namespace mcusim::profiler
