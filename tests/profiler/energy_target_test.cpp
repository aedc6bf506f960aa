// The [power] table of a target file (sim/target/power_fields.cpp): read as
// written, every mistake an error at file:line:column with advice, and the
// bundled targets' figures as their files state them.
#include <gtest/gtest.h>

#include <string>

#include "profiler/energy.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"

namespace mcusim {
namespace {

// Line numbers matter: the [power] table starts on line 18.
constexpr std::string_view kTarget = R"(name = "power-board"
core = "cortex-m0"
clock_hz = 48_000_000

[[memory]]
name = "flash"
kind = "flash"
base = 0x0000_0000
size = 0x0001_0000
access = "rx"

[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x2000
access = "rwx"
[power]
supply_v = 3.3
run_ua_per_mhz = 62
run_ua = 228
sleep_ua = 40
source = "SAMD21 as TIMING-FACTS.md gives it"
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(kTarget);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test text has no '" << from << "'";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Error rejected(const std::string& text) {
  try {
    parse_target(text, "boards/p.toml");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_FALSE(error.advice().empty()) << error.what();
    return error;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return Error(ErrorKind::Internal, "no error");
}

#define EXPECT_HAS(text, part) EXPECT_NE(std::string_view(text).find(part), std::string_view::npos) << (text)

TEST(PowerFields, ReadsTheFiguresAsWritten) {
  const Target target = parse_target(kTarget, "boards/p.toml");
  ASSERT_TRUE(target.power);
  EXPECT_DOUBLE_EQ(target.power->supply_v, 3.3);
  EXPECT_DOUBLE_EQ(target.power->run.ua_per_mhz, 62);
  EXPECT_DOUBLE_EQ(target.power->run.fixed_ua, 228);
  EXPECT_DOUBLE_EQ(target.power->run.at(48'000'000), 62 * 48 + 228);
  ASSERT_TRUE(target.power->sleep);
  EXPECT_DOUBLE_EQ(target.power->sleep->at(48'000'000), 40);
  EXPECT_FALSE(target.power->run_from_ram);
  EXPECT_FALSE(target.power->deep_sleep_ua);
  EXPECT_FALSE(target.power->class_weights);
  EXPECT_EQ(target.power->source, "SAMD21 as TIMING-FACTS.md gives it");
}

TEST(PowerFields, ATargetWithoutPowerHasNoEnergyModel) {
  const std::string text(kTarget.substr(0, kTarget.find("[power]")));
  const Target target = parse_target(text, "boards/p.toml");
  EXPECT_FALSE(target.power);
  EXPECT_FALSE(profiler::energy_model_for(target, profiler::CodeLocation::Flash));
}

TEST(PowerFields, ReadsClassWeightsAndTheFlashTerm) {
  const Target target = parse_target(
      with("sleep_ua = 40\n", "flash_access_pj = 25\n") + "[power.class_weights]\nload = 1.5\nmultiply = 2\n",
      "boards/p.toml");
  ASSERT_TRUE(target.power->class_weights);
  const PowerClassWeights& w = *target.power->class_weights;
  EXPECT_DOUBLE_EQ(w[0], 1.0);  // alu: not given
  EXPECT_DOUBLE_EQ(w[1], 2.0);  // multiply
  EXPECT_DOUBLE_EQ(w[3], 1.5);  // load
  EXPECT_DOUBLE_EQ(*target.power->flash_access_pj, 25);
}

TEST(PowerFields, RejectsAMisspelledKeySuggestingTheClosest) {
  const Error error = rejected(with("run_ua_per_mhz = 62", "run_ua_per_mzh = 62"));
  EXPECT_HAS(error.what(), "boards/p.toml:20:1: unknown key 'run_ua_per_mzh' in [power]");
  EXPECT_HAS(error.what(), "did you mean 'run_ua_per_mhz'?");
}

TEST(PowerFields, RejectsANegativeFigureAtItsPosition) {
  const Error error = rejected(with("sleep_ua = 40", "sleep_ua = -40"));
  EXPECT_HAS(error.what(), "boards/p.toml:22:12: sleep_ua = -40 in [power] is out of range");
}

TEST(PowerFields, RejectsAFigureThatIsNotANumber) {
  const Error error = rejected(with("supply_v = 3.3", "supply_v = \"3.3 V\""));
  EXPECT_HAS(error.what(), "boards/p.toml:19:12: supply_v in [power] must be a number, not a string");
}

TEST(PowerFields, RequiresSupplyVoltageRunCurrentAndSource) {
  EXPECT_HAS(rejected(with("supply_v = 3.3\n", "")).what(), "missing required key 'supply_v' in [power]");
  EXPECT_HAS(rejected(with("supply_v = 3.3", "supply_v = 0")).what(), "supply_v = 0 in [power]");
  EXPECT_HAS(rejected(with("run_ua_per_mhz = 62\nrun_ua = 228\n", "")).what(),
             "[power] gives no run current above 0 at the target's 48000000 Hz");
  EXPECT_HAS(rejected(with("source = \"SAMD21 as TIMING-FACTS.md gives it\"\n", "")).what(),
             "missing required key 'source' in [power]");
}

TEST(PowerFields, RejectsAnUnknownInstructionClass) {
  const Error error = rejected(std::string(kTarget) + "[power.class_weights]\nlaod = 1.5\n");
  EXPECT_HAS(error.what(), "unknown key 'laod' in [power.class_weights]; did you mean 'load'?");
}

TEST(PowerFields, BundledTargetsCarryTheirSourcedFigures) {
  // TIMING-FACTS.md "Power": STM32F031 11.4 mA at 48 MHz, 3.6 V, from flash.
  const Target touch = load_target("touch-m0");
  ASSERT_TRUE(touch.power);
  EXPECT_DOUBLE_EQ(touch.power->supply_v, 3.6);
  EXPECT_NEAR(touch.power->run.at(touch.clock_hz), 11'400, 1e-9);
  EXPECT_NEAR(touch.power->run_from_ram->at(touch.clock_hz), 10'300, 0.1);
  // STM32L412's 79 µA/MHz with LDO, for the STM32L4R5 at 120 MHz.
  const Target l4 = load_target("stm32l4r5zi");
  ASSERT_TRUE(l4.power);
  EXPECT_NEAR(l4.power->run.at(l4.clock_hz), 79 * 120, 1e-9);
  // STM32L031's figures on the generic M0+: 76 µA/MHz run, 0.6 µA stop.
  const Target m0plus = load_target("generic-m0plus");
  ASSERT_TRUE(m0plus.power);
  EXPECT_NEAR(m0plus.power->run.at(m0plus.clock_hz), 76 * 64, 1e-9);
  EXPECT_DOUBLE_EQ(*m0plus.power->deep_sleep_ua, 0.6);
  // No figure to cite: no [power], so energy is null.
  EXPECT_FALSE(load_target("nrf52840").power);
  for (const Target& target : list_bundled_targets()) {
    if (!target.power) continue;
    EXPECT_FALSE(target.power->source.empty()) << target.name;
    EXPECT_GT(target.power->run.at(target.clock_hz), 0) << target.name;
  }
}

}  // namespace
}  // namespace mcusim
