// runtime/compiler/model_spec_layers.cpp — see model_spec_layers.hpp. The
// output sizes follow TFLite's padding.h (the same rule prepare_conv.cpp
// checks): SAME gives ceil(in / stride), VALID floor((in - eff + stride) /
// stride) with eff = (kernel - 1) * dilation + 1.
#include "runtime/compiler/model_spec_layers.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <tuple>

#include "sim/error.hpp"
#include "sim/target/spelling.hpp"

namespace mcusim::compiler {
namespace {

constexpr KeySpec kKindKey{"kind", "kind = \"fully_connected\""};
constexpr KeySpec kNameKey{"name", "name = \"fc1\""};
constexpr KeySpec kUnitsKey{"units", "units = 16"};
constexpr KeySpec kFiltersKey{"filters", "filters = 8"};
constexpr KeySpec kKernelKey{"kernel", "kernel = [3, 3]  # height, width"};
constexpr KeySpec kStrideKey{"stride", "stride = [1, 1]  # height, width"};
constexpr KeySpec kDilationKey{"dilation", "dilation = [1, 1]  # height, width"};
constexpr KeySpec kPaddingKey{"padding", "padding = \"same\"  # same | valid"};
constexpr KeySpec kDepthMultiplierKey{"depth_multiplier", "depth_multiplier = 1"};
constexpr KeySpec kPoolKey{"pool", "pool = [2, 2]  # height, width"};
constexpr KeySpec kActivationKey{"activation", "activation = \"hard_tanh\"  # none | relu | relu6 | hard_tanh"};
constexpr KeySpec kShapeKey{"shape", "shape = [1, -1]  # the output shape; -1 once for 'the rest'"};
constexpr KeySpec kBetaKey{"beta", "beta = 1.0"};
constexpr KeySpec kWithKey{"with", "with = \"block1\"  # an earlier layer's name, or \"input\""};

constexpr std::array kFullyConnectedKeys{kKindKey,        kNameKey, kFromKey,        kUnitsKey,       kActivationKey,
                                         kWeightsKey,     kBiasKey,        kWeightScaleKey, kOutputScaleKey,
                                         kOutputZeroPointKey};
constexpr std::array kConvKeys{kKindKey,    kNameKey, kFromKey,     kFiltersKey,     kKernelKey,      kStrideKey,
                               kDilationKey, kPaddingKey, kActivationKey,  kWeightsKey,     kBiasKey,
                               kWeightScaleKey, kOutputScaleKey, kOutputZeroPointKey};
constexpr std::array kDepthwiseKeys{kKindKey,         kNameKey, kFromKey,        kKernelKey,     kStrideKey,
                                    kDilationKey,     kPaddingKey,     kDepthMultiplierKey, kActivationKey,
                                    kWeightsKey,      kBiasKey,        kWeightScaleKey, kOutputScaleKey,
                                    kOutputZeroPointKey};
constexpr std::array kPoolKeys{kKindKey, kNameKey, kFromKey, kPoolKey, kStrideKey, kPaddingKey};
constexpr std::array kReshapeKeys{kKindKey, kNameKey, kFromKey, kShapeKey};
constexpr std::array kPlainKeys{kKindKey, kNameKey, kFromKey};
constexpr std::array kSoftmaxKeys{kKindKey, kNameKey, kFromKey, kBetaKey};
constexpr std::array kRequantizingKeys{kKindKey, kNameKey, kFromKey, kOutputScaleKey, kOutputZeroPointKey};
constexpr std::array kAddKeys{kKindKey, kNameKey, kFromKey, kWithKey, kActivationKey, kOutputScaleKey, kOutputZeroPointKey};

const std::array kKinds{
    LayerKindInfo{LayerKind::FullyConnected, "fully_connected", kFullyConnectedKeys},
    LayerKindInfo{LayerKind::Conv2D, "conv_2d", kConvKeys},
    LayerKindInfo{LayerKind::DepthwiseConv2D, "depthwise_conv_2d", kDepthwiseKeys},
    LayerKindInfo{LayerKind::AveragePool2D, "average_pool_2d", kPoolKeys},
    LayerKindInfo{LayerKind::MaxPool2D, "max_pool_2d", kPoolKeys},
    LayerKindInfo{LayerKind::Reshape, "reshape", kReshapeKeys},
    LayerKindInfo{LayerKind::Flatten, "flatten", kPlainKeys},
    LayerKindInfo{LayerKind::Softmax, "softmax", kSoftmaxKeys},
    LayerKindInfo{LayerKind::Logistic, "logistic", kPlainKeys},
    LayerKindInfo{LayerKind::Tanh, "tanh", kPlainKeys},
    LayerKindInfo{LayerKind::Relu, "relu", kRequantizingKeys},
    LayerKindInfo{LayerKind::Relu6, "relu6", kPlainKeys},
    LayerKindInfo{LayerKind::HardTanh, "hard_tanh", kRequantizingKeys},
    LayerKindInfo{LayerKind::Add, "add", kAddKeys},
};

std::int64_t window_output(Padding padding, std::int64_t in, std::int64_t kernel, std::int64_t stride,
                           std::int64_t dilation) {
  const std::int64_t effective = (kernel - 1) * dilation + 1;
  return padding == Padding::Same ? (in + stride - 1) / stride : (in + stride - effective) / stride;
}

std::string dims_text(const std::vector<std::int32_t>& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

void read_activation(const SpecFields& fields, const toml::table& table, std::string_view context, SpecLayer& layer) {
  const toml::node* node = table.get(kActivationKey.key);
  if (node == nullptr) return;
  const std::string name = fields.string(*node, kActivationKey, context);
  constexpr std::array kNames{std::string_view{"none"}, std::string_view{"relu"}, std::string_view{"relu6"},
                              std::string_view{"hard_tanh"}};
  constexpr std::array kValues{Activation::None, Activation::Relu, Activation::Relu6, Activation::ReluN1To1};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) {
      layer.activation = kValues[i];
      return;
    }
  }
  const auto guess = closest_match(name, kNames);
  fields.fail(*node,
              fmt::format("fused activations: {}; tanh and logistic are layers of their own (kind = \"tanh\")",
                          join_names(kNames)),
              guess ? fmt::format("unknown activation '{}' {}; did you mean '{}'?", name, context, *guess)
                    : fmt::format("unknown activation '{}' {}", name, context));
}

void read_window(const SpecFields& fields, const toml::table& table, std::string_view context, const KeySpec& size_key,
                 SpecLayer& layer) {
  const auto [kh, kw] = fields.pair(fields.require(table, size_key, context), size_key, context);
  layer.kernel_h = kh;
  layer.kernel_w = kw;
  if (const toml::node* stride = table.get(kStrideKey.key)) {
    std::tie(layer.stride_h, layer.stride_w) = fields.pair(*stride, kStrideKey, context);
  }
  if (const toml::node* dilation = table.get(kDilationKey.key)) {
    std::tie(layer.dilation_h, layer.dilation_w) = fields.pair(*dilation, kDilationKey, context);
  }
  if (const toml::node* padding = table.get(kPaddingKey.key)) {
    const std::string name = fields.string(*padding, kPaddingKey, context);
    if (name == "same") {
      layer.padding = Padding::Same;
    } else if (name == "valid") {
      layer.padding = Padding::Valid;
    } else {
      fields.fail(*padding, fmt::format("write {}", kPaddingKey.example),
                  fmt::format("unknown padding '{}' {}; it is 'same' or 'valid'", name, context));
    }
  }
}

}  // namespace

