// profiler/model_profile.cpp — see model_profile.hpp.
#include "profiler/model_profile.hpp"

#include "profiler/memory_paint.hpp"
#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mcusim::profiler {
namespace {

[[noreturn]] void inconsistent(std::string message) {
  throw Error(ErrorKind::Internal, std::move(message),
              "the runtime did not report its inferences as it should; please report this bug");
}

CycleStats stats_of(const std::vector<std::uint64_t>& values) {
  CycleStats stats;
  if (values.empty()) return stats;
  stats.count = values.size();
  stats.min = *std::ranges::min_element(values);
  stats.max = *std::ranges::max_element(values);
  double sum = 0;
  for (std::uint64_t v : values) sum += static_cast<double>(v);
  stats.mean = sum / static_cast<double>(values.size());
  return stats;
}

}  // namespace

ModelProfile profile_model_run(const RunResult& run, const std::vector<LayerInfo>& layers) {
  const std::vector<InferenceSpan> spans = inference_spans(run.markers);
  if (spans.empty()) inconsistent("the run finished without a single inference marker");

  ModelProfile profile;
  profile.startup_cycles = spans.front().begin_cycle;
  profile.cold_cycles = spans.front().cycles();
  profile.between_layers_cycles_cold = spans.front().between_layers_cycles();
  std::vector<std::uint64_t> warm;
  for (std::size_t i = 1; i < spans.size(); ++i) warm.push_back(spans[i].cycles());
  profile.warm = stats_of(warm);
  profile.worst_cycles = std::max(profile.cold_cycles, profile.warm.max);

  for (std::uint32_t l = 0; l < layers.size(); ++l) {
    LayerProfile layer{l, layers[l], 0, {}};
    std::vector<std::uint64_t> warm_layer;
    for (std::size_t i = 0; i < spans.size(); ++i) {
      std::uint64_t cycles = 0;
      bool seen = false;
      for (const LayerSpan& span : spans[i].layers) {
        if (span.layer != l) continue;
        cycles += span.cycles();
        seen = true;
      }
      if (!seen) inconsistent(fmt::format("inference {} has no markers for layer {} ({})", i, l, layers[l].name));
      if (i == 0) {
        layer.cold_cycles = cycles;
      } else {
        warm_layer.push_back(cycles);
      }
    }
    layer.warm = stats_of(warm_layer);
    profile.layers.push_back(std::move(layer));
  }
  for (const InferenceSpan& span : spans) {
    for (const LayerSpan& layer : span.layers) {
      if (layer.layer >= layers.size()) {
        inconsistent(fmt::format("a marker names layer {}, but the plan has {}", layer.layer, layers.size()));
      }
    }
  }

  std::uint32_t inference = 0;
  for (const GuestCapture& capture : run.captures) {
    if (capture.tag == capture_tag::kOutput) {
      profile.outputs.push_back(capture.bytes);
      ++inference;
    } else if (capture.tag == capture_tag::kArena) {
      profile.arena_peak_bytes = arena_used_bytes(capture.bytes, kArenaPaint);
    } else if (capture.tag == capture_tag::kStack) {
      profile.stack_peak_bytes = stack_depth_bytes(capture.bytes, kStackPaint);
    } else if (capture.tag >= capture_tag::kTensorBase) {
      profile.tensors.push_back({inference, capture.tag - capture_tag::kTensorBase, capture.bytes});
    }
  }
  if (profile.outputs.size() != spans.size()) {
    inconsistent(fmt::format("{} inferences ran but {} outputs were captured", spans.size(),
                             profile.outputs.size()));
  }
  return profile;
}

}  // namespace mcusim::profiler
