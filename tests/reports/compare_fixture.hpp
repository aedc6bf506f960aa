// tests/reports/compare_fixture.hpp — a `mcusim compare` result written by
// hand (the shape compare_command.cpp prints with --json), so the
// comparison writers' tests know every number: 3 layers, runs ref and m0,
// and a variant in which layer 1 differs.
#pragma once

#include "reports/report_view.hpp"

namespace mcusim::test {

inline Report hand_comparison() {
  return Report::parse(R"json({
    "schema": "mcusim.compare/1", "title": "touch on touch-m0 (cortex-m0, 48 MHz)",
    "runs": [
      {"label": "ref", "layer_cycles": [15000, 9000, 1800], "between_layers_cycles": 750, "worst_cycles": 26550,
       "worst_latency_us": 553.125},
      {"label": "m0", "layer_cycles": [3000, 2000, 600], "between_layers_cycles": 750, "worst_cycles": 6350,
       "worst_latency_us": 132.292}],
    "layers": [
      {"index": 0, "name": "fc1", "op": "FULLY_CONNECTED", "macs": 576},
      {"index": 1, "name": "fc2", "op": "FULLY_CONNECTED", "macs": 256},
      {"index": 2, "name": "logits <&>", "op": "FULLY_CONNECTED", "macs": 48}],
    "identical": true, "mismatch": null, "mismatch_layer": null, "compared": "layer_tensors"})json");
}

// The same with m0's layer 1 output differing from ref's.
inline Report hand_comparison_differing() {
  Report comparison = hand_comparison();
  comparison["identical"] = false;
  comparison["mismatch"] = "m0 differs from ref in layer 1 'fc2' (FULLY_CONNECTED), tensor 5, element 3: 12 vs 13";
  comparison["mismatch_layer"] = 1;
  return comparison;
}

}  // namespace mcusim::test
