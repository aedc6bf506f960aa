// reports/compare_view.cpp — see compare_view.hpp.
#include "reports/compare_view.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

std::string text_at(const Report& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

CompareView compare_view(const Report& comparison) {
  if (!comparison.is_object() || text_at(comparison, "schema") != kCompareSchema ||
      !comparison.contains("runs") || !comparison["runs"].is_array() || !comparison.contains("layers") ||
      !comparison["layers"].is_array()) {
    throw_bad_input("give the JSON `mcusim compare --json` prints", "not a comparison ({} with runs[] and layers[])",
                    kCompareSchema);
  }
  CompareView view;
  view.title = text_at(comparison, "title");
  for (const Report& layer : comparison["layers"]) {
    view.layers.push_back({text_at(layer, "name"), text_at(layer, "op"), number_at(layer, "macs")});
  }
  for (const Report& run : comparison["runs"]) {
    ComparedRunView r;
    r.label = text_at(run, "label");
    if (run.contains("layer_cycles") && run["layer_cycles"].is_array()) {
      for (const Report& cycles : run["layer_cycles"]) {
        r.layer_cycles.push_back(cycles.is_number() ? std::optional<double>(cycles.get<double>()) : std::nullopt);
      }
    }
    r.between_layers_cycles = number_at(run, "between_layers_cycles");
    r.worst_cycles = number_at(run, "worst_cycles");
    r.worst_latency_us = number_at(run, "worst_latency_us");
    view.runs.push_back(std::move(r));
  }
  view.identical = comparison.value("identical", true);
  if (comparison.contains("mismatch") && comparison["mismatch"].is_string()) {
    view.mismatch = comparison["mismatch"].get<std::string>();
    view.identical = false;
  }
  if (const auto layer = number_at(comparison, "mismatch_layer"); layer && *layer >= 0) {
    view.mismatch_layer = static_cast<std::size_t>(*layer);
  }
  view.outputs_only = text_at(comparison, "compared") == "outputs";
  return view;
}

std::string speedup_text(std::optional<double> base, std::optional<double> other) {
  if (!base || !other || *base == 0 || *other == 0) return "—";
  return fmt::format("{:.2f}x", *base / *other);
}

std::string compare_headline(const CompareView& view) {
  if (!view.identical) return "DIFFERENT: " + view.mismatch.value_or("the outputs differ");
  std::string labels;
  for (const ComparedRunView& run : view.runs) labels += (labels.empty() ? "" : ", ") + run.label;
  return "IDENTICAL: every compared output is the same bytes in " + labels;
}

}  // namespace mcusim
