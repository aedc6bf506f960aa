/* runtime/kernels/mean_s8.c — MEAN, int8, over a contiguous block of axes (H,W of
 * NHWC). TFLite Micro: reference_ops::QuantizedMeanOrSum. The int32 sum minus
 * zero_point * count is requantized with a multiplier that already holds
 * 1/count (truncated, see the host preparation), so the result is not always
 * the mean rounded to nearest — exactly as in TFLite Micro. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void mean_s8(const mean_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t o = 0; o < p->outer_size; ++o) {
    const int8_t* block = input + o * p->reduce_size * p->inner_size;
    for (int32_t i = 0; i < p->inner_size; ++i) {
      int32_t sum = 0;
      for (int32_t r = 0; r < p->reduce_size; ++r) sum += block[r * p->inner_size + i];
      const int32_t shifted_sum = sum - p->input_zero_point * p->reduce_size;
      const int32_t y = qm_mbqm(shifted_sum, p->multiplier, (int)p->shift) + p->output_zero_point;
      output[o * p->inner_size + i] = (int8_t)qm_clamp(y, -128, 127);
    }
  }
}
