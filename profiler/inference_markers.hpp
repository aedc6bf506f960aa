// profiler/inference_markers.hpp — the trace-port markers the runtime writes
// (docs/guest-conventions.md "Trace port"), and the inferences and layers they
// delimit in a finished run.
//
// Port 3 opens an inference and port 4 closes it (value: the inference's
// index); inside, port 1 opens a layer and port 2 closes it (value: the
// layer's index in the plan). A marker's cycle is the count completed before
// its storing instruction, so an interval [open, close) holds the open store,
// the work, and not the close store: consecutive intervals tile the run.
#pragma once

#include "sim/guest/itm.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace mcusim::profiler {

namespace marker_port {
inline constexpr std::uint8_t kLayerBegin = 1, kLayerEnd = 2, kInferenceBegin = 3,
                              kInferenceEnd = 4;
}  // namespace marker_port

struct LayerSpan {
  std::uint32_t layer = 0;  // index in the plan
  std::uint64_t begin_cycle = 0;
  std::uint64_t end_cycle = 0;
  std::uint64_t cycles() const noexcept { return end_cycle - begin_cycle; }
};

struct InferenceSpan {
  std::uint32_t index = 0;
  std::uint64_t begin_cycle = 0;
  std::uint64_t end_cycle = 0;
  std::vector<LayerSpan> layers;  // in execution order
  std::uint64_t cycles() const noexcept { return end_cycle - begin_cycle; }
  // Cycles inside the inference but outside every layer: the engine's own
  // dispatch between operators.
  std::uint64_t between_layers_cycles() const noexcept;
};

// The inferences in a run's markers. Throws mcusim::Error (Internal) when the
// markers do not nest as the runtime writes them (an inference opened twice,
// a layer outside an inference, a close without its open, one left open):
// that is a runtime bug, and no number is better than a wrong one.
std::vector<InferenceSpan> inference_spans(std::span<const TraceMarker> markers);

}  // namespace mcusim::profiler
