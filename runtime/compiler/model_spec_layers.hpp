// runtime/compiler/model_spec_layers.hpp — the layer kinds of a model spec:
// their names and keys, reading each kind's options out of its [[layer]]
// table, and the shape each kind makes of its input (TFLite's rules, so the
// Model built from the spec passes the operators' preparation).
#pragma once

#include <toml++/toml.h>

#include <span>
#include <string_view>
#include <vector>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/model_spec_fields.hpp"

namespace mcusim::compiler {

struct LayerKindInfo {
  LayerKind kind;
  std::string_view name;
  std::span<const KeySpec> keys;  // every key its [[layer]] table may hold
};

std::span<const LayerKindInfo> layer_kinds();
const LayerKindInfo& layer_kind_info(LayerKind kind);

// The keys of weighted layers, shared with the parser.
inline constexpr KeySpec kFromKey{"from", "from = \"block1\"  # take an earlier layer's output (or \"input\") instead of the previous one"};
inline constexpr KeySpec kWeightsKey{"weights", "weights = \"fc1_weights.npy\"  # or an inline array"};
inline constexpr KeySpec kBiasKey{"bias", "bias = \"fc1_bias.npy\"  # or an inline array"};
inline constexpr KeySpec kWeightScaleKey{"weight_scale",
                                         "weight_scale = 0.01  # int8 spec; or one per output channel: [0.01, 0.02]"};
inline constexpr KeySpec kOutputScaleKey{"output_scale", "output_scale = 0.0078125  # int8 spec"};
inline constexpr KeySpec kOutputZeroPointKey{"output_zero_point", "output_zero_point = -1  # int8 spec"};

// Reads the options of `layer.kind` (units, kernel, stride, activation, ...)
// from `table`; `names` are the earlier layers' names (for add's 'with').
void read_layer_options(const SpecFields& fields, const toml::table& table, std::string_view context,
                        const std::vector<std::string>& names, SpecLayer& layer);

// Sets layer.output_shape from layer.input_shape and the options, or fails at
// `table` when the layer cannot take that input. `shapes` are the outputs of
// the earlier layers (for add).
void infer_output_shape(const SpecFields& fields, const toml::table& table, std::string_view context,
                        const std::vector<std::int32_t>& model_input_shape,
                        const std::vector<SpecLayer>& earlier, SpecLayer& layer);

// The weight shape a weighted layer needs for its input (TFLite's layout).
std::vector<std::int32_t> expected_weight_shape(const SpecLayer& layer);

// Which kinds requantize to an output quantization of their own (int8 spec:
// output_scale / output_zero_point; float spec: calibrated). The others have
// a fixed output quantization (softmax, logistic, tanh) or keep the input's.
bool has_own_output_quantization(LayerKind kind) noexcept;

}  // namespace mcusim::compiler
