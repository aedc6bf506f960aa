/* runtime/kernels/m0/requantize.h — TFLite's MultiplyByQuantizedMultiplier
 * (double rounding, quant_math.h's qm_mbqm) for the m0 kernels, without the
 * 64-bit multiply: ARMv6-M has only MULS (32 x 32 -> low 32 bits), and the
 * reference's int64 product becomes a call to __aeabi_lmul (64 x 64 bits).
 *
 * The high multiply. qm_srdhm(a, b) = floor((a*b + 2^30) / 2^31), saturated
 * for (-2^31) * (-2^31) (the derivation is in m4/requantize.h: the two
 * nudges of gemmlowp's definition are one formula). Here the 64-bit
 * a*b + 2^30 is built exactly from four 16 x 16 products, each exact in 32
 * bits, with a = ah*2^16 + al, b = bh*2^16 + bl (ah, bh signed high halves,
 * al, bl unsigned low halves):
 *
 *   a*b = ah*bh * 2^32 + (ah*bl + al*bh) * 2^16 + al*bl
 *
 *   al*bl  <= (2^16 - 1)^2 < 2^32            exact as uint32
 *   ah*bl, al*bh in [-2^15 (2^16 - 1), (2^15 - 1)(2^16 - 1)]  exact as int32
 *   ah*bh  in [-2^30 + 2^15, 2^30]           exact as int32
 *
 * and summed as a (hi, lo) pair with explicit carries: no rounding anywhere,
 * so the result is qm_srdhm's, bit for bit, by construction. The running hi
 * stays within int32 (every partial sum of a*b is below 2^62 + 2^48 in
 * magnitude). The result is bits 31..62 of the sum; as in m4/requantize.h,
 * INT32_MIN there can only come from the saturating case.
 * tests/runtime/kernels/variant_requantize_test.cpp checks it against
 * qm_srdhm on the edges and on random operands.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_REQUANTIZE_H
#define MCUSIM_RUNTIME_KERNELS_M0_REQUANTIZE_H

#include <stdint.h>

#include "runtime/kernels/quant_math.h"

/* (hi, lo) += v * 2^16 for a signed v. */
static inline void m0_add_shifted16(int32_t* hi, uint32_t* lo, int32_t v) {
  const uint32_t sum = *lo + ((uint32_t)v << 16);
  *hi = qm_wrap_add(*hi, qm_wrap_add(v >> 16, sum < *lo ? 1 : 0));
  *lo = sum;
}

static inline int32_t m0_srdhm(int32_t a, int32_t b) {
  const int32_t ah = a >> 16;
  const int32_t bh = b >> 16;
  const uint32_t al = (uint32_t)a & 0xFFFFu;
  const uint32_t bl = (uint32_t)b & 0xFFFFu;
  uint32_t lo = al * bl;
  int32_t hi = ah * bh;
  m0_add_shifted16(&hi, &lo, ah * (int32_t)bl);
  m0_add_shifted16(&hi, &lo, (int32_t)al * bh);
  const uint32_t nudged = lo + (1u << 30);
  hi = qm_wrap_add(hi, nudged < lo ? 1 : 0);
  const int32_t r = (int32_t)(((uint32_t)hi << 1) | (nudged >> 31));
  return r == QM_INT32_MIN ? QM_INT32_MAX : r;
}

/* qm_mbqm with m0_srdhm: -31 <= shift <= 30. */
static inline int32_t m0_requantize(int32_t acc, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return qm_rdbpot(m0_srdhm(qm_wrap_shl(acc, left_shift), multiplier), right_shift);
}

/* The output byte: requantized sum plus the output offset, clamped. */
static inline int8_t m0_output_s8(int32_t requantized, int32_t output_offset, int32_t act_min,
                                  int32_t act_max) {
  return (int8_t)qm_clamp(qm_wrap_add(requantized, output_offset), act_min, act_max);
}

#endif /* MCUSIM_RUNTIME_KERNELS_M0_REQUANTIZE_H */
