/* runtime/kernels/quant_math.h — TFLite's integer requantization arithmetic.
 *
 * The three primitives every int8 kernel uses to turn an int32 accumulator back
 * into int8, written from their definitions:
 *
 * - qm_srdhm(a, b): SaturatingRoundingDoublingHighMul, the Q0.31 product
 *   a * b / 2^31 rounded to nearest with ties toward +infinity (2.5 -> 3,
 *   -2.5 -> -2), and the one overflowing case (-2^31 * -2^31) saturated to
 *   INT32_MAX. This is the ARM VQRDMULH instruction; gemmlowp's fixedpoint.h is
 *   the definition TFLite uses.
 * - qm_rdbpot(x, e): RoundingDivideByPOT, x / 2^e rounded to nearest with ties
 *   away from zero (a rounding arithmetic right shift), 0 <= e <= 31.
 * - qm_mbqm(x, m, shift): MultiplyByQuantizedMultiplier, x * m * 2^shift / 2^31
 *   in the "double rounding" form TFLite Micro's reference kernels are built
 *   with (TFLITE_SINGLE_ROUNDING unset): a positive shift multiplies x by
 *   2^shift before qm_srdhm, a negative shift is a qm_rdbpot afterwards, so
 *   the result is rounded twice.
 *
 * (m, shift) come from QuantizeMultiplier on the host (runtime/compiler): a real
 * multiplier M = m * 2^(shift - 31) with m in [2^30, 2^31).
 *
 * Freestanding C99: integer arithmetic only. Signed overflow is avoided by
 * doing wrapping steps in uint32_t; right shifts of negative values are
 * arithmetic on every compiler mcusim supports (gcc, clang).
 */
#ifndef MCUSIM_RUNTIME_KERNELS_QUANT_MATH_H
#define MCUSIM_RUNTIME_KERNELS_QUANT_MATH_H

#include <stdint.h>

#ifdef __cplusplus
/* The inline functions are C; C++ tests include them too. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#endif
extern "C" {
#endif

#define QM_INT32_MIN (-2147483647 - 1) /* int is 32 bits on every target */
#define QM_INT32_MAX 2147483647

/* Wrapping int32 arithmetic (two's complement), as TFLite's code behaves on
 * every target it runs on, but without undefined behaviour. */
static inline int32_t qm_wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}
static inline int32_t qm_wrap_sub(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}
static inline int32_t qm_wrap_shl(int32_t a, int s) {
  return (int32_t)((uint32_t)a << s);
}

static inline int32_t qm_min(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t qm_max(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t qm_clamp(int32_t x, int32_t lo, int32_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

/* SaturatingRoundingDoublingHighMul: (a*b + nudge) / 2^31 with the division
 * truncating toward zero, nudge = 2^30 for a*b >= 0 and 1 - 2^30 otherwise:
 * round to nearest, ties toward +infinity (for a*b < 0 the nudge is one short
 * of half, so -x.5 truncates up). */
static inline int32_t qm_srdhm(int32_t a, int32_t b) {
  if (a == b && a == QM_INT32_MIN) return QM_INT32_MAX;
  int64_t ab = (int64_t)a * (int64_t)b;
  int64_t t = ab + (ab >= 0 ? (int64_t)(1 << 30) : (int64_t)(1 - (1 << 30)));
  /* Truncating division by 2^31 without a 64-bit divide: bias negative values
   * by 2^31 - 1 before the arithmetic shift. */
  if (t < 0) t += ((int64_t)1 << 31) - 1;
  return (int32_t)(t >> 31);
}

/* RoundingDivideByPOT: x / 2^exponent, ties away from zero. The remainder is
 * compared with half the divisor; for negative x the threshold is one higher,
 * which moves the tie away from zero. 0 <= exponent <= 31. */
static inline int32_t qm_rdbpot(int32_t x, int exponent) {
  const int32_t mask = (int32_t)((1u << exponent) - 1u); /* exponent <= 31 */
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* MultiplyByQuantizedMultiplier, double rounding (TFLite common.cc, the
 * variant built when TFLITE_SINGLE_ROUNDING is not set). -31 <= shift <= 30.
 * A left shift that overflows int32 wraps, as in TFLite. */
static inline int32_t qm_mbqm(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return qm_rdbpot(qm_srdhm(qm_wrap_shl(x, left_shift), multiplier), right_shift);
}

/* MultiplyByQuantizedMultiplierSmallerThanOneExp (TFLite common.h, double
 * rounding): for multipliers below one, shift <= 0. ADD uses this form. */
static inline int32_t qm_mbqm_smaller_than_one(int32_t x, int32_t multiplier, int shift) {
  return qm_rdbpot(qm_srdhm(x, multiplier), -shift);
}

/* MultiplyByQuantizedMultiplierGreaterThanOne (TFLite common.h, double
 * rounding): left_shift >= 0, no rounding shift afterwards. SOFTMAX uses it. */
static inline int32_t qm_mbqm_greater_than_one(int32_t x, int32_t multiplier, int left_shift) {
  return qm_srdhm(qm_wrap_shl(x, left_shift), multiplier);
}

#ifdef __cplusplus
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#endif

#endif /* MCUSIM_RUNTIME_KERNELS_QUANT_MATH_H */
