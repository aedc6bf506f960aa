/* runtime/kernels/tanh_s8.c — TANH, int8 in, int8 out (scale 1/128, zero point 0).
 * TFLite Micro: reference_integer_ops::Tanh.
 *
 * As LOGISTIC: x - zero_point to Q4.27, saturation beyond the range radius, then
 * gemmlowp's tanh in Q0.31 shifted down by 31 - 7 = 24 bits (kOutputScale = 7)
 * to units of 1/128. No output zero point is added (TFLite Micro adds none). */
#include "runtime/kernels/fixed_point.h"
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void tanh_s8(const tanh_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    if (x <= -p->input_range_radius) {
      output[i] = -128;
    } else if (x >= p->input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 = qm_mbqm(x, p->input_multiplier, (int)p->input_left_shift);
      const int32_t y_q0 = fp_tanh(x_q4, 4);
      output[i] = (int8_t)qm_clamp(qm_rdbpot(y_q0, 31 - 7), -128, 127);
    }
  }
}
