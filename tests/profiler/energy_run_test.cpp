// Energy end to end through the real binary: `mcusim run` and `mcusim exec`
// price cycles with the target's [power] figures (profiler/energy.hpp), WFI
// sleep at the sleep current, and `--rate` / `--battery-mah` give the duty
// cycle. Expected values come from the figures in the target files and the
// formula E = V × I(f) × t, computed here by hand.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json run_json(std::vector<std::string> args, int expected_exit = 0) {
  args.insert(args.begin() + 1, "--json");  // after the subcommand
  const CommandResult result = run_mcusim(args);
  EXPECT_EQ(result.exit_code, expected_exit) << result.err;
  return result.out.empty() ? json() : json::parse(result.out);
}

// generic-m0.toml with another clock (and name): zero-wait memory, so the
// cycle count does not depend on the clock.
fs::path generic_m0_at(const std::string& clock) {
  std::ifstream in(source_path("targets/generic-m0.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"clock_hz = 48_000_000", "clock_hz = " + clock},
                                 {"name = \"generic-m0\"", "name = \"energy-m0-" + clock + "\""}}) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  const fs::path file = fs::temp_directory_path() / ("mcusim_energy_m0_" + clock + ".toml");
  std::ofstream(file) << text;
  return file;
}

TEST(EnergyRun, DoublingTheClockAtFixedMicroampsPerMegahertzKeepsEnergyAndHalvesLatency) {
  const json slow = run_json({"run", "--workload", "sine", "--inferences", "1", "--target",
                              generic_m0_at("48_000_000").string()});
  const json fast = run_json({"run", "--workload", "sine", "--inferences", "1", "--target",
                              generic_m0_at("96_000_000").string()});
  const auto cycles = slow["inferences"]["worst_cycles"].get<std::uint64_t>();
  ASSERT_GT(cycles, 0u);
  EXPECT_EQ(fast["inferences"]["worst_cycles"].get<std::uint64_t>(), cycles);  // zero wait states
  EXPECT_NEAR(fast["inferences"]["worst_latency_us"].get<double>() * 2,
              slow["inferences"]["worst_latency_us"].get<double>(), 0.002);
  // generic-m0 [power]: 237.5 µA/MHz, no fixed part, 3.6 V. E = V × (237.5 µA × f/MHz) × cycles / f
  // = 3.6 × 237.5 × cycles × 1e-6 µJ, whatever f is.
  const double expected_uj = 3.6 * 237.5 * static_cast<double>(cycles) * 1e-6;
  EXPECT_NEAR(slow["energy_uj"].get<double>(), expected_uj, 2e-6);
  EXPECT_NEAR(fast["energy_uj"].get<double>(), expected_uj, 2e-6);
  EXPECT_NEAR(slow["inferences"]["worst_energy_uj"].get<double>(), expected_uj, 2e-6);
  // Power doubles with the clock: 3.6 V × 11.4 mA, then × 22.8 mA.
  EXPECT_NEAR(slow["average_power_mw"].get<double>(), 3.6 * 11.4, 1e-6);
  EXPECT_NEAR(fast["average_power_mw"].get<double>(), 3.6 * 22.8, 1e-6);
}

