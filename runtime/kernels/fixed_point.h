/* runtime/kernels/fixed_point.h — the gemmlowp fixed-point functions that
 * TFLite Micro's int8 SOFTMAX, LOGISTIC and TANH are built on.
 *
 * A value in "Qi" has i integer bits and 31 - i fractional bits in an int32
 * (raw r stands for r / 2^(31 - i)). Q0 is [-1, 1), its "one" is INT32_MAX.
 * Each function states its input and output formats. The algorithms and their
 * constants are those of gemmlowp's fixedpoint/fixedpoint.h (Apache-2.0), which
 * TFLite Micro at 90b983c2 includes for these kernels; they are described, with
 * the constants cited, in fixed_point.c.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_FIXED_POINT_H
#define MCUSIM_RUNTIME_KERNELS_FIXED_POINT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SaturatingRoundingMultiplyByPOT<exponent>: x * 2^exponent, saturating when
 * exponent > 0, rounding to nearest (ties away from zero) when exponent < 0. */
int32_t fp_mul_pot(int32_t x, int exponent);

/* exp(a) for a <= 0; a in Q(integer_bits) with 0 <= integer_bits <= 30,
 * result in Q0. exp(0) is INT32_MAX. */
int32_t fp_exp_on_negative_values(int32_t a, int integer_bits);

/* 1 / (1 + a) for a in [0, 1); a and the result in Q0. */
int32_t fp_one_over_one_plus_x_for_x_in_0_1(int32_t a);

/* (1 - a) / (1 + a) for a in [0, 1); a and the result in Q0. */
int32_t fp_one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a);

/* logistic(a) = 1 / (1 + exp(-a)); a in Q(integer_bits), result in Q0. */
int32_t fp_logistic(int32_t a, int integer_bits);

/* tanh(a); a in Q(integer_bits) (integer_bits <= 29), result in Q0. */
int32_t fp_tanh(int32_t a, int integer_bits);

/* Number of leading zero bits of x; 32 for x == 0. */
int fp_count_leading_zeros(uint32_t x);

#ifdef __cplusplus
}
#endif

#endif /* MCUSIM_RUNTIME_KERNELS_FIXED_POINT_H */
