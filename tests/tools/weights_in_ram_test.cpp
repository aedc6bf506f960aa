// `mcusim run --weights-in ram|flash` (tools/mcusim/run_command.cpp,
// runtime/firmware Blob::in_ram): the plan copied to RAM at start-up gives
// the same outputs, costs its size in RAM, and on touch-m0 — 1 flash wait
// state at 48 MHz on every data read of flash (RM0091 §3.5.1, targets/
// touch-m0.toml) — fewer cycles; on a zero-wait target the same cycles.
// workload.toml's weights_in chooses the default; a bad value is exit 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json run_touch(const char* target, const char* weights_in) {
  std::vector<std::string> args = {"run", "--json", "--target", target, "--inferences", "1"};
  if (weights_in != nullptr) args.insert(args.end(), {"--weights-in", weights_in});
  const CommandResult result = run_mcusim(args);
  EXPECT_LE(result.exit_code, 1) << result.err;
  return json::parse(result.out);
}

TEST(WeightsInRam, SameOutputsMoreRamFewerCyclesBehindFlashWaitStates) {
  const json flash = run_touch("touch-m0", "flash");
  const json ram = run_touch("touch-m0", "ram");
  EXPECT_EQ(flash["weights_in"], "flash");
  EXPECT_EQ(ram["weights_in"], "ram");
  EXPECT_EQ(flash["outputs"], ram["outputs"]);
  EXPECT_EQ(flash["flash_bytes"], ram["flash_bytes"]);  // the image in flash is the same
  // RAM grows by the plan, give or take the 16-byte alignment of the plan
  // and of the arena (the flash figure counts the gap before the plan too).
  const auto plan = ram["flash_bytes"]["weights"].get<std::int64_t>();
  const auto growth = ram["ram_bytes"].get<std::int64_t>() - flash["ram_bytes"].get<std::int64_t>();
  EXPECT_GE(growth, plan - 16);
  EXPECT_LE(growth, plan + 16);
  EXPECT_LT(ram["inferences"]["worst_cycles"].get<std::uint64_t>(), flash["inferences"]["worst_cycles"].get<std::uint64_t>());
}

TEST(WeightsInRam, ZeroWaitTargetSameCycles) {
  const json flash = run_touch("generic-m0", "flash");
  const json ram = run_touch("generic-m0", "ram");
  EXPECT_EQ(flash["outputs"], ram["outputs"]);
  EXPECT_EQ(flash["inferences"]["worst_cycles"], ram["inferences"]["worst_cycles"]);
  EXPECT_EQ(flash["inferences"]["cold_cycles"], ram["inferences"]["cold_cycles"]);
}

TEST(WeightsInRam, TouchWorkloadChoosesRam) {
  EXPECT_EQ(run_touch("touch-m0", nullptr)["weights_in"], "ram");
}

TEST(WeightsInRam, BadWorkloadValueIsExit2NamingTheFile) {
  const fs::path dir = fs::temp_directory_path() / ("mcusim-weights-in-" + std::to_string(::getpid()));
  fs::create_directories(dir / "w");
  std::ofstream(dir / "w" / "model.toml") << "name = \"w\"\n[input]\nshape = [1, 2]\n"
                                             "calibration = { distribution = \"uniform\", low = -1.0, high = 1.0, samples = 4, seed = 1 }\n"
                                             "[[layer]]\nkind = \"fully_connected\"\nname = \"fc\"\nunits = 2\n"
                                             "weights = { init = \"glorot_uniform\", seed = 1 }\n";
  std::ofstream(dir / "w" / "workload.toml") << "target = \"generic-m0\"\nweights_in = \"sram\"\n";
  // MCUSIM_WORKLOADS_DIR points `--workload` at this folder (workloads.cpp).
  const CommandResult result =
      run_program("/usr/bin/env", {"MCUSIM_WORKLOADS_DIR=" + dir.string(), MCUSIM_BINARY, "run", "--workload", "w"});
  fs::remove_all(dir);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("workload.toml"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("weights_in"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace mcusim::test