TEST(EnergyRun, WfiSleepIsPricedAtTheSleepCurrent) {
  const json report = run_json({"exec", "--target", "generic-m0plus", guest_elf("wfi_sleep_m0plus").string()});
  const auto cycles = report["cycles"].get<std::uint64_t>();
  const auto asleep = report["sleep_cycles"].get<std::uint64_t>();
  // Five WFIs, each until the next tick of a 1000-clock SysTick: most of the run.
  ASSERT_GT(asleep, 4'000u);
  ASSERT_LT(asleep, cycles);
  // generic-m0plus [power] at 64 MHz and 3.0 V: run 76 µA/MHz = 4,864 µA,
  // sleep 62.5 µA/MHz = 4,000 µA. E = V × I × cycles / 64e6.
  const double awake_uj = 3.0 * 4'864 * static_cast<double>(cycles - asleep) / 64e6;
  const double sleep_uj = 3.0 * 4'000 * static_cast<double>(asleep) / 64e6;
  const json& energy = report["energy"];
  EXPECT_NEAR(energy["active_uj"].get<double>(), awake_uj, 1e-6);
  EXPECT_NEAR(energy["sleep_uj"].get<double>(), sleep_uj, 1e-6);
  EXPECT_NEAR(report["energy_uj"].get<double>(), awake_uj + sleep_uj, 2e-6);
  EXPECT_EQ(energy["sleep_at_run_current"], false);
  EXPECT_EQ(energy["code_in"], "flash");
}

TEST(EnergyRun, WfiSleepWithoutASleepFigureIsPricedAtTheRunCurrentAndFlagged) {
  const json report = run_json({"exec", "--target", "generic-m0", guest_elf("wfi_sleep_m0plus").string()});
  const auto asleep = report["sleep_cycles"].get<std::uint64_t>();
  // generic-m0: 237.5 µA/MHz at 48 MHz = 11,400 µA, 3.6 V, and no sleep current.
  EXPECT_NEAR(report["energy"]["sleep_uj"].get<double>(), 3.6 * 11'400 * static_cast<double>(asleep) / 48e6, 1e-6);
  EXPECT_EQ(report["energy"]["sleep_at_run_current"], true);
}

TEST(EnergyRun, ATargetWithoutPowerFiguresReportsNullEnergy) {
  const json exec = run_json({"exec", "--target", "nrf52840", guest_elf("wfi_sleep_m0plus").string()});
  EXPECT_TRUE(exec["energy_uj"].is_null());
  EXPECT_TRUE(exec["average_power_mw"].is_null());
  EXPECT_TRUE(exec["energy"].is_null());
  const json run = run_json({"run", "--workload", "sine", "--inferences", "0", "--target", "nrf52840"});
  EXPECT_TRUE(run["energy_uj"].is_null());
  EXPECT_TRUE(run["inferences"]["worst_energy_uj"].is_null());
  EXPECT_TRUE(run["duty_cycle"].is_null());
}

TEST(EnergyRun, RateAndBatteryGiveTheDutyCycle) {
  const json report = run_json({"run", "--workload", "sine", "--target", "generic-m0plus", "--inferences", "1",
                                "--rate", "10", "--battery-mah", "220"});
  const json& d = report["duty_cycle"];
  ASSERT_TRUE(d.is_object()) << report.dump(2);
  const double e_uj = report["energy_uj"].get<double>();
  const double t_s = report["inferences"]["worst_latency_us"].get<double>() * 1e-6;
  // I_avg = E × rate / V + I_idle × (1 − rate × t); generic-m0plus: 3.0 V,
  // deep_sleep_ua = 0.6 between inferences (STM32L031 stop mode with RTC).
  const double average_ua = e_uj * 10 / 3.0 + 0.6 * (1 - 10 * t_s);
  EXPECT_EQ(d["rate_hz"].get<double>(), 10.0);
  EXPECT_NEAR(d["idle_current_ua"].get<double>(), 0.6, 1e-9);
  EXPECT_NEAR(d["average_current_ua"].get<double>(), average_ua, 1e-4);
  EXPECT_NEAR(d["battery_life_hours"].get<double>(), 220 / (average_ua / 1000), 220 / (average_ua / 1000) * 1e-4);
}

TEST(EnergyRun, RateIsRefusedWhereTheTargetCannotPriceTheIdleTime) {
  // touch-m0's [power] has no sleep current; nrf52840 has no [power] at all.
  CommandResult result = run_mcusim({"run", "--rate", "10"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("deep_sleep_ua"), std::string::npos) << result.err;
  result = run_mcusim({"run", "--workload", "sine", "--target", "nrf52840", "--rate", "10"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("no [power] section"), std::string::npos) << result.err;
  result = run_mcusim({"run", "--battery-mah", "220"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--battery-mah without --rate"), std::string::npos) << result.err;
  // A billion inferences a second: more than fit (rate × latency > 1).
  result = run_mcusim({"run", "--workload", "sine", "--target", "generic-m0plus", "--rate", "1e9"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
}

TEST(EnergyRun, EnergyBudgetIsJudgedOnTheWorstInference) {
  const fs::path budget = fs::temp_directory_path() / "mcusim_energy_budget.toml";
  std::ofstream(budget) << "energy_uj = 0.000001\n";
  const json report = run_json({"run", "--workload", "sine", "--inferences", "1", "--budget", budget.string()}, 1);
  ASSERT_EQ(report["budgets"].size(), 1u);
  EXPECT_EQ(report["budgets"][0]["name"], "energy_uj");
  EXPECT_EQ(report["budgets"][0]["value"].get<double>(), report["inferences"]["worst_energy_uj"].get<double>());
  EXPECT_EQ(report["budgets"][0]["pass"], false);
  // Without power figures nothing is measured, and a gate does not pass on nothing.
  const json unpriced = run_json(
      {"run", "--workload", "sine", "--inferences", "0", "--target", "nrf52840", "--budget", budget.string()}, 1);
  EXPECT_TRUE(unpriced["budgets"][0]["value"].is_null());
}

}  // namespace
}  // namespace mcusim::test
