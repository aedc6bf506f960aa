// tests/reports/report_fixture.hpp — a small model-run report written by hand
// (the shape of reports/model_report.cpp's), so the writers' tests know every
// number: 3 layers on a 48 MHz core, one budget met and one failed.
#pragma once

#include "reports/report_view.hpp"

namespace mcusim::test {

inline Report hand_report() {
  return Report::parse(R"json({
    "schema": "mcusim.report/1", "command": "run", "elf": null,
    "target": "touch-m0", "core": "cortex-m0", "clock_hz": 48000000, "status": "exited",
    "cycles": 60000, "instructions": 40000, "sleep_cycles": 0, "latency_us": 1250.0,
    "exit_status": 0, "fault": null, "toolchain": {"elf_producer": null}, "energy_uj": null,
    "workload": "touch", "model": "workloads/touch/model.toml", "variant": "m0",
    "arena_bytes": 64, "arena_naive_bytes": 96, "arena_peak_bytes": 60,
    "stack_peak_bytes": 456, "stack_reserved_bytes": 2048,
    "flash_bytes": {"code": 6000, "weights": 4000, "total": 10000}, "ram_bytes": 2160,
    "inferences": {"count": 2, "startup_cycles": 24000, "cold_cycles": 9600, "cold_latency_us": 200.0,
                   "warm": {"count": 1, "min_cycles": 4800, "max_cycles": 4800, "mean_cycles": 4800,
                            "min_latency_us": 100.0, "max_latency_us": 100.0, "mean_latency_us": 100.0},
                   "worst_cycles": 9600, "worst_latency_us": 200.0, "between_layers_cycles_cold": 600},
    "layers": [
      {"index": 0, "name": "fc1", "op": "FULLY_CONNECTED", "macs": 576, "cycles": 4800, "latency_us": 100.0,
       "cycles_per_mac": 8.333, "warm": null},
      {"index": 1, "name": "fc2", "op": "FULLY_CONNECTED", "macs": 256, "cycles": 3000, "latency_us": 62.5,
       "cycles_per_mac": 11.719, "warm": null},
      {"index": 2, "name": "logits <&>", "op": "FULLY_CONNECTED", "macs": 48, "cycles": 1200, "latency_us": 25.0,
       "cycles_per_mac": 25.0, "warm": null}],
    "outputs": [[1, -2, 3], [4, -5, 6]],
    "timeline": [
      {"index": 0, "begin_cycle": 24000, "end_cycle": 33600, "layers": [
        {"index": 0, "begin_cycle": 24200, "end_cycle": 29000},
        {"index": 1, "begin_cycle": 29200, "end_cycle": 32200},
        {"index": 2, "begin_cycle": 32300, "end_cycle": 33500}]},
      {"index": 1, "begin_cycle": 40000, "end_cycle": 44800, "layers": [
        {"index": 0, "begin_cycle": 40100, "end_cycle": 42000},
        {"index": 1, "begin_cycle": 42100, "end_cycle": 44000},
        {"index": 2, "begin_cycle": 44100, "end_cycle": 44700}]}],
    "budgets": [
      {"name": "latency_us", "limit": 100, "value": 200.0, "margin": -100.0, "pass": false},
      {"name": "flash_bytes", "limit": 102400, "value": 10000, "margin": 92400, "pass": true}]
  })json");
}

}  // namespace mcusim::test
