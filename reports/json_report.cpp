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
  json["energy_uj"] = nullptr;  // no power figures in the target yet (issue #8)
  json["trace_markers"] = run.markers.size();
  json["console_bytes"] = run.console_bytes;
  return json;
}

// Keys sorted (nlohmann::json orders them), so the text does not depend on
// the order writers add fields in; numbers in nlohmann's shortest round-trip
// form, the same on every machine.
std::string to_text(const nlohmann::ordered_json& report) { return nlohmann::json(report).dump(2) + "\n"; }

}  // namespace mcusim
