// profiler/energy.hpp — energy from cycles and a target's power figures
// (sim/target/power_figures.hpp), the model of TIMING-FACTS.md "Power":
//
//   E = V × I(f) × t        I(f) = fixed + per_mhz × f, t = cycles / f
//
// Active cycles are priced at the run current (from flash, or from RAM when
// the code runs there), cycles asleep in WFI (RunResult::sleep_cycles) at the
// sleep current. Two optional refinements from the literature (Georgiou et
// al.; Nikov et al., cited there): a weight per instruction class on the run
// current, and an energy per flash access; each applies only when both the
// target gives the figure and the caller gives the counts.
//
// Duty cycle: a device that wakes `rate` times a second for one inference and
// sleeps in between draws on average
//
//   I_avg = E_inference × rate / V + I_idle × (1 − rate × t_inference)
//
// (TIMING-FACTS.md gives (E × rate + I_sleep × V) / V, which also charges the
// idle current while the inference runs; the two agree when rate × t ≪ 1.)
// docs/energy.md explains the model, its parameters and its limits.
#pragma once

#include "profiler/model_profile.hpp"
#include "sim/machine/run_result.hpp"
#include "sim/target/power_figures.hpp"
#include "sim/target/target.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace mcusim::profiler {

enum class CodeLocation : std::uint8_t { Flash, Ram };

// What a run did, as the energy model needs it.
struct Activity {
  std::uint64_t active_cycles = 0;  // the core running
  std::uint64_t sleep_cycles = 0;   // the core asleep in WFI
  // Active cycles per instruction class (kPowerClassNames order), summing to
  // active_cycles: from the attribution profile when it ran.
  std::optional<std::array<std::uint64_t, kPowerClassNames.size()>> class_cycles{};
  std::optional<std::uint64_t> flash_accesses{};  // flash reads (fetches and data)
};

struct EnergyEstimate {
  double seconds = 0;
  double active_uj = 0;
  double sleep_uj = 0;
  double flash_uj = 0;  // the per-access term; 0 when not applied
  double total_uj = 0;
  double average_power_mw = 0;  // total / seconds
  bool class_weights_applied = false;
  bool flash_term_applied = false;
  // The run slept but the target gives no sleep current: priced at the run
  // current, an upper bound.
  bool sleep_at_run_current = false;
};

class EnergyModel {
 public:
  // Throws mcusim::Error (Internal) when clock_hz is 0.
  EnergyModel(const PowerFigures& power, std::uint64_t clock_hz, CodeLocation code);

  double supply_v() const noexcept { return power_.supply_v; }
  std::uint64_t clock_hz() const noexcept { return clock_hz_; }
  CodeLocation code_location() const noexcept { return code_; }
  const PowerFigures& figures() const noexcept { return power_; }
  // µA at the model's clock: from RAM when the code runs there and the
  // target gives that figure, else from flash.
  double run_current_ua() const noexcept;
  std::optional<double> sleep_current_ua() const noexcept;
  // Between inferences: deep_sleep_ua, else the sleep current; nullopt if neither.
  std::optional<double> idle_current_ua() const noexcept;

  // µJ of `cycles` at the run current, no refinement: V × I × cycles / f.
  double active_uj(std::uint64_t cycles) const noexcept;
  EnergyEstimate estimate(const Activity& activity) const noexcept;

 private:
  PowerFigures power_;
  std::uint64_t clock_hz_;
  CodeLocation code_;
};

// Where a program's code runs: the region of its entry point (RAM for a
// program linked to run from RAM, flash otherwise).
CodeLocation code_location_of(const Target& target, std::uint32_t entry) noexcept;

// The model of a target, or nullopt when its file has no [power] table.
std::optional<EnergyModel> energy_model_for(const Target& target, CodeLocation code);

// The whole run: active = cycles − sleep_cycles, asleep = sleep_cycles.
Activity run_activity(const RunResult& run) noexcept;

// What a report prints of a run's energy: the figures used and the estimate.
struct RunEnergy {
  double supply_v = 0;
  double run_current_ua = 0;  // at the run's clock, for where the code ran
  CodeLocation code = CodeLocation::Flash;
  std::optional<double> sleep_current_ua{};
  std::optional<double> idle_current_ua{};  // between inferences (duty cycle)
  EnergyEstimate estimate;                // the whole run
  std::string source;                     // the target's [power] source
};
RunEnergy run_energy(const EnergyModel& model, const Activity& activity);

// Per inference of a model run, from the profile's cycle counts (an
// inference does not sleep: the run harness never executes WFI).
struct InferenceEnergy {
  double cold_uj = 0;
  double worst_uj = 0;  // what an energy_uj budget judges, as latency's worst
  double mean_uj = 0;   // over all inferences, the cold one included
  double power_mw = 0;  // while an inference runs: V × I_run
};
InferenceEnergy inference_energy(const EnergyModel& model, const ModelProfile& profile);

struct DutyCycle {
  double rate_hz = 0;
  double inference_uj = 0;       // the energy one wake-up costs (the worst inference)
  double inference_seconds = 0;
  double active_share = 0;       // rate × t_inference, 0..1
  double idle_current_ua = 0;
  double average_current_ua = 0;
  double average_power_mw = 0;   // average current × V
  std::optional<double> battery_mah{};
  std::optional<double> battery_life_hours{};  // battery_mah / average current
};

// Throws mcusim::Error (Usage, exit 2): rate not above 0, an inference too
// long for the rate (rate × t > 1), no idle current in the target's figures,
// a battery capacity not above 0.
DutyCycle duty_cycle(const EnergyModel& model, double inference_uj, double inference_seconds, double rate_hz,
                     std::optional<double> battery_mah, const std::string& target_name);

}  // namespace mcusim::profiler
