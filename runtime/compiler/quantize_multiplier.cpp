// runtime/compiler/quantize_multiplier.cpp — see quantize_multiplier.hpp.
#include "runtime/compiler/quantize_multiplier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mcusim::compiler {

QuantizedMultiplier quantize_multiplier(double real) {
  if (real == 0.0) return {};
  // A ratio of a file's scales can be NaN or infinite (converting it to an
  // integer is undefined; found by fuzz_tflite): refused as TFLite refuses
  // a multiplier out of range.
  if (!std::isfinite(real)) throw std::invalid_argument("multiplier " + std::to_string(real) + " is not finite");
  int shift = 0;
  const double q = std::frexp(real, &shift);
  auto q_fixed = static_cast<std::int64_t>(std::round(q * static_cast<double>(std::int64_t{1} << 31)));
  if (q_fixed == (std::int64_t{1} << 31)) {
    q_fixed /= 2;
    ++shift;
  }
  if (shift < -31) {  // below 2^-32 everything rounds to 0 anyway
    shift = 0;
    q_fixed = 0;
  }
  return {static_cast<std::int32_t>(q_fixed), shift};
}

QuantizedMultiplier quantize_multiplier_smaller_than_one(double real) {
  if (!(real > 0.0 && real < 1.0)) {
    throw std::invalid_argument("multiplier " + std::to_string(real) + " is not in (0, 1)");
  }
  return quantize_multiplier(real);
}

QuantizedMultiplier quantize_multiplier_greater_than_one(double real) {
  if (!(real > 1.0)) {
    throw std::invalid_argument("multiplier " + std::to_string(real) + " is not above 1");
  }
  return quantize_multiplier(real);
}

int calculate_input_radius(int input_integer_bits, int input_left_shift, int total_signed_bits) {
  const double max_input_rescaled = 1.0 * ((1 << input_integer_bits) - 1) *
                                    static_cast<double>(std::int64_t{1} << (total_signed_bits - input_integer_bits)) /
                                    std::ldexp(1.0, input_left_shift);
  return static_cast<int>(std::floor(max_input_rescaled));
}

std::int32_t quantize_float(float f, float scale, std::int32_t zero_point) {
  const float q = std::round(f / scale);
  // TFLite refuses a bound that does not fit int32 (a scale near zero).
  if (!(q >= -2147483648.0f && q < 2147483648.0f)) {
    throw std::invalid_argument("the activation bound " + std::to_string(f) + " / scale " +
                                std::to_string(scale) + " does not fit int32");
  }
  // The zero point can push a bound that fits past int32 too (-2^31 - 128;
  // found by fuzz_tflite): refused the same way.
  const std::int64_t bound = std::int64_t{zero_point} + static_cast<std::int64_t>(q);
  if (bound < std::numeric_limits<std::int32_t>::min() || bound > std::numeric_limits<std::int32_t>::max()) {
    throw std::invalid_argument("the activation bound " + std::to_string(f) + " / scale " + std::to_string(scale) +
                                " + zero point " + std::to_string(zero_point) + " does not fit int32");
  }
  return static_cast<std::int32_t>(bound);
}

ActivationRange activation_range_s8(Activation activation, float output_scale, std::int32_t output_zero_point) {
  ActivationRange r;
  switch (activation) {
    case Activation::None: break;
    case Activation::Relu:
      r.min = std::max(r.min, quantize_float(0.0f, output_scale, output_zero_point));
      break;
    case Activation::Relu6:
      r.min = std::max(r.min, quantize_float(0.0f, output_scale, output_zero_point));
      r.max = std::min(r.max, quantize_float(6.0f, output_scale, output_zero_point));
      break;
    case Activation::ReluN1To1:
      r.min = std::max(r.min, quantize_float(-1.0f, output_scale, output_zero_point));
      r.max = std::min(r.max, quantize_float(1.0f, output_scale, output_zero_point));
      break;
  }
  return r;
}

}  // namespace mcusim::compiler