std::string_view layer_kind_name(LayerKind kind) noexcept { return layer_kind_info(kind).name; }

std::span<const LayerKindInfo> layer_kinds() { return kKinds; }

const LayerKindInfo& layer_kind_info(LayerKind kind) {
  for (const LayerKindInfo& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds.front();  // unreachable: every kind is listed
}

bool has_own_output_quantization(LayerKind kind) noexcept {
  switch (kind) {
    case LayerKind::FullyConnected:
    case LayerKind::Conv2D:
    case LayerKind::DepthwiseConv2D:
    case LayerKind::Relu:
    case LayerKind::HardTanh:
    case LayerKind::Add: return true;
    default: return false;
  }
}

void read_layer_options(const SpecFields& fields, const toml::table& table, std::string_view context,
                        const std::vector<std::string>& names, SpecLayer& layer) {
  switch (layer.kind) {
    case LayerKind::FullyConnected:
      layer.units = static_cast<int>(fields.integer(fields.require(table, kUnitsKey, context), kUnitsKey, context, 1,
                                                    1 << 20));
      read_activation(fields, table, context, layer);
      break;
    case LayerKind::Conv2D:
      layer.units = static_cast<int>(fields.integer(fields.require(table, kFiltersKey, context), kFiltersKey, context,
                                                    1, 1 << 20));
      read_window(fields, table, context, kKernelKey, layer);
      read_activation(fields, table, context, layer);
      break;
    case LayerKind::DepthwiseConv2D:
      read_window(fields, table, context, kKernelKey, layer);
      if (const toml::node* dm = table.get(kDepthMultiplierKey.key)) {
        layer.depth_multiplier = static_cast<int>(fields.integer(*dm, kDepthMultiplierKey, context, 1, 1 << 10));
      }
      read_activation(fields, table, context, layer);
      break;
    case LayerKind::AveragePool2D:
    case LayerKind::MaxPool2D:
      read_window(fields, table, context, kPoolKey, layer);
      // A pool without an explicit stride moves by its window, as Keras's do.
      if (table.get(kStrideKey.key) == nullptr) {
        layer.stride_h = layer.kernel_h;
        layer.stride_w = layer.kernel_w;
      }
      break;
    case LayerKind::Reshape:
      layer.target_shape = fields.shape(fields.require(table, kShapeKey, context), kShapeKey, context, true);
      break;
    case LayerKind::Softmax:
      if (const toml::node* beta = table.get(kBetaKey.key)) {
        layer.beta = static_cast<float>(fields.number(*beta, kBetaKey, context));
        if (!(layer.beta > 0.0f)) {
          fields.fail(*beta, "write beta = 1.0", fmt::format("beta {} must be positive", context));
        }
      }
      break;
    case LayerKind::Add: {
      const toml::node& with = fields.require(table, kWithKey, context);
      const std::string name = fields.string(with, kWithKey, context);
      if (name == "input") {
        layer.skip_from = -1;
        break;
      }
      // Any layer before this one (names ends with this layer's own name).
      for (std::size_t i = 0; i + 1 < names.size(); ++i) {
        if (names[i] == name) {
          layer.skip_from = static_cast<int>(i);
          return;
        }
      }
      std::vector<std::string> candidates(names.begin(), names.end() - (names.empty() ? 0 : 1));
      candidates.push_back("input");
      const auto guess = closest_match(name, candidates);
      fields.fail(with, fmt::format("'with' names a layer before the previous one, or \"input\": {}",
                                    join_names(candidates)),
                  guess ? fmt::format("add {} adds '{}', which is no earlier layer; did you mean '{}'?", context, name,
                                      *guess)
                        : fmt::format("add {} adds '{}', which is no earlier layer", context, name));
    }
    case LayerKind::Flatten:
    case LayerKind::Logistic:
    case LayerKind::Tanh:
    case LayerKind::Relu:
    case LayerKind::Relu6:
    case LayerKind::HardTanh: break;
  }
}

void infer_output_shape(const SpecFields& fields, const toml::table& table, std::string_view context,
                        const std::vector<std::int32_t>& model_input_shape, const std::vector<SpecLayer>& earlier,
                        SpecLayer& layer) {
  const std::vector<std::int32_t>& in = layer.input_shape;
  const std::string in_text = dims_text(in);
  auto refuse = [&](std::string advice, std::string_view why) {
    fields.fail(table, std::move(advice),
                fmt::format("{} {} cannot take its input of shape {}: {}", layer_kind_name(layer.kind), context,
                            in_text, why));
  };
  std::int64_t elements = 1;
  for (std::int32_t d : in) elements *= d;

  switch (layer.kind) {
    case LayerKind::FullyConnected:
      if (in.size() < 2) refuse("give the input a batch dimension: shape = [1, features]", "it needs [batch, ...]");
      layer.output_shape = {in[0], layer.units};
      return;
    case LayerKind::Conv2D:
    case LayerKind::DepthwiseConv2D:
    case LayerKind::AveragePool2D:
    case LayerKind::MaxPool2D: {
      if (in.size() != 4) {
        refuse("2-D layers take [batch, height, width, channels]; add a reshape layer before this one",
               "it needs 4 dimensions (NHWC)");
      }
      const std::int64_t oh = window_output(layer.padding, in[1], layer.kernel_h, layer.stride_h, layer.dilation_h);
      const std::int64_t ow = window_output(layer.padding, in[2], layer.kernel_w, layer.stride_w, layer.dilation_w);
      if (oh < 1 || ow < 1) {
        refuse("use a smaller kernel, padding = \"same\", or a larger input",
               fmt::format("a {}x{} window with padding '{}' leaves no output", layer.kernel_h, layer.kernel_w,
                           layer.padding == Padding::Same ? "same" : "valid"));
      }
      std::int32_t channels = in[3];
      if (layer.kind == LayerKind::Conv2D) channels = layer.units;
      if (layer.kind == LayerKind::DepthwiseConv2D) channels = in[3] * layer.depth_multiplier;
      layer.output_shape = {in[0], static_cast<std::int32_t>(oh), static_cast<std::int32_t>(ow), channels};
      return;
    }
    case LayerKind::Reshape: {
      std::int64_t known = 1;
      int rest = -1;
      for (std::size_t i = 0; i < layer.target_shape.size(); ++i) {
        if (layer.target_shape[i] == -1) {
          rest = static_cast<int>(i);
        } else {
          known *= layer.target_shape[i];
        }
      }
      layer.output_shape = layer.target_shape;
      if (rest >= 0 && elements % known == 0) layer.output_shape[static_cast<std::size_t>(rest)] =
                                                  static_cast<std::int32_t>(elements / known);
      std::int64_t out = 1;
      for (std::int32_t d : layer.output_shape) out *= d;
      if (out != elements) {
        refuse(fmt::format("give a shape of {} elements", elements),
               fmt::format("shape {} holds {} elements, the input {}", dims_text(layer.target_shape), out, elements));
      }
      return;
    }
    case LayerKind::Flatten:
      if (in.empty()) refuse("give the input a batch dimension", "it has no dimensions");
      layer.output_shape = {in[0], static_cast<std::int32_t>(elements / in[0])};
      return;
    case LayerKind::Add: {
      const std::vector<std::int32_t>& other =
          layer.skip_from < 0 ? model_input_shape : earlier[static_cast<std::size_t>(layer.skip_from)].output_shape;
      if (other != in) {
        refuse("add tensors of the same shape (reshape one first)",
               fmt::format("the other operand ('{}') has shape {}",
                           layer.skip_from < 0 ? std::string("input")
                                               : earlier[static_cast<std::size_t>(layer.skip_from)].name,
                           dims_text(other)));
      }
      layer.output_shape = in;
      return;
    }
    case LayerKind::Softmax:
    case LayerKind::Logistic:
    case LayerKind::Tanh:
    case LayerKind::Relu:
    case LayerKind::Relu6:
    case LayerKind::HardTanh: layer.output_shape = in; return;
  }
}

std::vector<std::int32_t> expected_weight_shape(const SpecLayer& layer) {
  const std::vector<std::int32_t>& in = layer.input_shape;
  switch (layer.kind) {
    case LayerKind::FullyConnected: {
      std::int64_t features = 1;
      for (std::size_t i = 1; i < in.size(); ++i) features *= in[i];
      return {layer.units, static_cast<std::int32_t>(features)};
    }
    case LayerKind::Conv2D: return {layer.units, layer.kernel_h, layer.kernel_w, in[3]};
    case LayerKind::DepthwiseConv2D: return {1, layer.kernel_h, layer.kernel_w, in[3] * layer.depth_multiplier};
    default: return {};
  }
}

}  // namespace mcusim::compiler
