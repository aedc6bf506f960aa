// runtime/compiler/quantizer.cpp — see quantizer.hpp for the rules and sources.
#include "runtime/compiler/quantizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/compiler/float_reference.hpp"
#include "runtime/compiler/model_spec_layers.hpp"

namespace mcusim::compiler {
namespace {

constexpr float kQuantMin = -128.0f;  // int8 activations, quantization spec
constexpr float kQuantMax = 127.0f;
constexpr float kWeightMax = 127.0f;  // int8 weights are in [-127, 127]

// TfLiteRound: std::round, halves away from zero.
float round_half_away(float x) { return std::round(x); }

}  // namespace

ActivationQuant asymmetric_quantization(FloatRange range) {
  // GetAsymmetricQuantizationParams: widen to include 0, then
  // scale = (max - min) / (qmax - qmin), zero point from min, clamped, rounded.
  const float min = std::min(range.min, 0.0f);
  const float max = std::max(range.max, 0.0f);
  const float scale = (max - min) / (kQuantMax - kQuantMin);
  if (scale == 0.0f) return {1.0f / 255.0f, -128};
  const float zero_point_from_min = kQuantMin - min / scale;
  std::int32_t zero_point = 0;
  if (zero_point_from_min < kQuantMin) {
    zero_point = -128;
  } else if (zero_point_from_min > kQuantMax) {
    zero_point = 127;
  } else {
    zero_point = static_cast<std::int32_t>(round_half_away(zero_point_from_min));
  }
  return {scale, zero_point};
}

SymmetricWeights quantize_weights_symmetric(std::span<const float> weights, std::span<const std::int32_t> shape,
                                            int channel_axis, WeightGranularity granularity) {
  const auto axis = static_cast<std::size_t>(channel_axis);
  const std::size_t channels = granularity == WeightGranularity::PerChannel ? static_cast<std::size_t>(shape[axis]) : 1;
  std::size_t inner = 1;  // elements between two consecutive channel indices
  for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= static_cast<std::size_t>(shape[d]);
  auto channel_of = [&](std::size_t i) { return channels == 1 ? 0 : (i / inner) % channels; };

  // SymmetricPerChannelQuantization: half range = max(|min|, |max|) per channel,
  // scale = half_range / 127, values round(w * 127 / half_range), clamped.
  std::vector<float> half_range(channels, 0.0f);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    half_range[channel_of(i)] = std::max(half_range[channel_of(i)], std::abs(weights[i]));
  }
  SymmetricWeights result;
  std::vector<float> inverse(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    const float range = half_range[c] == 0.0f ? 1.0f : half_range[c];
    result.scales.push_back(range / kWeightMax);
    inverse[c] = kWeightMax / range;
  }
  result.values.reserve(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const float q = round_half_away(weights[i] * inverse[channel_of(i)]);
    result.values.push_back(static_cast<std::int8_t>(std::clamp(q, -kWeightMax, kWeightMax)));
  }
  return result;
}

std::vector<std::int32_t> quantize_bias(std::span<const float> bias, float input_scale,
                                        std::span<const float> weight_scales) {
  // SymmetricPerChannelBiasQuantize: scale = input_scale * weight_scale (a
  // float product), value = round(b * (1 / scale)), saturated (SafeCast).
  std::vector<std::int32_t> result;
  result.reserve(bias.size());
  for (std::size_t c = 0; c < bias.size(); ++c) {
    const float scale = input_scale * weight_scales[weight_scales.size() == 1 ? 0 : c];
    const auto inverse = static_cast<float>(1.0 / static_cast<double>(scale));
    const float q = round_half_away(bias[c] * inverse);
    constexpr auto kMax = static_cast<float>(std::numeric_limits<std::int32_t>::max());
    if (q >= kMax) {
      result.push_back(std::numeric_limits<std::int32_t>::max());
    } else if (q <= -kMax) {
      result.push_back(-std::numeric_limits<std::int32_t>::max());
    } else {
      result.push_back(static_cast<std::int32_t>(q));
    }
  }
  return result;
}

std::optional<ActivationQuant> fixed_output_quantization(LayerKind kind, ActivationQuant input) {
  switch (kind) {
    case LayerKind::Softmax:
    case LayerKind::Logistic: return ActivationQuant{1.0f / 256.0f, -128};
    case LayerKind::Tanh: return ActivationQuant{1.0f / 128.0f, 0};
    case LayerKind::AveragePool2D:
    case LayerKind::MaxPool2D:
    case LayerKind::Reshape:
    case LayerKind::Flatten:
    case LayerKind::Relu6: return input;
    default: return std::nullopt;
  }
}

std::vector<FloatRange> calibration_ranges(const SpecNetwork& network) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  std::vector<FloatRange> ranges(network.layers.size() + 1, FloatRange{kInf, -kInf});
  auto widen = [](FloatRange& r, const std::vector<float>& values) {
    for (float v : values) {
      r.min = std::min(r.min, v);
      r.max = std::max(r.max, v);
    }
  };
  const auto n = static_cast<std::size_t>(network.input_elements());
  for (std::int64_t s = 0; s < network.calibration_samples; ++s) {
    const std::span<const float> sample(network.calibration.data() + static_cast<std::size_t>(s) * n, n);
    widen(ranges[0], std::vector<float>(sample.begin(), sample.end()));
    const std::vector<std::vector<float>> outputs = float_forward(network, sample);
    for (std::size_t i = 0; i < outputs.size(); ++i) widen(ranges[i + 1], outputs[i]);
  }
  return ranges;
}

void quantize_network(SpecNetwork& network) {
  const std::vector<FloatRange> ranges = calibration_ranges(network);
  network.input_quant = asymmetric_quantization(ranges[0]);
  ActivationQuant previous = *network.input_quant;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    SpecLayer& layer = network.layers[i];
    const int source = network.source_of(i);  // the previous layer, or `from`
    previous = source < 0 ? *network.input_quant : *network.layers[static_cast<std::size_t>(source)].output_quant;
    FloatRange range = ranges[i + 1];
    // HardTanh, as a layer or fused, outputs [-1, 1] whatever calibration saw.
    if (layer.kind == LayerKind::HardTanh || layer.activation == Activation::ReluN1To1) range = {-1.0f, 1.0f};
    const std::optional<ActivationQuant> fixed = fixed_output_quantization(layer.kind, previous);
    layer.output_quant = fixed ? *fixed : asymmetric_quantization(range);
    if (layer.weighted()) {
      SymmetricWeights w =
          quantize_weights_symmetric(layer.weights, layer.weight_shape, layer.channel_axis(), network.granularity);
      layer.weights_q = std::move(w.values);
      layer.weight_scales = std::move(w.scales);
      if (layer.has_bias) layer.bias_q = quantize_bias(layer.bias, previous.scale, layer.weight_scales);
    }
  }
}

}  // namespace mcusim::compiler
