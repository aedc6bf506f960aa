/* runtime/kernels/m0/dot_s8.h — int8 dot products for ARMv6-M, the inner
 * loop of the m0 FULLY_CONNECTED and CONV_2D kernels.
 *
 * ARMv6-M has no SIMD and no post-increment loads; LDRSB takes a register
 * offset (2 cycles, DDI 0432C §3.3) and MULS is 1 cycle on a fast-multiplier
 * part. Two rows share one index register and each input byte, loaded and
 * offset once: per input, one LDRSB + ADDS for x, then per row one LDRSB,
 * MULS and ADDS. Unrolled by four so the loop's compare and branch are paid
 * once per four inputs.
 *
 * Sums wrap modulo 2^32 as the reference's int32 sum does when it is defined;
 * their order does not change a wrapped sum.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H
#define MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H

#include <stdint.h>

#include "runtime/kernels/quant_math.h"

/* acc[0] += sum_i w0[i] * (x[i] + offset); acc[1] likewise with w1. */
static inline void m0_dot_s8_2rows(const int8_t* x, const int8_t* w0, const int8_t* w1,
                                   int32_t n, int32_t offset, int32_t acc[2]) {
  uint32_t a0 = (uint32_t)acc[0], a1 = (uint32_t)acc[1];
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t x0 = (uint32_t)((int32_t)x[i] + offset);
    a0 += (uint32_t)w0[i] * x0;
    a1 += (uint32_t)w1[i] * x0;
    const uint32_t x1 = (uint32_t)((int32_t)x[i + 1] + offset);
    a0 += (uint32_t)w0[i + 1] * x1;
    a1 += (uint32_t)w1[i + 1] * x1;
    const uint32_t x2 = (uint32_t)((int32_t)x[i + 2] + offset);
    a0 += (uint32_t)w0[i + 2] * x2;
    a1 += (uint32_t)w1[i + 2] * x2;
    const uint32_t x3 = (uint32_t)((int32_t)x[i + 3] + offset);
    a0 += (uint32_t)w0[i + 3] * x3;
    a1 += (uint32_t)w1[i + 3] * x3;
  }
  for (; i < n; ++i) {
    const uint32_t xi = (uint32_t)((int32_t)x[i] + offset);
    a0 += (uint32_t)w0[i] * xi;
    a1 += (uint32_t)w1[i] * xi;
  }
  acc[0] = (int32_t)a0;
  acc[1] = (int32_t)a1;
}

/* One row: acc + sum_i w[i] * (x[i] + offset). */
static inline int32_t m0_dot_s8(const int8_t* x, const int8_t* w, int32_t n, int32_t offset,
                                int32_t acc) {
  uint32_t a = (uint32_t)acc;
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a += (uint32_t)w[i] * (uint32_t)((int32_t)x[i] + offset);
    a += (uint32_t)w[i + 1] * (uint32_t)((int32_t)x[i + 1] + offset);
    a += (uint32_t)w[i + 2] * (uint32_t)((int32_t)x[i + 2] + offset);
    a += (uint32_t)w[i + 3] * (uint32_t)((int32_t)x[i + 3] + offset);
  }
  for (; i < n; ++i) a += (uint32_t)w[i] * (uint32_t)((int32_t)x[i] + offset);
  return (int32_t)a;
}

/* The output byte: requantized sum plus the output offset, clamped. */
static inline int8_t m0_output_s8(int32_t requantized, int32_t output_offset, int32_t act_min,
                                  int32_t act_max) {
  return (int8_t)qm_clamp(qm_wrap_add(requantized, output_offset), act_min, act_max);
}

#endif /* MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H */
