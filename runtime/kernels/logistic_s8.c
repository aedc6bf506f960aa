/* runtime/kernels/logistic_s8.c — LOGISTIC, int8 in, int8 out (scale 1/256, zero
 * point -128). TFLite Micro: reference_integer_ops::Logistic.
 *
 * x - zero_point goes to Q4.27 (kInputIntegerBits = 4) with the prepared
 * multiplier; inputs at or beyond the range radius saturate to -128 / 127.
 * gemmlowp's logistic gives Q0.31, which is shifted down by 31 - 8 = 23 bits
 * (kOutputIntegerBits = 8) to units of 1/256 and offset by -128. */
#include "runtime/kernels/fixed_point.h"
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void logistic_s8(const logistic_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    if (x <= -p->input_range_radius) {
      output[i] = -128;
    } else if (x >= p->input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 = qm_mbqm(x, p->input_multiplier, (int)p->input_left_shift);
      const int32_t y_q0 = fp_logistic(x_q4, 4);
      output[i] = (int8_t)qm_clamp(qm_rdbpot(y_q0, 31 - 8) - 128, -128, 127);
    }
  }
}
