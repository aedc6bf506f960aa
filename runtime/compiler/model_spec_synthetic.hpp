// runtime/compiler/model_spec_synthetic.hpp — a model spec's generated
// arrays: `weights = { init = "glorot_uniform", seed = 7 }` in a [[layer]] and
// `calibration = { distribution = "uniform", low = -1.0, high = 1.0,
// samples = 8, seed = 1 }` in [input], read into float32 values with
// synthetic_values.hpp's SplitMix64. Mistakes fail at the table's
// "<spec>:<line>:<column>" with advice, as every other spec key does.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/model_spec_fields.hpp"

namespace mcusim::compiler {

// A weights or bias table of `layer` (key names which): its values in the
// layer's layout, `count` of them. The fans are the layer's (fan_in: inputs
// summed per output; fan_out: outputs each input feeds).
std::vector<float> synthetic_layer_array(const SpecFields& fields, const toml::node& node, const KeySpec& key,
                                         std::string_view context, const SpecLayer& layer, std::size_t count);

// The generated calibration set: samples x sample_elements values;
// `samples` is set from the table.
std::vector<float> synthetic_calibration(const SpecFields& fields, const toml::node& node, std::string_view context,
                                         std::int64_t sample_elements, std::int64_t& samples);

// fan_in and fan_out of a weighted layer (weight_shape set).
std::pair<double, double> layer_fans(const SpecLayer& layer);

}  // namespace mcusim::compiler
