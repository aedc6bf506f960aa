/* runtime/kernels/m4/dot_s8.h — int8 dot products with SMLAD, the inner loop
 * of the m4 FULLY_CONNECTED and CONV_2D kernels.
 *
 * Four input bytes are one word load; SXTAB16 sign-extends bytes 0 and 2 into
 * 16-bit halves and adds the input offset to both in one instruction (with
 * ROR #8: bytes 1 and 3). The weights of each row get the same split with
 * SXTB16, and SMLAD adds both 16 x 16 products to the accumulator: 4 MACs for
 * one load, two extends and two SMLAD per row, the input's load and extends
 * shared by the rows computed together. x + input_offset must fit in 16 bits
 * (m4_offset_fits_16); the kernels fall back to plain C when it does not.
 *
 * The accumulator wraps modulo 2^32 like the reference's int32 sum (SMLAD's
 * Q flag is ignored), and the sum's order does not change a wrapped sum: the
 * result equals the reference's whenever the reference is defined.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_DOT_S8_H
#define MCUSIM_RUNTIME_KERNELS_M4_DOT_S8_H

#include <stdint.h>

#include "runtime/kernels/m4/dsp.h"
#include "runtime/kernels/quant_math.h"

/* True when every int8 x + offset is a 16-bit value, so SXTAB16 adds it
 * without wrapping. TFLite's offsets (minus a zero point in [-128, 127]) always
 * fit. */
static inline int m4_offset_fits_16(int32_t offset) {
  return offset >= -32768 + 128 && offset <= 32767 - 127;
}

/* One step of m4_dot_s8_2rows: four inputs at offset `at`. */
#define M4_DOT_2ROWS_STEP(at)                                   \
  {                                                             \
    const uint32_t xv = dsp_read_s8x4(x + (at));                \
    const int32_t x_even = dsp_sxtab16(offset_pair, xv);        \
    const int32_t x_odd = dsp_sxtab16_ror8(offset_pair, xv);    \
    uint32_t v = dsp_read_s8x4(w0 + (at));                      \
    a0 = dsp_smlad(dsp_sxtb16(v), x_even, a0);                  \
    a0 = dsp_smlad(dsp_sxtb16_ror8(v), x_odd, a0);              \
    v = dsp_read_s8x4(w1 + (at));                               \
    a1 = dsp_smlad(dsp_sxtb16(v), x_even, a1);                  \
    a1 = dsp_smlad(dsp_sxtb16_ror8(v), x_odd, a1);              \
  }

/* acc[r] += sum_i w_r[i] * (x[i] + offset), for the two rows w_0, w_1.
 * Two rows, eight inputs a turn: x, both rows, the counter, the offset pair,
 * two sums and the temporaries fit the registers without a spill (four rows
 * need two more than ARMv7-M has, and clang's spills cost more than the
 * shared input saves). Pointers advance once a turn and a counter runs down;
 * clang's unrolling is off, as a second copy of the body spills. Not inlined:
 * inside a kernel's loop nest the outer loops' values take registers the
 * inner loop needs. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void m4_dot_s8_2rows(const int8_t* x, const int8_t* w0, const int8_t* w1, int32_t n,
                            int32_t offset, int32_t acc[2]) {
  const int32_t offset_pair = dsp_pack_pair(offset);
  int32_t a0 = acc[0], a1 = acc[1];
#if defined(__clang__)
#pragma clang loop unroll(disable)
#endif
  for (int32_t k = n >> 3; k > 0; --k) {
    M4_DOT_2ROWS_STEP(0)
    M4_DOT_2ROWS_STEP(4)
    x += 8;
    w0 += 8;
    w1 += 8;
  }
  if (n & 4) {
    M4_DOT_2ROWS_STEP(0)
    x += 4;
    w0 += 4;
    w1 += 4;
  }
  for (int32_t i = 0; i < (n & 3); ++i) {
    const int32_t xi = (int32_t)x[i] + offset;
    a0 = qm_wrap_add(a0, (int32_t)w0[i] * xi);
    a1 = qm_wrap_add(a1, (int32_t)w1[i] * xi);
  }
  acc[0] = a0;
  acc[1] = a1;
}
#undef M4_DOT_2ROWS_STEP

/* One row: sum_i w[i] * (x[i] + offset), added to acc. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static int32_t m4_dot_s8(const int8_t* x, const int8_t* w, int32_t n, int32_t offset,
                                int32_t acc) {
  const int32_t offset_pair = dsp_pack_pair(offset);
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t xv = dsp_read_s8x4(x + i);
    const uint32_t wv = dsp_read_s8x4(w + i);
    acc = dsp_smlad(dsp_sxtb16(wv), dsp_sxtab16(offset_pair, xv), acc);
    acc = dsp_smlad(dsp_sxtb16_ror8(wv), dsp_sxtab16_ror8(offset_pair, xv), acc);
  }
  for (; i < n; ++i) acc = qm_wrap_add(acc, (int32_t)w[i] * ((int32_t)x[i] + offset));
  return acc;
}

/* The plain-C dot product, for offsets beyond 16 bits. */
static inline int32_t m4_dot_s8_wide(const int8_t* x, const int8_t* w, int32_t n, int32_t offset,
                                     int32_t acc) {
  for (int32_t i = 0; i < n; ++i) acc = qm_wrap_add(acc, (int32_t)w[i] * ((int32_t)x[i] + offset));
  return acc;
}

/* The output byte: requantized sum plus the output offset, clamped to
 * [act_min, act_max]. SSAT to 8 bits first: act_min..act_max lies within
 * [-128, 127], so clamping the saturated value gives the same byte. */
static inline int8_t m4_output_s8(int32_t requantized, int32_t output_offset, int32_t act_min,
                                  int32_t act_max) {
  const int32_t saturated = dsp_ssat(qm_wrap_add(requantized, output_offset), 8);
  return (int8_t)qm_clamp(saturated, act_min, act_max);
}

#endif /* MCUSIM_RUNTIME_KERNELS_M4_DOT_S8_H */
