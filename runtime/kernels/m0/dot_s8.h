/* runtime/kernels/m0/dot_s8.h — int8 dot products for ARMv6-M, the inner
 * loop of the m0 FULLY_CONNECTED and CONV_2D kernels.
 *
 * ARMv6-M has no SIMD and no post-increment loads; LDRSB takes only a
 * register offset (2 cycles, DDI 0432C §3.3), MULS is 1 cycle on a
 * fast-multiplier part, and only r0-r7 serve most instructions. One row at a
 * time: two rows sharing the input byte would need nine live registers, and
 * clang's spills cost more than the shared load saves.
 *
 * Sums wrap modulo 2^32 as the reference's int32 sum does when it is defined;
 * their order does not change a wrapped sum.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H
#define MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H

#include <stdint.h>

#include "runtime/kernels/quant_math.h"

/* acc + sum_i w[i] * (x[i] + offset).
 *
 * Written for clang's ARMv6-M code generation: both arrays are walked by one
 * negative index counting up to zero, so the loop needs no compare (ADDS sets
 * Z) and LDRSB's register offset does the addressing — a loop of x end, w end,
 * index, offset, sum and two temporaries fits the eight low registers. The
 * device build also passes -fomit-frame-pointer (r7 is the eighth) and
 * -mllvm -disable-lsr, which keeps clang from rewriting the index into one
 * incremented pointer per array plus a counter (cmake/kernel_variants.cmake).
 * Per MAC: two LDRSB (2 cycles each), ADDS, MULS, ADDS and, with the next
 * address, one ADDS: 8 cycles plus the loop's branch every four. Not inlined:
 * inside a kernel's loop nest clang hoists the outer loops' values into the
 * same registers and spills in the inner loop; a call costs about 15 cycles
 * per dot product. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static int32_t m0_dot_s8(const int8_t* x, const int8_t* w, int32_t n, int32_t offset,
                                int32_t acc) {
  uint32_t a = (uint32_t)acc;
  const int8_t* x_end = x + n;
  const int8_t* w_end = w + n;
  int32_t i = -n;
#define M0_DOT_STEP                                                   \
  a += (uint32_t)w_end[i] * (uint32_t)((int32_t)x_end[i] + offset); \
  ++i;
  for (int32_t r = n & 3; r > 0; --r) {
    M0_DOT_STEP
  }
#if defined(__clang__)
#pragma clang loop unroll(disable)
#endif
  while (i != 0) {
    M0_DOT_STEP
    M0_DOT_STEP
    M0_DOT_STEP
    M0_DOT_STEP
  }
#undef M0_DOT_STEP
  return (int32_t)a;
}

#endif /* MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H */
