// tools/mcusim/run_printout.cpp — see run_printout.hpp.
#include "tools/mcusim/run_printout.hpp"

#include "runtime/firmware/size_breakdown.hpp"
#include "tools/mcusim/fault_printout.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace mcusim::cli {
namespace {

std::string budget_value(const std::string& name, double value) {
  if (name == "latency_us" || name == "energy_uj") return fmt::format("{:.3f}", value);
  return firmware::grouped(static_cast<std::uint64_t>(value));
}

std::string budget_margin(const BudgetVerdict& verdict) {
  if (!verdict.margin()) return "not measured";
  const double margin = *verdict.margin();
  const double share = verdict.limit > 0 ? 100.0 * margin / verdict.limit : 0.0;
  const std::string magnitude = budget_value(verdict.name, margin < 0 ? -margin : margin);
  return fmt::format("{}{} ({:+.1f} %)", margin < 0 ? "-" : "", magnitude, share);
}

void print_energy(const ModelRunFacts& facts) {
  if (const auto& f = facts.flash_breakdown) {
    fmt::print("  flash parts   vectors {} + code {} + rodata {} + plan {} + weights {} + data {} + other {} B\n",
               firmware::grouped(f->vector_table_bytes), firmware::grouped(f->code_bytes),
               firmware::grouped(f->rodata_bytes), firmware::grouped(f->plan_bytes), firmware::grouped(f->weights_bytes),
               firmware::grouped(f->data_init_bytes), firmware::grouped(f->other_bytes));
  }
  const auto& energy = facts.inference_energy;
  if (!energy) {
    fmt::print("  energy        not estimated: the target has no [power] figures (docs/energy.md)\n");
    return;
  }
  fmt::print("  energy        {:.3f} uJ per inference (worst; mean {:.3f} uJ) at {:.3f} mW\n", energy->worst_uj,
             energy->mean_uj, energy->power_mw);
  if (const auto& d = facts.duty_cycle) {
    fmt::print("  duty cycle    {:g} inferences/s: {:.3f} uA average ({:.4f} mW)", d->rate_hz, d->average_current_ua,
               d->average_power_mw);
    if (d->battery_life_hours) {
      fmt::print("; {:g} mAh lasts {:.0f} h ({:.1f} days)", *d->battery_mah, *d->battery_life_hours,
                 *d->battery_life_hours / 24.0);
    }
    fmt::print("\n");
  }
}

}  // namespace


void print_run(const ModelRunOutcome& outcome, const Target& target, double prepare_seconds) {
  const RunResult& run = outcome.run;
  const ModelRunFacts& facts = outcome.facts;
  std::fflush(stdout);
  fmt::print("mcusim run: {} on {} ({}, {:g} MHz), kernels '{}'\n",
             facts.workload.empty() ? facts.model : facts.workload, target.name, core_name(target.core),
             static_cast<double>(target.clock_hz) / 1e6, outcome.variant);
  for (const auto& [op, file] : facts.user_kernels) fmt::print("  your kernel for {}: {}\n", op, file);
  for (const std::string& change : facts.overrides) fmt::print("  changed for this run: {}\n", change);
  if (run.fault) {
    print_fault(*run.fault);
    return;
  }
  if (!outcome.profile) {
    fmt::print(stderr, "mcusim: the firmware exited with status {} before finishing its inferences (its message is above)\n",
               run.exit_status.value_or(-1));
    return;
  }
  const profiler::ModelProfile& p = *outcome.profile;
  const std::uint64_t hz = run.clock_hz;
  fmt::print("\n  inference     worst {} cycles = {:.3f} us   (cold {} cycles", firmware::grouped(p.worst_cycles),
             cycles_to_us(p.worst_cycles, hz), firmware::grouped(p.cold_cycles));
  if (p.warm.count > 0) {
    fmt::print("; {} warm: min {}, mean {:.1f}, max {}", p.warm.count, firmware::grouped(p.warm.min), p.warm.mean,
               firmware::grouped(p.warm.max));
  }
  fmt::print(")\n");
  fmt::print("  arena         {} B planned ({} B if every tensor had its own buffer), {} B written\n",
             firmware::grouped(facts.arena_bytes), firmware::grouped(facts.arena_naive_bytes),
             p.arena_peak_bytes ? firmware::grouped(*p.arena_peak_bytes) : "?");
  fmt::print("  stack         {} B used of {} B reserved\n",
             p.stack_peak_bytes ? firmware::grouped(*p.stack_peak_bytes) : "?", firmware::grouped(facts.stack_reserved_bytes));
  fmt::print("  flash         {} B = code {} B + plan and weights {} B\n", firmware::grouped(facts.flash.total_bytes),
             firmware::grouped(facts.flash.code_bytes), firmware::grouped(facts.flash.weights_bytes));
  fmt::print("  RAM           {} B (data, bss, arena and stack reserve{})\n", firmware::grouped(facts.ram_bytes),
             facts.weights_in_ram ? "; plan and weights copied here at start-up" : "");
  print_energy(facts);
  const double inferences = static_cast<double>(1 + p.warm.count);
  fmt::print("  host          plan and firmware built in {:.2f} s; simulated in {:.3f} s ({:.2f} ms per inference, {:.0f} simulated MIPS)\n",
             prepare_seconds, run.host_seconds, 1e3 * run.host_seconds / inferences,
             run.host_seconds > 0 ? static_cast<double>(run.instructions) / run.host_seconds / 1e6 : 0.0);

  fmt::print("\n  {:>3}  {:<24} {:<18} {:>8} {:>9} {:>10} {:>8}\n", "#", "layer", "op", "MACs", "cycles", "us", "cyc/MAC");
  for (const profiler::LayerProfile& layer : p.layers) {
    const std::string per_mac =
        layer.info.macs > 0 ? fmt::format("{:.2f}", static_cast<double>(layer.cold_cycles) / static_cast<double>(layer.info.macs)) : "";
    std::string name = layer.info.name;
    if (name.size() > 24) name.replace(21, std::string::npos, "...");
    fmt::print("  {:>3}  {:<24} {:<18} {:>8} {:>9} {:>10.3f} {:>8}\n", layer.index, name, layer.info.op,
               layer.info.macs ? firmware::grouped(static_cast<std::uint64_t>(layer.info.macs)) : "", firmware::grouped(layer.cold_cycles),
               cycles_to_us(layer.cold_cycles, hz), per_mac);
  }
  fmt::print("  {:>3}  {:<24} {:<18} {:>8} {:>9} {:>10.3f}\n", "", "(engine between layers)", "", "",
             firmware::grouped(p.between_layers_cycles_cold), cycles_to_us(p.between_layers_cycles_cold, hz));

  if (facts.budgets.empty()) {
    fmt::print("\n  no budget given (--budget FILE)\n");
    return;
  }
  fmt::print("\n  {:<12} {:>12} {:>12} {:>22}  verdict\n", "budget", "limit", "measured", "margin");
  int failed = 0;
  for (const BudgetVerdict& verdict : facts.budgets) {
    failed += !verdict.pass;
    fmt::print("  {:<12} {:>12} {:>12} {:>22}  {}\n", verdict.name, budget_value(verdict.name, verdict.limit),
               verdict.value ? budget_value(verdict.name, *verdict.value) : "-", budget_margin(verdict),
               verdict.pass ? "PASS" : "FAIL");
  }
  fmt::print("\n{}: {} of {} budgets met\n", failed ? "FAIL" : "PASS", facts.budgets.size() - static_cast<std::size_t>(failed),
             facts.budgets.size());
}

}  // namespace mcusim::cli
