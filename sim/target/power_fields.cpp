// sim/target/power_fields.cpp — the [power] table of a target file.
#include "sim/target/power_fields.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace mcusim {
namespace {

constexpr std::string_view kContext = "in [power]";
constexpr std::string_view kWeightsContext = "in [power.class_weights]";

constexpr KeySpec kPower{"power", "[power] with supply_v, run_ua_per_mhz and source"};
constexpr KeySpec kSupply{"supply_v", "supply_v = 3.3  # volts the datasheet's currents are given at"};
constexpr KeySpec kRunPerMhz{"run_ua_per_mhz", "run_ua_per_mhz = 76  # µA per MHz, code running from flash"};
constexpr KeySpec kRunFixed{"run_ua", "run_ua = 228  # µA drawn at any clock, code running from flash"};
constexpr KeySpec kRamPerMhz{"run_from_ram_ua_per_mhz", "run_from_ram_ua_per_mhz = 60  # µA per MHz, code in RAM"};
constexpr KeySpec kRamFixed{"run_from_ram_ua", "run_from_ram_ua = 200  # µA at any clock, code in RAM"};
constexpr KeySpec kSleepPerMhz{"sleep_ua_per_mhz", "sleep_ua_per_mhz = 20  # µA per MHz in WFI sleep"};
constexpr KeySpec kSleepFixed{"sleep_ua", "sleep_ua = 500  # µA in WFI sleep at any clock"};
constexpr KeySpec kDeepSleep{"deep_sleep_ua", "deep_sleep_ua = 0.6  # µA between inferences (stop mode)"};
constexpr KeySpec kFlashAccess{"flash_access_pj", "flash_access_pj = 30  # pJ per flash read"};
constexpr KeySpec kWeights{"class_weights", "[power.class_weights] with alu = 1.0, load = 1.2, ..."};
constexpr KeySpec kSource{"source", "source = \"datasheet, table and conditions of these figures\""};
constexpr std::array kPowerKeys{kSupply,     kRunPerMhz, kRunFixed,    kRamPerMhz, kRamFixed, kSleepPerMhz,
                                kSleepFixed, kDeepSleep, kFlashAccess, kWeights,   kSource};

// Figures above these are typos, not parts: no microcontroller runs on more
// than 10 V or draws an ampere.
constexpr double kMaxVolts = 10;
constexpr double kMaxMicroamps = 1e6;
constexpr double kMaxWeight = 100;

double number(const TomlFields& fields, const toml::node& node, const KeySpec& spec, std::string_view context,
              double high) {
  std::optional<double> value;
  if (const auto* integer = node.as_integer()) value = static_cast<double>(integer->get());
  if (const auto* real = node.as_floating_point()) value = real->get();
  if (!value) {
    fields.fail(node.source(), fmt::format("write {}", spec.example),
                fmt::format("{} {} must be a number, not {}", spec.key, context, toml_type_name(node.type())));
  }
  if (!std::isfinite(*value) || *value < 0 || *value > high) {
    fields.fail(node.source(),
                fmt::format("give the datasheet's figure, 0 .. {:g}, with its source; e.g. {}", high, spec.example),
                fmt::format("{} = {:g} {} is out of range", spec.key, *value, context));
  }
  return *value;
}

std::optional<double> optional_number(const TomlFields& fields, const toml::table& table, const KeySpec& spec,
                                      double high) {
  const toml::node* node = table.get(spec.key);
  if (node == nullptr) return std::nullopt;
  return number(fields, *node, spec, kContext, high);
}

// A current given as a part per MHz and/or a fixed part; nullopt when
// neither key is present.
std::optional<CurrentFigure> current(const TomlFields& fields, const toml::table& table, const KeySpec& per_mhz,
                                     const KeySpec& fixed) {
  const std::optional<double> slope = optional_number(fields, table, per_mhz, kMaxMicroamps);
  const std::optional<double> offset = optional_number(fields, table, fixed, kMaxMicroamps);
  if (!slope && !offset) return std::nullopt;
  return CurrentFigure{slope.value_or(0), offset.value_or(0)};
}

PowerClassWeights parse_weights(const TomlFields& fields, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    fields.fail(node.source(), "write a [power.class_weights] section with alu = 1.0, load = 1.2, ...",
                fmt::format("class_weights {} must be a table, not {}", kContext, toml_type_name(node.type())));
  }
  std::vector<KeySpec> keys;
  for (std::string_view name : kPowerClassNames) keys.push_back({name, "load = 1.2  # relative to the run current"});
  fields.check_keys(*table, keys, kWeightsContext);
  PowerClassWeights weights;
  weights.fill(1.0);
  for (std::size_t i = 0; i < kPowerClassNames.size(); ++i) {
    if (const toml::node* weight = table->get(kPowerClassNames[i])) {
      weights[i] = number(fields, *weight, keys[i], kWeightsContext, kMaxWeight);
    }
  }
  return weights;
}

}  // namespace

const KeySpec& power_key() noexcept { return kPower; }

PowerFigures parse_power_figures(const TomlFields& fields, const toml::node& node, std::uint64_t clock_hz) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    fields.fail(node.source(), "write a [power] section with supply_v, run_ua_per_mhz (or run_ua) and source",
                fmt::format("power must be a table, not {}", toml_type_name(node.type())));
  }
  fields.check_keys(*table, kPowerKeys, kContext);
  PowerFigures power;
  const toml::node& supply = fields.require(*table, kSupply, kContext);
  power.supply_v = number(fields, supply, kSupply, kContext, kMaxVolts);
  if (power.supply_v == 0) {
    fields.fail(supply.source(), fmt::format("write {}", kSupply.example), "supply_v = 0 in [power]: no energy at 0 V");
  }
  const std::optional<CurrentFigure> run = current(fields, *table, kRunPerMhz, kRunFixed);
  if (!run || run->at(clock_hz) <= 0) {
    fields.fail(table->source(),
                fmt::format("write {} and/or {}, from the datasheet's run-mode table", kRunPerMhz.example,
                            kRunFixed.example),
                fmt::format("[power] gives no run current above 0 at the target's {} Hz", clock_hz));
  }
  power.run = *run;
  power.run_from_ram = current(fields, *table, kRamPerMhz, kRamFixed);
  power.sleep = current(fields, *table, kSleepPerMhz, kSleepFixed);
  power.deep_sleep_ua = optional_number(fields, *table, kDeepSleep, kMaxMicroamps);
  power.flash_access_pj = optional_number(fields, *table, kFlashAccess, kMaxMicroamps);
  if (const toml::node* weights = table->get(kWeights.key)) power.class_weights = parse_weights(fields, *weights);
  power.source = fields.as_string(fields.require(*table, kSource, kContext), kSource, kContext);
  if (power.source.empty()) {
    fields.fail(table->get(kSource.key)->source(), fmt::format("write {}", kSource.example),
                "source in [power] is empty: every figure needs its datasheet");
  }
  return power;
}

}  // namespace mcusim
