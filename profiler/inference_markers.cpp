// profiler/inference_markers.cpp — see inference_markers.hpp.
#include "profiler/inference_markers.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <optional>

namespace mcusim::profiler {
namespace {

[[noreturn]] void malformed(const TraceMarker& marker, std::string_view problem) {
  throw Error(ErrorKind::Internal,
              fmt::format("the runtime's trace markers do not nest: {} (port {}, value {}, cycle {}, "
                          "pc 0x{:08x})",
                          problem, marker.port, marker.value, marker.cycle, marker.pc),
              "this is a bug in the runtime's marker code; please report it with the model");
}

}  // namespace

std::uint64_t InferenceSpan::between_layers_cycles() const noexcept {
  std::uint64_t inside = 0;
  for (const LayerSpan& layer : layers) inside += layer.cycles();
  return cycles() - inside;
}

std::vector<InferenceSpan> inference_spans(std::span<const TraceMarker> markers) {
  std::vector<InferenceSpan> spans;
  std::optional<InferenceSpan> open;
  std::optional<LayerSpan> open_layer;
  for (const TraceMarker& marker : markers) {
    switch (marker.port) {
      case marker_port::kInferenceBegin:
        if (open) malformed(marker, "an inference begins inside another");
        open = InferenceSpan{marker.value, marker.cycle, 0, {}};
        break;
      case marker_port::kInferenceEnd:
        if (!open || open->index != marker.value) malformed(marker, "an inference ends that did not begin");
        if (open_layer) malformed(marker, "an inference ends inside a layer");
        open->end_cycle = marker.cycle;
        spans.push_back(std::move(*open));
        open.reset();
        break;
      case marker_port::kLayerBegin:
        if (!open) malformed(marker, "a layer begins outside an inference");
        if (open_layer) malformed(marker, "a layer begins inside another");
        open_layer = LayerSpan{marker.value, marker.cycle, 0};
        break;
      case marker_port::kLayerEnd:
        if (!open_layer || open_layer->layer != marker.value) malformed(marker, "a layer ends that did not begin");
        open_layer->end_cycle = marker.cycle;
        open->layers.push_back(*open_layer);
        open_layer.reset();
        break;
      default: break;  // other ports belong to the firmware, not to the runtime
    }
  }
  if (open) {
    throw Error(ErrorKind::Internal,
                fmt::format("inference {} began at cycle {} and never ended", open->index, open->begin_cycle),
                "this is a bug in the runtime's marker code; please report it with the model");
  }
  return spans;
}

}  // namespace mcusim::profiler
