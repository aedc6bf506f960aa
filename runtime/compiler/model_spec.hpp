// runtime/compiler/model_spec.hpp — the model spec: a TOML file describing a
// network TFLite cannot express (the touch controller's MLP with HardTanh is
// the motivating case), read into the same Model a .tflite file becomes.
//
// A spec names its input (shape; int8 quantization, or a float calibration
// set) and its layers in order. Weights are either int8 with their scales and
// int32 biases, or float32 arrays that the quantizer (quantizer.hpp) turns into
// int8 per the TFLite int8 quantization specification. docs/model-spec.md
// describes the format field by field.
//
//   Model model = load_model_spec("workloads/touch/model.toml");
//
// Every mistake is an mcusim::Error (BadInput, exit 2) with
// "<spec>:<line>:<column>: ..." and advice.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/spec_overrides.hpp"

namespace mcusim::compiler {

enum class LayerKind : std::uint8_t {
  FullyConnected,
  Conv2D,
  DepthwiseConv2D,
  AveragePool2D,
  MaxPool2D,
  Reshape,
  Flatten,
  Softmax,
  Logistic,
  Tanh,
  Relu,
  Relu6,
  HardTanh,
  Add,
};

// The spec's name of a kind: "fully_connected", "hard_tanh", ...
std::string_view layer_kind_name(LayerKind kind) noexcept;

// An int8 activation tensor's quantization: real = scale * (q - zero_point).
struct ActivationQuant {
  float scale = 0.0f;
  std::int32_t zero_point = 0;
};

enum class WeightGranularity : std::uint8_t { PerChannel, PerTensor };

struct SpecLayer {
  LayerKind kind = LayerKind::Relu;
  std::string name;
  std::string where;  // "<spec>:<line>:<column>" of the [[layer]], for messages

  Activation activation = Activation::None;  // fused (weighted layers and add)
  int units = 0;                              // fully_connected units, conv_2d filters
  int kernel_h = 1, kernel_w = 1;             // conv kernel or pool window
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int depth_multiplier = 1;
  Padding padding = Padding::Valid;
  float beta = 1.0f;                        // softmax
  std::vector<std::int32_t> target_shape;  // reshape, -1 resolved
  int skip_from = -1;                       // add: layer index added to the previous output; -1 = the model input
  // `from`: the layer whose output this layer takes; kFromPrevious (the
  // default) is the layer before, -1 the model input.
  static constexpr int kFromPrevious = -2;
  int input_from = kFromPrevious;

  std::vector<std::int32_t> input_shape;
  std::vector<std::int32_t> output_shape;

  // Weighted layers (fully_connected, conv_2d, depthwise_conv_2d), in TFLite's
  // layouts: [units, inputs], [filters, h, w, in], [1, h, w, in * multiplier].
  std::vector<std::int32_t> weight_shape;
  bool has_bias = false;
  std::vector<float> weights;  // float spec
  std::vector<float> bias;     // float spec
  std::vector<std::int8_t> weights_q;  // int8 spec, or the quantizer's output
  std::vector<float> weight_scales;    // one (per tensor) or one per output channel
  std::vector<std::int32_t> bias_q;

  std::optional<ActivationQuant> output_quant;  // given (int8 spec) or calibrated

  bool weighted() const noexcept {
    return kind == LayerKind::FullyConnected || kind == LayerKind::Conv2D || kind == LayerKind::DepthwiseConv2D;
  }
  // Output channels of a weighted layer (the quantized dimension's size).
  int channels() const noexcept { return weight_shape.empty() ? 0 : (kind == LayerKind::DepthwiseConv2D ? weight_shape[3] : weight_shape[0]); }
  // The dimension of weight_shape that indexes output channels.
  int channel_axis() const noexcept { return kind == LayerKind::DepthwiseConv2D ? 3 : 0; }
};

struct SpecNetwork {
  std::filesystem::path file;
  std::string name;
  std::string description;
  std::vector<std::int32_t> input_shape;
  bool is_float = false;  // float weights + calibration set; else int8
  std::vector<float> calibration;  // float spec: calibration_samples x input elements
  std::int64_t calibration_samples = 0;
  std::optional<ActivationQuant> input_quant;  // given (int8 spec) or calibrated
  WeightGranularity granularity = WeightGranularity::PerChannel;
  std::vector<SpecLayer> layers;
  // What the user should know about how the spec was read (weights generated
  // after an override); Model::notes carries them on.
  std::vector<std::string> notes;

  std::int64_t input_elements() const noexcept;
  // The index of the layer whose output layer i takes (its `from`, else
  // i - 1); -1 is the model input.
  int source_of(std::size_t i) const noexcept;
};

// Reads and checks a spec: keys, layer kinds, shapes through the network,
// weight arrays against those shapes. No quantization yet. `overrides`
// change layers first (spec_overrides.hpp).
SpecNetwork parse_model_spec(const std::filesystem::path& path, std::span<const SpecOverride> overrides = {});

// Turns a checked, fully quantized network (an int8 spec, or a float spec
// after quantize_network) into a Model: tensor 0 the int8 input, per layer its
// weights, bias and int8 output, the operators in order.
Model build_model(const SpecNetwork& network);

// parse_model_spec, quantize_network for a float spec, build_model.
Model load_model_spec(const std::filesystem::path& path, std::span<const SpecOverride> overrides = {});

}  // namespace mcusim::compiler
