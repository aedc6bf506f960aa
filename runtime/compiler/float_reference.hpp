// runtime/compiler/float_reference.hpp — the float forward pass of a model
// spec's network: what the layers compute before quantization.
//
// Two uses: the quantizer runs it over the calibration set to find each
// activation's range, and tests compare the int8 model's dequantized outputs
// with it. The arithmetic follows the int8 kernels' definitions in real
// numbers (TFLite's SAME/VALID padding with the smaller half before, pooling
// over in-bounds taps only, softmax with beta), accumulating in double.
#pragma once

#include <span>
#include <vector>

#include "runtime/compiler/model_spec.hpp"

namespace mcusim::compiler {

// What the pass does with a layer's output before the next layer reads it.
enum class FloatPassRounding {
  None,  // real numbers throughout: the float model
  // Rounded to the layer's int8 grid (output_quant: nearest step, saturated
  // to [-128, 127]), the quantization simulation ("fake quant") of a network
  // that quantize_network has run on: with dequantized_network's parameters
  // it is the int8 model in real arithmetic, so each output differs from the
  // int8 kernels' only by their fixed-point rescaling.
  ToActivationGrid,
};

// Runs a float network (SpecNetwork::is_float) on one input of
// input_elements() values, row-major in the input shape; returns every
// layer's output, layer i at index i.
std::vector<std::vector<float>> float_forward(const SpecNetwork& network, std::span<const float> input,
                                              FloatPassRounding rounding = FloatPassRounding::None);

}  // namespace mcusim::compiler
