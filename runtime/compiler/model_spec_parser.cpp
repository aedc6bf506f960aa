// runtime/compiler/model_spec_parser.cpp — parse_model_spec(): the spec's TOML
// to a checked SpecNetwork (top level, [input], [[layer]] tables, weights).
// Layer kinds, their options and shapes are in model_spec_layers.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/model_spec_fields.hpp"
#include "runtime/compiler/model_spec_layers.hpp"
#include "runtime/compiler/model_spec_synthetic.hpp"
#include "sim/error.hpp"
#include "sim/target/spelling.hpp"

namespace mcusim::compiler {
namespace {

constexpr std::string_view kTopLevel = "at the top level";
constexpr std::string_view kInputContext = "in [input]";
constexpr const char* kFormatDoc = "docs/model-spec.md describes the format";

constexpr KeySpec kNameKey{"name", "name = \"touch\""};
constexpr KeySpec kDescriptionKey{"description", "description = \"what the model does\""};
constexpr KeySpec kGranularityKey{"weight_quantization",
                                  "weight_quantization = \"per_channel\"  # per_channel | per_tensor (float specs)"};
constexpr KeySpec kInputKey{"input", "[input] with shape and either calibration or scale and zero_point"};
constexpr KeySpec kLayerKey{"layer", "[[layer]] tables, one per layer, in order"};
constexpr std::array kTopKeys{kNameKey, kDescriptionKey, kGranularityKey, kInputKey, kLayerKey};

constexpr KeySpec kShapeKey{"shape", "shape = [1, 16]  # batch first; NHWC for images"};
constexpr KeySpec kCalibrationKey{"calibration",
                                  "calibration = \"calibration.npy\"  # float32, [samples, ...input shape]"};
constexpr KeySpec kScaleKey{"scale", "scale = 0.0078125  # int8 spec"};
constexpr KeySpec kZeroPointKey{"zero_point", "zero_point = -1  # int8 spec"};
constexpr std::array kInputKeys{kShapeKey, kCalibrationKey, kScaleKey, kZeroPointKey};

constexpr KeySpec kKindKey{"kind", "kind = \"fully_connected\""};
constexpr KeySpec kLayerNameKey{"name", "name = \"fc1\""};

std::string dims_text(const std::vector<std::int32_t>& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

class SpecParser {
 public:
  SpecParser(const std::filesystem::path& file, std::span<const SpecOverride> overrides)
      : fields_(file), overrides_(overrides) {}

  SpecNetwork parse() {
    toml::table root = parse_toml();
    apply_spec_overrides(root, fields_.file(), overrides_);
    fields_.check_keys(root, kTopKeys, kTopLevel);
    SpecNetwork net;
    net.file = fields_.file();
    net.name = fields_.string(fields_.require(root, kNameKey, kTopLevel), kNameKey, kTopLevel);
    if (const toml::node* d = root.get(kDescriptionKey.key)) net.description = fields_.string(*d, kDescriptionKey, kTopLevel);
    if (const toml::node* g = root.get(kGranularityKey.key)) net.granularity = granularity(*g);

    const toml::node& input = fields_.require(root, kInputKey, kTopLevel);
    const auto* input_table = input.as_table();
    if (input_table == nullptr) {
      fields_.fail(input, fmt::format("write a table: [input]\nshape = [1, 16]\n{}", kFormatDoc),
                   "input must be a table ([input])");
    }
    read_input(*input_table, net);
    if (root.get(kGranularityKey.key) != nullptr && !net.is_float) {
      fields_.fail(*root.get(kGranularityKey.key), "remove it; an int8 spec gives its weight scales itself",
                   "weight_quantization applies to float specs only");
    }

    const toml::node& layers = fields_.require(root, kLayerKey, kTopLevel);
    const auto* array = layers.as_array();
    if (array == nullptr || array->empty() || !array->is_array_of_tables()) {
      fields_.fail(layers, fmt::format("write one [[layer]] table per layer, in order; {}", kFormatDoc),
                   "layer must be a list of [[layer]] tables, at least one");
    }
    for (const toml::node& node : *array) read_layer(*node.as_table(), net);
    net.notes = std::move(notes_);
    return net;
  }

 private:
  toml::table parse_toml() const {
    std::ifstream in(fields_.file());
    if (!in) {
      throw_bad_input("check the path", "{}: cannot open the model spec", fields_.file().string());
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try {
      return toml::parse(text, std::string_view{fields_.file().string()});
    } catch (const toml::parse_error& error) {
      fields_.toml().fail(error.source(),
                          fmt::format("fix the TOML syntax here (https://toml.io/en/v1.0.0); {}", kFormatDoc),
                          fmt::format("TOML syntax error: {}", error.description()));
    }
  }

  WeightGranularity granularity(const toml::node& node) const {
    const std::string name = fields_.string(node, kGranularityKey, kTopLevel);
    if (name == "per_channel") return WeightGranularity::PerChannel;
    if (name == "per_tensor") return WeightGranularity::PerTensor;
    fields_.fail(node, fmt::format("write {}", kGranularityKey.example),
                 fmt::format("unknown weight_quantization '{}'; it is 'per_channel' or 'per_tensor'", name));
  }

  ActivationQuant quantization(const toml::table& table, const KeySpec& scale_key, const KeySpec& zero_point_key,
                               std::string_view context) const {
    const toml::node& scale_node = fields_.require(table, scale_key, context);
    const double scale = fields_.number(scale_node, scale_key, context);
    if (!(scale > 0.0) || static_cast<float>(scale) <= 0.0f || !std::isfinite(static_cast<float>(scale))) {
      fields_.fail(scale_node, fmt::format("write {}", scale_key.example),
                   fmt::format("{} {} must be a positive float32 number, not {}", scale_key.key, context, scale));
    }
    const auto zp = static_cast<std::int32_t>(
        fields_.integer(fields_.require(table, zero_point_key, context), zero_point_key, context, -128, 127));
    return {static_cast<float>(scale), zp};
  }

  void read_input(const toml::table& table, SpecNetwork& net) const {
    fields_.check_keys(table, kInputKeys, kInputContext);
    const toml::node& shape_node = fields_.require(table, kShapeKey, kInputContext);
    net.input_shape = fields_.shape(shape_node, kShapeKey, kInputContext);
    check_element_count(shape_node, net.input_shape, "the input");
    const toml::node* calibration = table.get(kCalibrationKey.key);
    const toml::node* scale = table.get(kScaleKey.key);
    const toml::node* zero_point = table.get(kZeroPointKey.key);
    net.is_float = calibration != nullptr;
    if (calibration != nullptr && (scale != nullptr || zero_point != nullptr)) {
      fields_.fail(scale != nullptr ? *scale : *zero_point,
                   "a float spec is quantized from its calibration set; an int8 spec gives scale and zero_point "
                   "and no calibration",
                   "[input] has both a calibration set and a scale / zero_point");
    }
    if (calibration == nullptr && scale == nullptr && zero_point == nullptr) {
      fields_.fail(table,
                   fmt::format("add {}  (float weights), or {} and {}  (int8 weights)", kCalibrationKey.example,
                               kScaleKey.example, kZeroPointKey.example),
                   "[input] needs a calibration set or its int8 quantization");
    }
    if (!net.is_float) {
      net.input_quant = quantization(table, kScaleKey, kZeroPointKey, kInputContext);
      return;
    }
    if (calibration->is_table()) {
      // A sample is one whole input, its batch included, as a .npy set's row
      // is below and as calibration_ranges reads them.
      net.calibration =
          synthetic_calibration(fields_, *calibration, kInputContext, net.input_elements(), net.calibration_samples);
      return;
    }
    const NpyArray set = fields_.array(*calibration, kCalibrationKey, kInputContext, NpyType::Float32,
                                       "save the calibration inputs as float32");
    // [samples] + the input shape without its batch of 1, or [samples] + the
    // whole input shape.
    const std::vector<std::int64_t> tail(set.shape.begin() + (set.shape.empty() ? 0 : 1), set.shape.end());
    const std::vector<std::int64_t> whole(net.input_shape.begin(), net.input_shape.end());
    const std::vector<std::int64_t> unbatched(net.input_shape.begin() + 1, net.input_shape.end());
    if (set.shape.empty() || set.shape[0] < 1 || (tail != whole && !(net.input_shape[0] == 1 && tail == unbatched))) {
      std::vector<std::int64_t> wanted{-1};
      wanted.insert(wanted.end(), unbatched.begin(), unbatched.end());
      fields_.fail(*calibration,
                   fmt::format("give one sample per row: shape (samples, {}) for input shape {}",
                               fmt::join(unbatched, ", "), dims_text(net.input_shape)),
                   fmt::format("calibration set has shape {}, which is not samples x input shape {}",
                               npy_shape_text(set.shape), dims_text(net.input_shape)));
    }
    net.calibration = set.floats();
    net.calibration_samples = set.shape[0];
    for (float v : net.calibration) {
      if (!std::isfinite(v)) {
        fields_.fail(*calibration, "remove NaN and infinite values from the calibration set",
                     "the calibration set holds a NaN or infinite value");
      }
    }
  }

  LayerKind kind(const toml::node& node, std::string_view context) const {
    const std::string name = fields_.string(node, kKindKey, context);
    std::vector<std::string_view> names;
    for (const LayerKindInfo& info : layer_kinds()) {
      if (info.name == name) return info.kind;
      names.push_back(info.name);
    }
    const auto guess = closest_match(name, names);
    fields_.fail(node, fmt::format("layer kinds: {}; {}", join_names(names), kFormatDoc),
                 guess ? fmt::format("unknown layer kind '{}' {}; did you mean '{}'?", name, context, *guess)
                       : fmt::format("unknown layer kind '{}' {}", name, context));
  }

  void read_layer(const toml::table& table, SpecNetwork& net) {
    const std::size_t index = net.layers.size();
    SpecLayer layer;
    layer.where = fields_.where(table);
    std::string context = fmt::format("in layer {}", index);
    layer.kind = kind(fields_.require(table, kKindKey, context), context);
    const LayerKindInfo& info = layer_kind_info(layer.kind);
    layer.name = fmt::format("{}_{}", info.name, index);
    if (const toml::node* name = table.get(kLayerNameKey.key)) {
      layer.name = fields_.string(*name, kLayerNameKey, context);
      if (layer.name.empty() || layer.name == "input" || std::find(names_.begin(), names_.end(), layer.name) != names_.end()) {
        fields_.fail(*name, "give every layer its own name (not \"input\")",
                     fmt::format("layer name '{}' {} is empty, reserved or used before", layer.name, context));
      }
    }
    context = fmt::format("in layer {} ('{}')", index, layer.name);
    fields_.check_keys(table, info.keys, context);
    names_.push_back(layer.name);
    read_layer_options(fields_, table, context, names_, layer);
    if (const toml::node* from = table.get(kFromKey.key)) layer.input_from = source(*from, context);
    const int source_index = layer.input_from == SpecLayer::kFromPrevious ? static_cast<int>(index) - 1 : layer.input_from;
    layer.input_shape = source_index < 0 ? net.input_shape : net.layers[static_cast<std::size_t>(source_index)].output_shape;
    infer_output_shape(fields_, table, context, net.input_shape, net.layers, layer);
    check_element_count(table, layer.output_shape, fmt::format("the output of layer {} ('{}')", index, layer.name));
    if (layer.weighted()) {
      check_element_count(table, expected_weight_shape(layer), fmt::format("the weights of layer {} ('{}')", index, layer.name));
    }
    read_quantization_keys(table, context, net, layer);
    if (layer.weighted()) read_weights(table, context, net, layer);
    net.layers.push_back(std::move(layer));
  }

  // Before any buffer is sized or any weight generated from the shape.
  void check_element_count(const toml::node& at, const std::vector<std::int32_t>& shape, const std::string& what) const {
    if (checked_element_count(shape)) return;
    fields_.fail(at, "mcusim runs tensors of up to 2^31 - 1 elements (32-bit counts, as on the device): make it smaller",
                 fmt::format("{} has shape {}, whose element count overflows 32 bits", what, dims_text(shape)));
  }

  // `from = "name"`: an earlier layer, or "input".
  int source(const toml::node& node, std::string_view context) const {
    const std::string name = fields_.string(node, kFromKey, context);
    if (name == "input") return -1;
    for (std::size_t i = 0; i + 1 < names_.size(); ++i) {
      if (names_[i] == name) return static_cast<int>(i);
    }
    std::vector<std::string> candidates(names_.begin(), names_.end() - 1);
    candidates.push_back("input");
    const auto guess = closest_match(name, candidates);
    fields_.fail(node, fmt::format("'from' names an earlier layer, or \"input\": {}", join_names(candidates)),
                 guess ? fmt::format("layer {} takes its input from '{}', which is no earlier layer; did you mean '{}'?",
                                     context, name, *guess)
                       : fmt::format("layer {} takes its input from '{}', which is no earlier layer", context, name));
  }

  void read_quantization_keys(const toml::table& table, std::string_view context, const SpecNetwork& net,
                              SpecLayer& layer) const {
    for (const KeySpec* key : {&kWeightScaleKey, &kOutputScaleKey, &kOutputZeroPointKey}) {
      if (net.is_float && table.get(key->key) != nullptr) {
        fields_.fail(*table.get(key->key),
                     "remove it: a float spec (one with [input] calibration) has its quantization computed",
                     fmt::format("{} {} belongs in an int8 spec", key->key, context));
      }
    }
    if (!net.is_float && has_own_output_quantization(layer.kind)) {
      layer.output_quant = quantization(table, kOutputScaleKey, kOutputZeroPointKey, context);
    }
  }

  void read_weights(const toml::table& table, std::string_view context, const SpecNetwork& net, SpecLayer& layer) {
    const std::vector<std::int32_t> expected = expected_weight_shape(layer);
    layer.weight_shape = expected;
    const int channels = layer.channels();
    const NpyType weight_type = net.is_float ? NpyType::Float32 : NpyType::Int8;
    const std::string type_advice =
        net.is_float ? "a float spec (one with [input] calibration) takes float32 weights and biases"
                     : "an int8 spec takes int8 weights ('|i1') with weight_scale and int32 biases ('<i4')";
    const toml::node& weights_node = fields_.require(table, kWeightsKey, context);
    const toml::node* bias_node = table.get(kBiasKey.key);
    for (const toml::node* node : {&weights_node, bias_node}) {
      if (node != nullptr && node->is_table() && !net.is_float) {
        fields_.fail(*node, "generated weights are float32: give [input] a calibration set to make this a float spec, "
                            "or give int8 arrays",
                     fmt::format("{} {} is generated ({{ init = ... }}) in an int8 spec", node == bias_node ? "bias" : "weights",
                                 context));
      }
    }
    if (weights_node.is_table()) {
      std::size_t count = 1;
      for (std::int32_t d : expected) count *= static_cast<std::size_t>(d);
      layer.weights = synthetic_layer_array(fields_, weights_node, kWeightsKey, context, layer, count);
    } else {
      const NpyArray weights = fields_.array(weights_node, kWeightsKey, context, weight_type, type_advice);
      if (net.is_float && !overrides_.empty() && weights.shape != std::vector<std::int64_t>(expected.begin(), expected.end())) {
        generate_after_override(context, layer);
        return;
      }
      check_shape(weights_node, weights, expected, layer.input_shape, context, "weights",
                  layer.kind == LayerKind::FullyConnected ? "[units, inputs]"
                  : layer.kind == LayerKind::Conv2D       ? "[filters, kernel height, kernel width, input channels]"
                                                          : "[1, kernel height, kernel width, channels x depth_multiplier]");
      if (net.is_float) {
        layer.weights = weights.floats();
      } else {
        layer.weights_q = weights.int8s();
      }
    }
    if (bias_node != nullptr) {
      layer.has_bias = true;
      if (bias_node->is_table()) {
        layer.bias = synthetic_layer_array(fields_, *bias_node, kBiasKey, context, layer, static_cast<std::size_t>(channels));
      } else {
        const NpyArray bias =
            fields_.array(*bias_node, kBiasKey, context, net.is_float ? NpyType::Float32 : NpyType::Int32, type_advice);
        check_shape(*bias_node, bias, {channels}, layer.input_shape, context, "bias", "[output channels]");
        if (net.is_float) {
          layer.bias = bias.floats();
        } else {
          layer.bias_q = bias.int32s();
        }
      }
    }
    if (net.is_float) {
      for (float w : layer.weights) {
        if (!std::isfinite(w)) fields_.fail(weights_node, "remove NaN and infinite weights", "weights hold a NaN or infinity");
      }
      for (float b : layer.bias) {
        if (!std::isfinite(b)) fields_.fail(*table.get(kBiasKey.key), "remove NaN and infinite values", "bias holds a NaN or infinity");
      }
      return;
    }
    for (std::int8_t w : layer.weights_q) {
      // TFLite int8 spec: weights are in [-127, 127] with zero point 0
      // (tensorflow.org/lite/performance/quantization_spec).
      if (w == -128) {
        fields_.fail(weights_node, "clamp int8 weights to [-127, 127] as the TFLite int8 specification requires",
                     fmt::format("weights {} hold -128", context));
      }
    }
    read_weight_scales(table, context, channels, layer);
  }

  void read_weight_scales(const toml::table& table, std::string_view context, int channels, SpecLayer& layer) const {
    const toml::node& node = fields_.require(table, kWeightScaleKey, context);
    auto one = [&](const toml::node& n) {
      const double s = fields_.number(n, kWeightScaleKey, context);
      if (!(s > 0.0) || static_cast<float>(s) <= 0.0f || !std::isfinite(static_cast<float>(s))) {
        fields_.fail(n, fmt::format("write {}", kWeightScaleKey.example),
                     fmt::format("weight_scale {} must be a positive float32 number, not {}", context, s));
      }
      layer.weight_scales.push_back(static_cast<float>(s));
    };
    if (const auto* array = node.as_array()) {
      if (array->size() != static_cast<std::size_t>(channels)) {
        fields_.fail(node, fmt::format("give one scale (per tensor) or {} scales (one per output channel)", channels),
                     fmt::format("weight_scale {} has {} scales for {} output channels", context, array->size(),
                                 channels));
      }
      for (const toml::node& n : *array) one(n);
    } else {
      one(node);
    }
  }

  // An override changed this layer's weight shape (its own units or kernel,
  // or the layer before it): Glorot-uniform weights and a zero bias in place
  // of the .npy files (spec_overrides.hpp says why), and a note.
  void generate_after_override(std::string_view context, SpecLayer& layer) {
    std::size_t count = 1;
    for (std::int32_t d : layer.weight_shape) count *= static_cast<std::size_t>(d);
    const toml::table init{{"init", "glorot_uniform"}, {"seed", 0x5E7 + static_cast<std::int64_t>(notes_.size())}};
    layer.weights = synthetic_layer_array(fields_, init, kWeightsKey, context, layer, count);
    layer.bias.assign(static_cast<std::size_t>(layer.channels()), 0.0f);
    layer.has_bias = true;
    notes_.push_back(fmt::format("layer '{}': weights [{}] generated (Glorot-uniform, dense, zero bias) because after --set "
                                 "its .npy weights no longer fit: cycles, memory and flash are this shape's without any "
                                 "pruning the file had; the outputs mean nothing",
                                 layer.name, fmt::join(layer.weight_shape, ", ")));
  }

  void check_shape(const toml::node& at, const NpyArray& array, const std::vector<std::int32_t>& expected,
                   const std::vector<std::int32_t>& input, std::string_view context, std::string_view what, std::string_view layout) const {
    const std::vector<std::int64_t> wanted(expected.begin(), expected.end());
    if (array.shape == wanted) return;
    fields_.fail(at,
                 fmt::format("give {} of shape {} {}, for this layer's input of shape {}", what, npy_shape_text(wanted),
                             layout, dims_text(input)),
                 fmt::format("{} {} have shape {}, expected {}", what, context, npy_shape_text(array.shape),
                             npy_shape_text(wanted)));
  }

  SpecFields fields_;
  std::span<const SpecOverride> overrides_;
  std::vector<std::string> names_;
  std::vector<std::string> notes_;
};

}  // namespace

std::int64_t SpecNetwork::input_elements() const noexcept {
  std::int64_t n = 1;
  for (std::int32_t d : input_shape) n *= d;
  return n;
}

int SpecNetwork::source_of(std::size_t i) const noexcept {
  const int from = layers[i].input_from;
  return from == SpecLayer::kFromPrevious ? static_cast<int>(i) - 1 : from;
}

SpecNetwork parse_model_spec(const std::filesystem::path& path, std::span<const SpecOverride> overrides) {
  try {
    return SpecParser(path, overrides).parse();
  } catch (const Error& error) {
    // A mistake the spec only has as changed: say so, or the user looks for
    // it in the file.
    const std::string message = error.what();
    if (overrides.empty() || message.starts_with("--set")) throw;
    std::vector<std::string> given;
    for (const SpecOverride& o : overrides) given.push_back(o.text);
    throw Error(error.kind(), fmt::format("{} (the spec as changed by --set {})", message, fmt::join(given, ", --set ")),
                error.advice());
  }
}

}  // namespace mcusim::compiler
