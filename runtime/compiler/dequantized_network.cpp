// runtime/compiler/dequantized_network.cpp — see dequantized_network.hpp.
#include "runtime/compiler/dequantized_network.hpp"

#include <cstddef>

namespace mcusim::compiler {
namespace {

// The scale of output channel `channel`: one per channel, or one for all.
double weight_scale(const SpecLayer& layer, std::size_t channel) {
  return layer.weight_scales.size() == 1 ? layer.weight_scales[0] : layer.weight_scales[channel];
}

void dequantize_layer(SpecLayer& layer, double input_scale) {
  // Elements of weight_shape after the channel axis: the run of weights that
  // share one channel (all of a row for [units, inputs] and [filters, h, w,
  // in]; one element for depthwise's [1, h, w, channels]).
  std::size_t run = 1;
  for (std::size_t d = static_cast<std::size_t>(layer.channel_axis()) + 1; d < layer.weight_shape.size(); ++d) {
    run *= static_cast<std::size_t>(layer.weight_shape[d]);
  }
  const auto channels = static_cast<std::size_t>(layer.channels());
  layer.weights.resize(layer.weights_q.size());
  for (std::size_t k = 0; k < layer.weights_q.size(); ++k) {
    layer.weights[k] = static_cast<float>(weight_scale(layer, (k / run) % channels) * layer.weights_q[k]);
  }
  // A layer without bias has none in the int8 model either (zeros).
  layer.bias.assign(channels, 0.0f);
  for (std::size_t c = 0; c < layer.bias_q.size() && c < channels; ++c) {
    layer.bias[c] = static_cast<float>(input_scale * weight_scale(layer, c) * layer.bias_q[c]);
  }
  layer.has_bias = true;
}

}  // namespace

SpecNetwork dequantized_network(const SpecNetwork& quantized) {
  SpecNetwork network = quantized;
  network.is_float = true;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    SpecLayer& layer = network.layers[i];
    if (!layer.weighted()) continue;
    const int source = quantized.source_of(i);
    const ActivationQuant& input =
        source < 0 ? *quantized.input_quant : *quantized.layers[static_cast<std::size_t>(source)].output_quant;
    dequantize_layer(layer, input.scale);
  }
  return network;
}

}  // namespace mcusim::compiler
