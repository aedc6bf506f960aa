// runtime/compiler/quantizer.hpp — float weights and a calibration set to
// int8, per the TFLite int8 quantization specification
// (tensorflow.org/lite/performance/quantization_spec):
//   - weights: symmetric int8 in [-127, 127], zero point 0, one scale per
//     output channel (or per tensor): scale = max|w| / 127;
//   - activations: asymmetric int8 in [-128, 127], per tensor, from the range
//     the float model reaches on the calibration set, widened to include 0:
//     scale = (max - min) / 255, zero point = round(-128 - min / scale)
//     clamped to [-128, 127];
//   - bias: int32, zero point 0, scale = input scale x weight scale;
//   - operators with a fixed output quantization in the spec: SOFTMAX and
//     LOGISTIC 1/256 with zero point -128, TANH 1/128 with zero point 0;
//     pooling and RESHAPE keep the input's (spec: "input and output must all
//     have same scale/zero_point"), as does RELU6, whose int8 kernel clamps
//     without requantizing. HardTanh (RELU_N1_TO_1) outputs [-1, 1].
// The arithmetic is TFLite's post-training quantizer's
// (tensorflow/lite/tools/optimize/quantization_utils.cc:
// GetAsymmetricQuantizationParams, SymmetricPerChannelQuantization,
// SymmetricPerChannelBiasQuantize), in float as there.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "runtime/compiler/model_spec.hpp"

namespace mcusim::compiler {

struct FloatRange {
  float min = 0.0f;
  float max = 0.0f;
};

// An activation's int8 quantization from its float range. A range of only 0
// (the tensor is always zero) gets scale 1/255, zero point -128: any positive
// scale represents it exactly, and the kernels refuse scale 0.
ActivationQuant asymmetric_quantization(FloatRange range);

struct SymmetricWeights {
  std::vector<std::int8_t> values;
  std::vector<float> scales;  // one per channel along channel_axis, or one
};

// Symmetric int8 weights; `shape` is the weights' shape and `channel_axis` the
// output-channel dimension. An all-zero channel gets scale 1/127 (TFLite
// would give 0, which the kernels refuse; the weights are 0 either way).
SymmetricWeights quantize_weights_symmetric(std::span<const float> weights, std::span<const std::int32_t> shape,
                                            int channel_axis, WeightGranularity granularity);

// int32 bias with scale input_scale * weight_scales[c] (one weight scale is
// broadcast), rounded half away from zero, saturated to int32.
std::vector<std::int32_t> quantize_bias(std::span<const float> bias, float input_scale,
                                        std::span<const float> weight_scales);

// The output quantization an operator fixes, given its input's; nullopt for
// the kinds that requantize to their own (has_own_output_quantization).
std::optional<ActivationQuant> fixed_output_quantization(LayerKind kind, ActivationQuant input);

// The float range of the input (index 0) and of every layer's output (index
// i + 1) over the calibration set.
std::vector<FloatRange> calibration_ranges(const SpecNetwork& network);

// Quantizes a float network in place: input and output quantizations, int8
// weights, int32 biases. The network stays is_float (its float arrays too).
void quantize_network(SpecNetwork& network);

}  // namespace mcusim::compiler
