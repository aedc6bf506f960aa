/* runtime/kernels/m4/requantize.h — TFLite's MultiplyByQuantizedMultiplier
 * (double rounding, quant_math.h's qm_mbqm) for the m4 kernels, with the high
 * multiply as one SMLAL and two shifts instead of quant_math.h's branches.
 *
 * Why it is the same function. qm_srdhm(a, b) is (a*b + nudge) / 2^31
 * truncated toward zero, nudge = 2^30 for a*b >= 0 and 1 - 2^30 otherwise.
 * For a*b >= 0 that is floor((a*b + 2^30) / 2^31). For a*b < 0 the sum
 * t = a*b + 1 - 2^30 is negative, and truncating a negative t is
 * ceil(t / 2^31) = floor((t + 2^31 - 1) / 2^31) = floor((a*b + 2^30) / 2^31).
 * So one formula covers both signs: an arithmetic shift right by 31 of the
 * 64-bit a*b + 2^30 — on ARMv7E-M, SMLAL with the low word preloaded with
 * 2^30, then (hi << 1) | (lo >> 31). The one saturating case,
 * (-2^31) * (-2^31), gives 2^31, which wraps to INT32_MIN; no other input
 * gives INT32_MIN (the most negative product, -2^31 * (2^31 - 1), gives
 * -2^31 + 1), so INT32_MIN in the result means "saturate to INT32_MAX".
 * tests/runtime/kernels/variant_requantize_test.cpp checks it on the edges
 * and on random operands against qm_srdhm.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_REQUANTIZE_H
#define MCUSIM_RUNTIME_KERNELS_M4_REQUANTIZE_H

#include <stdint.h>

#include "runtime/kernels/quant_math.h"

static inline int32_t m4_srdhm(int32_t a, int32_t b) {
  const int64_t t = (int64_t)a * (int64_t)b + ((int64_t)1 << 30);
  const int32_t r = (int32_t)(uint32_t)((uint64_t)t >> 31);
  return r == QM_INT32_MIN ? QM_INT32_MAX : r;
}

/* qm_mbqm with m4_srdhm: -31 <= shift <= 30. */
static inline int32_t m4_requantize(int32_t acc, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return qm_rdbpot(m4_srdhm(qm_wrap_shl(acc, left_shift), multiplier), right_shift);
}

#endif /* MCUSIM_RUNTIME_KERNELS_M4_REQUANTIZE_H */
