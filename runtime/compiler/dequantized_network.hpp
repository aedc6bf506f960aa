// runtime/compiler/dequantized_network.hpp — the int8 model's own parameters
// in real numbers.
//
// The float pass of a float spec runs the weights the user gave; the int8
// model runs their quantized values. To see what the int8 arithmetic alone
// adds (tests/tools/workloads_test.cpp), the float pass runs on this copy:
// every weight is scale × q and every bias is input scale × weight scale ×
// q, the values the int8 tensors stand for (TFLite's real = scale × (q − zero
// point), zero point 0 for both).
#pragma once

#include "runtime/compiler/model_spec.hpp"

namespace mcusim::compiler {

// `quantized`: a network quantize_network has run on (or an int8 spec): its
// weighted layers have weights_q, weight_scales and bias_q, every layer an
// output_quant. The copy is a float network (is_float) with those values as
// its weights and biases and the same quantizations.
SpecNetwork dequantized_network(const SpecNetwork& quantized);

}  // namespace mcusim::compiler
