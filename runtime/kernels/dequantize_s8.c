/* runtime/kernels/dequantize_s8.c — DEQUANTIZE int8 to float32 (a model's output
 * edge). TFLite Micro: reference_ops::Dequantize computes
 * float(double(scale) * (x - zero_point)). The double product of a float and an
 * integer below 2^9 is exact, so rounding it to float once equals the single
 * float multiplication done here, bit for bit, without double arithmetic. */
#include "runtime/kernels/kernels.h"

void dequantize_s8_f32(const dequantize_s8_params* p, const int8_t* input, float* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    output[i] = p->scale * (float)((int32_t)input[i] - p->zero_point);
  }
}
