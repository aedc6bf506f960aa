/* runtime/kernels/quantize_s8.c — QUANTIZE to int8, from int8 (requantize) or
 * from float32 (a model's input edge). TFLite Micro: reference_ops::Requantize and
 * reference_ops::AffineQuantize. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void quantize_s8_s8(const requantize_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t y =
        qm_mbqm((int32_t)input[i] - p->input_zero_point, p->multiplier, (int)p->shift) +
        p->output_zero_point;
    output[i] = (int8_t)qm_clamp(y, -128, 127);
  }
}

/* std::round without libm: to nearest, halves away from zero. The fraction
 * v - trunc(v) is exact in float. Values far outside int8 only need to stay far
 * outside, so they are limited to +-2^30 before the conversion; NaN gives 0. */
static int32_t round_half_away_from_zero(float v) {
  if (!(v == v)) return 0;
  if (v >= 1073741824.0f) return 1073741824;
  if (v <= -1073741824.0f) return -1073741824;
  int32_t t = (int32_t)v;
  const float fraction = v - (float)t;
  if (fraction >= 0.5f) ++t;
  else if (fraction <= -0.5f) --t;
  return t;
}

void quantize_f32_s8(const quantize_f32_params* p, const float* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    /* Divide (not multiply by 1/scale): TFLite computes round(x / scale). */
    const int32_t q = round_half_away_from_zero(input[i] / p->scale);
    output[i] = (int8_t)qm_clamp(q + p->zero_point, -128, 127);
  }
}
