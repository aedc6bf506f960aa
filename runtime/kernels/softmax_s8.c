/* runtime/kernels/softmax_s8.c — SOFTMAX, int8 in, int8 out (scale 1/256, zero
 * point -128). TFLite Micro: reference_ops::Softmax (the int8 template in
 * lite/kernels/internal/reference/softmax.h), built on gemmlowp fixed point.
 *
 * Per row: d = x - max(row). Each d >= diff_min is scaled to Q5.26 (beta and
 * the input scale are in input_multiplier / input_left_shift) and exp(d) taken
 * in Q0 with fp_exp_on_negative_values; the sum of the exps is kept in Q12.19
 * (kAccumulationIntegerBits = 12). Its reciprocal comes from
 * fp_one_over_one_plus_x_for_x_in_0_1 after normalising the sum to [1, 2)
 * (TFLite's GetReciprocal). Output = exp * reciprocal, shifted down to units of
 * 1/256, minus 128. */
#include "runtime/kernels/fixed_point.h"
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

enum {
  kScaledDiffIntegerBits = 5,   /* input differences in Q5.26 */
  kAccumulationIntegerBits = 12 /* sum of exps in Q12.19 */
};

void softmax_s8(const softmax_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t r = 0; r < p->outer_size; ++r) {
    const int8_t* x = input + r * p->depth;
    int8_t* y = output + r * p->depth;

    int32_t max_in_row = -128;
    for (int32_t c = 0; c < p->depth; ++c) max_in_row = qm_max(max_in_row, x[c]);

    int32_t sum_of_exps = 0; /* Q12.19 */
    for (int32_t c = 0; c < p->depth; ++c) {
      const int32_t diff = (int32_t)x[c] - max_in_row;
      if (diff >= p->diff_min) {
        const int32_t scaled = qm_mbqm_greater_than_one(diff, p->input_multiplier, (int)p->input_left_shift);
        const int32_t e = fp_exp_on_negative_values(scaled, kScaledDiffIntegerBits);
        sum_of_exps = qm_wrap_add(sum_of_exps, fp_mul_pot(e, -kAccumulationIntegerBits));
      }
    }

    /* GetReciprocal: sum = 2^num_bits_over_unit * (1 + f), f in [0, 1); the
     * reciprocal 1/(1+f) in Q0, the power of two folded into the final shift. */
    const int headroom_plus_one = fp_count_leading_zeros((uint32_t)sum_of_exps);
    const int num_bits_over_unit = kAccumulationIntegerBits - headroom_plus_one;
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)sum_of_exps << headroom_plus_one) - (1u << 31));
    const int32_t shifted_scale = fp_one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
    const int exponent = num_bits_over_unit + 31 - 8; /* 8 = bits of the int8 output */

    for (int32_t c = 0; c < p->depth; ++c) {
      const int32_t diff = (int32_t)x[c] - max_in_row;
      if (diff >= p->diff_min) {
        const int32_t scaled = qm_mbqm_greater_than_one(diff, p->input_multiplier, (int)p->input_left_shift);
        const int32_t e = fp_exp_on_negative_values(scaled, kScaledDiffIntegerBits);
        const int32_t unsat = qm_rdbpot(qm_srdhm(shifted_scale, e), exponent);
        y[c] = (int8_t)qm_clamp(unsat - 128, -128, 127);
      } else {
        y[c] = -128;
      }
    }
  }
}
