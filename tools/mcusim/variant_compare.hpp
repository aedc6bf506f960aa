// tools/mcusim/variant_compare.hpp — the comparison behind `mcusim compare`:
// per-layer cycles of several runs of one model side by side, and whether
// every layer's output tensor is the same bytes in each (the first
// difference named by layer and element). Pure data in, data out: the
// command runs the models and prints.
#pragma once

#include "profiler/model_profile.hpp"
#include "runtime/compiler/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::cli {

// One run in the comparison (a kernel variant, or a report file).
struct ComparedRun {
  std::string label;  // "ref", "m0", or the report's file name
  std::vector<std::uint64_t> layer_cycles;  // cold inference, per operator
  std::uint64_t between_layers_cycles = 0;  // the engine's dispatch, cold inference
  std::uint64_t worst_cycles = 0;
  double worst_latency_us = 0;
};

// The first output byte that differs between two runs of one model.
struct TensorMismatch {
  std::string label;           // the run that differs from the first
  std::uint32_t layer = 0;     // operator index
  std::uint32_t tensor = 0;    // the model's tensor index
  std::uint64_t element = 0;   // element index within the tensor
  std::vector<std::uint8_t> expected, got;  // that element's bytes in the first run and in this one
};

// Compares the cold inference's per-layer tensors (profile.tensors, from a
// run with --dump-tensors) of `other` with `base`: the first mismatch in
// operator order, or nothing. A tensor one run has and the other lacks is a
// mismatch at element 0.
std::optional<TensorMismatch> first_tensor_mismatch(const compiler::Model& model,
                                                    const profiler::ModelProfile& base,
                                                    const profiler::ModelProfile& other,
                                                    const std::string& other_label);

// "m0 differs from ref in layer 1 'fc2' (FULLY_CONNECTED), tensor 5, element 3: 12 vs 13"
std::string describe_mismatch(const compiler::Model& model, const TensorMismatch& mismatch,
                              const std::string& base_label);

}  // namespace mcusim::cli
