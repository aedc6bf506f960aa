#include "reports/json_report.hpp"

#include <cmath>

namespace mcusim {
namespace {

nlohmann::ordered_json fault_json(const GuestFault& fault) {
  nlohmann::ordered_json json;
  json["kind"] = fault.kind;
  json["detail"] = fault.detail;
  json["pc"] = fault.pc;
  json["symbol"] = fault.pc_symbol;
  json["address"] = fault.address ? nlohmann::ordered_json(*fault.address) : nullptr;
  json["address_note"] = fault.address ? nlohmann::ordered_json(fault.address_note) : nullptr;
  json["call_stack"] = fault.call_stack;
  json["hint"] = fault.hint;
  json["is_limit"] = fault.is_limit;
  return json;
}

// Latency rounded to a thousandth of a microsecond (a picosecond grid), so the
// printed number is the same on every machine.
double rounded_latency(double us) { return std::round(us * 1000.0) / 1000.0; }

// Energy on a picojoule grid, power on a nanowatt grid: the same digits on every machine.
double rounded_uj(double uj) { return std::round(uj * 1e6) / 1e6; }

nlohmann::ordered_json energy_json(const profiler::RunEnergy& energy) {
  using json = nlohmann::ordered_json;
  const auto optional_ua = [](const std::optional<double>& ua) { return ua ? json(rounded_uj(*ua)) : json(nullptr); };
  const profiler::EnergyEstimate& e = energy.estimate;
  json j;
  j["model"] = "E = V x I(f) x t (docs/energy.md)";
  j["supply_v"] = energy.supply_v;
  j["code_in"] = energy.code == profiler::CodeLocation::Ram ? "ram" : "flash";
  j["run_current_ua"] = rounded_uj(energy.run_current_ua);
  j["sleep_current_ua"] = optional_ua(energy.sleep_current_ua);
  j["idle_current_ua"] = optional_ua(energy.idle_current_ua);
  j["run_uj"] = rounded_uj(e.total_uj);
  j["run_average_power_mw"] = rounded_uj(e.average_power_mw);
  j["active_uj"] = rounded_uj(e.active_uj);
  j["sleep_uj"] = rounded_uj(e.sleep_uj);
  j["flash_access_uj"] = e.flash_term_applied ? json(rounded_uj(e.flash_uj)) : json(nullptr);
  j["class_weights_applied"] = e.class_weights_applied;
  j["sleep_at_run_current"] = e.sleep_at_run_current;
  j["source"] = energy.source;
  return j;
}

}  // namespace

nlohmann::ordered_json report_json(const RunResult& run, const ReportContext& context) {
  nlohmann::ordered_json json;
  json["schema"] = kReportSchema;
  json["command"] = context.command;
  json["elf"] = context.elf.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(context.elf);
  json["target"] = run.target;
  json["core"] = std::string(core_name(run.core));
  json["clock_hz"] = run.clock_hz;
  json["status"] = run.fault ? (run.fault->is_limit ? "limit" : "faulted") : "exited";
  // A faulted run's counts describe a broken program: reported as null.
  const bool measured = !run.fault;
  json["cycles"] = measured ? nlohmann::ordered_json(run.cycles) : nullptr;
  json["instructions"] = measured ? nlohmann::ordered_json(run.instructions) : nullptr;
  // Cycles asleep in WFI, part of `cycles` (issue #4: reported apart for the energy model).
  json["sleep_cycles"] = measured ? nlohmann::ordered_json(run.sleep_cycles) : nullptr;
  json["latency_us"] = measured ? nlohmann::ordered_json(rounded_latency(run.latency_us())) : nullptr;
  json["exit_status"] = run.exit_status ? nlohmann::ordered_json(*run.exit_status) : nullptr;
  json["fault"] = run.fault ? fault_json(*run.fault) : nullptr;
  nlohmann::ordered_json toolchain;
  toolchain["elf_producer"] =
      run.elf_producer.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(run.elf_producer);
  json["toolchain"] = toolchain;
  // The whole run's energy; a model run's report puts the worst inference's here.
  const bool priced = measured && context.energy;
  json["energy_uj"] = priced ? nlohmann::ordered_json(rounded_uj(context.energy->estimate.total_uj)) : nullptr;
  json["average_power_mw"] =
      priced ? nlohmann::ordered_json(rounded_uj(context.energy->estimate.average_power_mw)) : nullptr;
  json["energy"] = priced ? energy_json(*context.energy) : nullptr;
  json["trace_markers"] = run.markers.size();
  json["console_bytes"] = run.console_bytes;
  return json;
}

// Keys sorted (nlohmann::json orders them), so the text does not depend on
// the order writers add fields in; numbers in nlohmann's shortest round-trip
// form, the same on every machine.
std::string to_text(const nlohmann::ordered_json& report) { return nlohmann::json(report).dump(2) + "\n"; }

}  // namespace mcusim
