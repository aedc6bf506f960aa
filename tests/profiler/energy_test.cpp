// profiler/energy: E = V × I(f) × t on hand-computed numbers (TIMING-FACTS.md
// "Power"), the refinements, and the duty cycle.
#include "profiler/energy.hpp"

#include <gtest/gtest.h>

#include "sim/error.hpp"

namespace mcusim::profiler {
namespace {

// The STM32F031 figure of TIMING-FACTS.md "Power": 11.4 mA from flash and
// 10.3 mA from RAM at 48 MHz and 3.6 V, as µA/MHz.
PowerFigures stm32f031() {
  PowerFigures p;
  p.supply_v = 3.6;
  p.run = {11'400.0 / 48, 0};
  p.run_from_ram = CurrentFigure{10'300.0 / 48, 0};
  p.source = "test";
  return p;
}

TEST(Energy, RunCurrentTimesVoltageTimesTimeOnTheStm32F031Figure) {
  const EnergyModel model(stm32f031(), 48'000'000, CodeLocation::Flash);
  EXPECT_DOUBLE_EQ(model.run_current_ua(), 11'400.0);
  // 48,000 cycles at 48 MHz = 1 ms: 3.6 V × 11.4 mA × 1 ms = 41.04 µJ.
  EXPECT_NEAR(model.active_uj(48'000), 41.04, 1e-9);
  const EnergyEstimate e = model.estimate({.active_cycles = 48'000});
  EXPECT_NEAR(e.total_uj, 41.04, 1e-9);
  EXPECT_NEAR(e.seconds, 1e-3, 1e-15);
  // 41.04 µJ in 1 ms = 41.04 mW = 3.6 V × 11.4 mA.
  EXPECT_NEAR(e.average_power_mw, 41.04, 1e-9);
}

TEST(Energy, CodeInRamUsesTheFromRamFigure) {
  const EnergyModel model(stm32f031(), 48'000'000, CodeLocation::Ram);
  EXPECT_NEAR(model.run_current_ua(), 10'300.0, 1e-9);
  // 3.6 V × 10.3 mA × 1 ms = 37.08 µJ.
  EXPECT_NEAR(model.active_uj(48'000), 37.08, 1e-9);
}

TEST(Energy, FixedPartAddsToThePartPerMegahertz) {
  // SAMD21 as TIMING-FACTS.md gives it: 62 µA/MHz × f + 228 µA.
  PowerFigures p;
  p.supply_v = 3.3;
  p.run = {62, 228};
  const EnergyModel model(p, 48'000'000, CodeLocation::Flash);
  EXPECT_NEAR(model.run_current_ua(), 62 * 48 + 228, 1e-9);  // 3,204 µA
  // 3.3 V × 3,204 µA × 1 ms = 10.5732 µJ.
  EXPECT_NEAR(model.active_uj(48'000), 10.5732, 1e-9);
}

TEST(Energy, DoublingTheClockAtFixedMicroampsPerMegahertzKeepsEnergyPerCycle) {
  PowerFigures p = stm32f031();
  const EnergyModel slow(p, 48'000'000, CodeLocation::Flash);
  const EnergyModel fast(p, 96'000'000, CodeLocation::Flash);
  EXPECT_NEAR(fast.active_uj(1'000'000), slow.active_uj(1'000'000), 1e-9);
  // A fixed part makes the faster clock cheaper per cycle: it flows for half the time.
  p.run.fixed_ua = 1'000;
  EXPECT_LT(EnergyModel(p, 96'000'000, CodeLocation::Flash).active_uj(1'000'000),
            EnergyModel(p, 48'000'000, CodeLocation::Flash).active_uj(1'000'000));
}

TEST(Energy, SleepCyclesArePricedAtTheSleepCurrent) {
  PowerFigures p;
  p.supply_v = 2.0;
  p.run = {100, 0};  // 1,000 µA at 10 MHz
  p.sleep = CurrentFigure{0, 50};
  const EnergyModel model(p, 10'000'000, CodeLocation::Flash);
  const EnergyEstimate e = model.estimate({.active_cycles = 10'000, .sleep_cycles = 20'000});
  EXPECT_NEAR(e.active_uj, 2.0 * 1'000 * 1e-3, 1e-12);  // 1 ms awake: 2 µJ
  EXPECT_NEAR(e.sleep_uj, 2.0 * 50 * 2e-3, 1e-12);      // 2 ms asleep: 0.2 µJ
  EXPECT_NEAR(e.total_uj, 2.2, 1e-12);
  EXPECT_NEAR(e.average_power_mw, 2.2 / 3e-3 / 1000, 1e-12);  // 2.2 µJ over 3 ms
  EXPECT_FALSE(e.sleep_at_run_current);
}

TEST(Energy, SleepWithoutASleepFigureIsPricedAtTheRunCurrentAndSaysSo) {
  const EnergyModel model(stm32f031(), 48'000'000, CodeLocation::Flash);
  const EnergyEstimate e = model.estimate({.active_cycles = 0, .sleep_cycles = 48'000});
  EXPECT_NEAR(e.sleep_uj, 41.04, 1e-9);
  EXPECT_TRUE(e.sleep_at_run_current);
}

TEST(Energy, ClassWeightsAndFlashTermApplyOnlyWithTheirCounts) {
  PowerFigures p;
  p.supply_v = 1.0;
  p.run = {0, 1'000};  // 1 mA at any clock
  PowerClassWeights weights;
  weights.fill(1.0);
  weights[3] = 2.0;  // load
  p.class_weights = weights;
  p.flash_access_pj = 30;
  const EnergyModel model(p, 1'000'000, CodeLocation::Flash);  // 1 cycle = 1 µs
  Activity activity{.active_cycles = 10'000};
  EnergyEstimate plain = model.estimate(activity);
  EXPECT_NEAR(plain.total_uj, 10.0, 1e-12);  // 1 V × 1 mA × 10 ms
  EXPECT_FALSE(plain.class_weights_applied);
  EXPECT_FALSE(plain.flash_term_applied);

  activity.class_cycles = std::array<std::uint64_t, 7>{6'000, 0, 0, 4'000, 0, 0, 0};
  activity.flash_accesses = 1'000;
  const EnergyEstimate refined = model.estimate(activity);
  // (6,000 × 1 + 4,000 × 2) weighted cycles = 14 ms at 1 mA, 1 V: 14 µJ;
  // 1,000 flash reads × 30 pJ = 0.03 µJ.
  EXPECT_NEAR(refined.active_uj, 14.0, 1e-12);
  EXPECT_NEAR(refined.flash_uj, 0.03, 1e-12);
  EXPECT_NEAR(refined.total_uj, 14.03, 1e-12);
  EXPECT_TRUE(refined.class_weights_applied);
  EXPECT_TRUE(refined.flash_term_applied);
}

TEST(Energy, RunActivitySplitsCyclesIntoAwakeAndAsleep) {
  RunResult run;
  run.cycles = 10'000;
  run.sleep_cycles = 7'000;
  const Activity a = run_activity(run);
  EXPECT_EQ(a.active_cycles, 3'000u);
  EXPECT_EQ(a.sleep_cycles, 7'000u);
}

TEST(Energy, InferenceEnergyFromTheProfileCycles) {
  const EnergyModel model(stm32f031(), 48'000'000, CodeLocation::Flash);
  ModelProfile profile;
  profile.cold_cycles = 4'800;  // 100 µs: 4.104 µJ
  profile.warm = {.count = 3, .min = 2'400, .max = 2'400, .mean = 2'400};
  profile.worst_cycles = 4'800;
  const InferenceEnergy e = inference_energy(model, profile);
  EXPECT_NEAR(e.cold_uj, 4.104, 1e-12);
  EXPECT_NEAR(e.worst_uj, 4.104, 1e-12);
  // Mean over four inferences: (4,800 + 3 × 2,400) / 4 = 3,000 cycles = 2.565 µJ.
  EXPECT_NEAR(e.mean_uj, 2.565, 1e-12);
  EXPECT_NEAR(e.power_mw, 41.04, 1e-9);
}

PowerFigures with_idle(double idle_ua) {
  PowerFigures p;
  p.supply_v = 3.0;
  p.run = {100, 0};
  p.deep_sleep_ua = idle_ua;
  return p;
}

TEST(Energy, DutyCycleAverageCurrentAndBatteryLife) {
  const EnergyModel model(with_idle(2.0), 10'000'000, CodeLocation::Flash);
  // 30 µJ per inference of 1 ms, 10 per second, 2 µA between them:
  // 30 µJ × 10 /s / 3 V = 100 µA, plus 2 µA × (1 − 0.01) = 1.98 µA.
  const DutyCycle d = duty_cycle(model, 30.0, 1e-3, 10.0, 220.0, "t");
  EXPECT_NEAR(d.active_share, 0.01, 1e-15);
  EXPECT_NEAR(d.average_current_ua, 101.98, 1e-9);
  EXPECT_NEAR(d.average_power_mw, 101.98 * 3.0 / 1000, 1e-12);
  ASSERT_TRUE(d.battery_life_hours);
  EXPECT_NEAR(*d.battery_life_hours, 220.0 / 0.10198, 1e-6);  // 2,157.28 h
}

TEST(Energy, DutyCycleUsesTheSleepCurrentWhenNoDeepSleepIsGiven) {
  PowerFigures p = with_idle(0);
  p.deep_sleep_ua.reset();
  p.sleep = CurrentFigure{1.0, 0};  // 10 µA at 10 MHz
  const DutyCycle d = duty_cycle(EnergyModel(p, 10'000'000, CodeLocation::Flash), 0.0, 0.0, 1.0, {}, "t");
  EXPECT_NEAR(d.idle_current_ua, 10.0, 1e-12);
  EXPECT_NEAR(d.average_current_ua, 10.0, 1e-12);
  EXPECT_FALSE(d.battery_life_hours);
}

TEST(Energy, DutyCycleRefusesImpossibleRatesAndMissingIdleCurrent) {
  const EnergyModel model(with_idle(2.0), 10'000'000, CodeLocation::Flash);
  const auto kind_of = [](auto&& call) {
    try {
      call();
    } catch (const Error& error) {
      return error.kind();
    }
    return ErrorKind::Internal;
  };
  // 1 ms inferences: at most 1,000 per second.
  EXPECT_EQ(kind_of([&] { duty_cycle(model, 30.0, 1e-3, 2'000.0, {}, "t"); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { duty_cycle(model, 30.0, 1e-3, 0.0, {}, "t"); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { duty_cycle(model, 30.0, 1e-3, 1.0, 0.0, "t"); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { duty_cycle(EnergyModel(stm32f031(), 48'000'000, CodeLocation::Flash), 30.0, 1e-3, 1.0, {}, "t"); }),
            ErrorKind::Usage);
}

}  // namespace
}  // namespace mcusim::profiler
