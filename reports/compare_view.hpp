// reports/compare_view.hpp — what the comparison's writers (Markdown, JUnit,
// HTML) read off a `mcusim compare` JSON (mcusim.compare/1, written by
// tools/mcusim/compare_command.cpp, docs/compare.md): runs side by side,
// per-layer cycles, speed-ups over the first run and the verdict. The JSON is
// the source of truth; every writer renders only what it holds.
#pragma once

#include "reports/report_view.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mcusim {

inline constexpr const char* kCompareSchema = "mcusim.compare/1";

struct ComparedLayerView {
  std::string name;
  std::string op;
  std::optional<double> macs;
};

struct ComparedRunView {
  std::string label;                               // "ref", "m0", a report's file name
  std::vector<std::optional<double>> layer_cycles;  // per layer; absent when the run lacks it
  std::optional<double> between_layers_cycles;
  std::optional<double> worst_cycles;
  std::optional<double> worst_latency_us;
};

struct CompareView {
  std::string title;
  std::vector<ComparedLayerView> layers;
  std::vector<ComparedRunView> runs;  // the first is the baseline of every speed-up
  bool identical = true;
  std::optional<std::string> mismatch;        // the sentence naming the first difference
  std::optional<std::size_t> mismatch_layer;  // its layer, when the tensors of layers were compared
  bool outputs_only = false;                  // two reports: only the final outputs were compared
};

// Throws Error(BadInput) when `comparison` is not a mcusim.compare/1 object.
CompareView compare_view(const Report& comparison);

// "4.75x" (base / other), or "—" when either is missing or zero.
std::string speedup_text(std::optional<double> base, std::optional<double> other);

// "IDENTICAL: every compared output is the same bytes in ref, m0" or
// "DIFFERENT: <mismatch>": the line `mcusim compare` prints last.
std::string compare_headline(const CompareView& view);

}  // namespace mcusim
