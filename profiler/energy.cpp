// profiler/energy.cpp — see energy.hpp.
#include "profiler/energy.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mcusim::profiler {
namespace {

constexpr double kMicrojoulesPerPicojoule = 1e-6;

}  // namespace

EnergyModel::EnergyModel(const PowerFigures& power, std::uint64_t clock_hz, CodeLocation code)
    : power_(power), clock_hz_(clock_hz), code_(code) {
  if (clock_hz_ == 0) throw Error(ErrorKind::Internal, "energy model for a clock of 0 Hz");
}

double EnergyModel::run_current_ua() const noexcept {
  if (code_ == CodeLocation::Ram && power_.run_from_ram) return power_.run_from_ram->at(clock_hz_);
  return power_.run.at(clock_hz_);
}

std::optional<double> EnergyModel::sleep_current_ua() const noexcept {
  if (!power_.sleep) return std::nullopt;
  return power_.sleep->at(clock_hz_);
}

std::optional<double> EnergyModel::idle_current_ua() const noexcept {
  if (power_.deep_sleep_ua) return power_.deep_sleep_ua;
  return sleep_current_ua();
}

double EnergyModel::active_uj(std::uint64_t cycles) const noexcept {
  // E = V × I × t (TIMING-FACTS.md "Power"); V × µA × s = µJ.
  return power_.supply_v * run_current_ua() * static_cast<double>(cycles) / static_cast<double>(clock_hz_);
}

EnergyEstimate EnergyModel::estimate(const Activity& activity) const noexcept {
  const double hz = static_cast<double>(clock_hz_);
  EnergyEstimate e;
  e.seconds = static_cast<double>(activity.active_cycles + activity.sleep_cycles) / hz;
  if (power_.class_weights && activity.class_cycles) {
    // Weighted cycles: each class's cycles at its share of the run current.
    double weighted = 0;
    for (std::size_t i = 0; i < kPowerClassNames.size(); ++i) {
      weighted += (*power_.class_weights)[i] * static_cast<double>((*activity.class_cycles)[i]);
    }
    e.active_uj = power_.supply_v * run_current_ua() * weighted / hz;
    e.class_weights_applied = true;
  } else {
    e.active_uj = active_uj(activity.active_cycles);
  }
  if (power_.flash_access_pj && activity.flash_accesses) {
    e.flash_uj = *power_.flash_access_pj * static_cast<double>(*activity.flash_accesses) * kMicrojoulesPerPicojoule;
    e.flash_term_applied = true;
  }
  const std::optional<double> sleep = sleep_current_ua();
  e.sleep_at_run_current = activity.sleep_cycles > 0 && !sleep;
  e.sleep_uj = power_.supply_v * sleep.value_or(run_current_ua()) * static_cast<double>(activity.sleep_cycles) / hz;
  e.total_uj = e.active_uj + e.flash_uj + e.sleep_uj;
  // µJ / s = µW; / 1000 = mW.
  e.average_power_mw = e.seconds > 0 ? e.total_uj / e.seconds / 1000.0 : 0.0;
  return e;
}

CodeLocation code_location_of(const Target& target, std::uint32_t entry) noexcept {
  const MemoryRegion* region = target.region_at(entry & ~1u);
  return region != nullptr && region->kind == RegionKind::Ram ? CodeLocation::Ram : CodeLocation::Flash;
}

std::optional<EnergyModel> energy_model_for(const Target& target, CodeLocation code) {
  if (!target.power) return std::nullopt;
  return EnergyModel(*target.power, target.clock_hz, code);
}

Activity run_activity(const RunResult& run) noexcept {
  Activity activity;
  activity.sleep_cycles = std::min(run.sleep_cycles, run.cycles);
  activity.active_cycles = run.cycles - activity.sleep_cycles;
  return activity;
}

RunEnergy run_energy(const EnergyModel& model, const Activity& activity) {
  RunEnergy r;
  r.supply_v = model.supply_v();
  r.run_current_ua = model.run_current_ua();
  r.code = model.code_location();
  r.sleep_current_ua = model.sleep_current_ua();
  r.idle_current_ua = model.idle_current_ua();
  r.estimate = model.estimate(activity);
  r.source = model.figures().source;
  return r;
}

InferenceEnergy inference_energy(const EnergyModel& model, const ModelProfile& profile) {
  InferenceEnergy e;
  e.cold_uj = model.active_uj(profile.cold_cycles);
  e.worst_uj = model.active_uj(profile.worst_cycles);
  const double count = static_cast<double>(1 + profile.warm.count);
  const double mean_cycles =
      (static_cast<double>(profile.cold_cycles) + profile.warm.mean * static_cast<double>(profile.warm.count)) / count;
  e.mean_uj = model.supply_v() * model.run_current_ua() * mean_cycles / static_cast<double>(model.clock_hz());
  e.power_mw = model.supply_v() * model.run_current_ua() / 1000.0;  // V × µA = µW
  return e;
}

DutyCycle duty_cycle(const EnergyModel& model, double inference_uj, double inference_seconds, double rate_hz,
                     std::optional<double> battery_mah, const std::string& target_name) {
  if (!(rate_hz > 0)) {
    throw Error(ErrorKind::Usage, fmt::format("--rate {:g}: the inference rate must be above 0 Hz", rate_hz),
                "give inferences per second, e.g. --rate 10");
  }
  if (battery_mah && !(*battery_mah > 0)) {
    throw Error(ErrorKind::Usage, fmt::format("--battery-mah {:g}: a battery holds more than 0 mAh", *battery_mah),
                "give the capacity in mAh, e.g. --battery-mah 220 for a CR2032 coin cell");
  }
  const std::optional<double> idle = model.idle_current_ua();
  if (!idle) {
    throw Error(ErrorKind::Usage,
                fmt::format("--rate needs the current between inferences, and target '{}' gives none", target_name),
                "add deep_sleep_ua (stop mode with a wake-up timer) or sleep_ua to the target's [power] "
                "section, with its datasheet source (docs/targets.md), or leave --rate out");
  }
  DutyCycle d;
  d.rate_hz = rate_hz;
  d.inference_uj = inference_uj;
  d.inference_seconds = inference_seconds;
  d.active_share = rate_hz * inference_seconds;
  if (d.active_share > 1) {
    throw Error(ErrorKind::Usage,
                fmt::format("--rate {:g}: one inference takes {:.3f} ms, so at most {:.3f} fit in a second",
                            rate_hz, inference_seconds * 1e3, 1.0 / inference_seconds),
                "lower --rate, or pick a faster target");
  }
  d.idle_current_ua = *idle;
  // µJ × 1/s / V = µA; the idle current flows only while no inference runs.
  d.average_current_ua = inference_uj * rate_hz / model.supply_v() + *idle * (1.0 - d.active_share);
  d.average_power_mw = d.average_current_ua * model.supply_v() / 1000.0;
  d.battery_mah = battery_mah;
  if (battery_mah && d.average_current_ua > 0) d.battery_life_hours = *battery_mah / (d.average_current_ua / 1000.0);
  return d;
}

}  // namespace mcusim::profiler
