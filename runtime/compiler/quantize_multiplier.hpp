// runtime/compiler/quantize_multiplier.hpp — TFLite's host-side quantization
// arithmetic: real scales to (multiplier, shift) pairs, input radii, quantized
// activation ranges.
//
// Written from TFLite's definitions (lite/kernels/internal/quantization_util.cc
// and lite/kernels/kernel_util.cc at tflite-micro 90b983c2), because the kernels
// are bit-exact only if these pairs are the very same integers.
#pragma once

#include <cstdint>

#include "runtime/compiler/model.hpp"

namespace mcusim::compiler {

// real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31) (or 0).
struct QuantizedMultiplier {
  std::int32_t multiplier = 0;
  int shift = 0;
};

// QuantizeMultiplier: frexp(real) = q * 2^shift with q in [0.5, 1);
// multiplier = round(q * 2^31) (halves away from zero); a q that rounds up to
// 2^31 becomes 2^30 with shift + 1; shift < -31 flushes to 0 (multiplier 0,
// shift 0). real == 0 gives (0, 0).
QuantizedMultiplier quantize_multiplier(double real);

// QuantizeMultiplierSmallerThanOneExp: as above for 0 < real < 1 (shift <= 0).
// Throws std::invalid_argument outside that range.
QuantizedMultiplier quantize_multiplier_smaller_than_one(double real);

// QuantizeMultiplierGreaterThanOne: as above for real > 1 (shift >= 0).
// Throws std::invalid_argument outside that range.
QuantizedMultiplier quantize_multiplier_greater_than_one(double real);

// CalculateInputRadius: the largest input (in units of the input scale) whose
// rescaled value still fits in input_integer_bits integer bits:
// floor((2^ib - 1) * 2^(total_bits - ib) / 2^input_left_shift).
int calculate_input_radius(int input_integer_bits, int input_left_shift, int total_signed_bits = 31);

// TFLite kernel_util Quantize: zero_point + int32(round(f / scale)), the
// division and the rounding in float. Throws std::invalid_argument when the
// rounded quotient does not fit int32 (TFLite refuses the model then).
std::int32_t quantize_float(float f, float scale, std::int32_t zero_point);

// CalculateActivationRangeQuantized for an int8 output: the fused activation's
// bounds quantized with the output's scale and zero point, intersected with
// [-128, 127]. Throws as quantize_float does.
struct ActivationRange {
  std::int32_t min = -128;
  std::int32_t max = 127;
};
ActivationRange activation_range_s8(Activation activation, float output_scale, std::int32_t output_zero_point);

}  // namespace mcusim::compiler
