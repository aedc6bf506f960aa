/* runtime/kernels/m0/dot_s8.h — int8 dot products for ARMv6-M, the inner
 * loop of the m0 FULLY_CONNECTED and CONV_2D kernels.
 *
 * ARMv6-M has no SIMD and no post-increment loads; LDRSB takes only a
 * register offset (2 cycles, DDI 0432C §3.3), MULS is 1 cycle on a
 * fast-multiplier part, and only r0-r7 serve most instructions.
 *
 * m0_dot_s8_4rows computes four rows at once, sharing each input byte and its
 * offset: per input one LDRSB + ADD for x, then per row LDRSB, MULS, ADD —
 * 5 cycles a MAC. That needs all eight low registers for the loads and the
 * sums in high registers, which clang will not allocate from C (it spills
 * instead), so on Thumb targets the loop is a short inline-assembly block;
 * the host build runs the same loop in C (m0_dot_s8_4rows_c), and the
 * simulated tests compare the device build with the host.
 *
 * Sums wrap modulo 2^32 as the reference's int32 sum does when it is defined;
 * their order does not change a wrapped sum.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H
#define MCUSIM_RUNTIME_KERNELS_M0_DOT_S8_H

#include <stdint.h>

#include "runtime/kernels/quant_math.h"

/* acc[r] += sum_{i < n} w_r[i] * (x[i] + offset), r = 0..3, in C. */
static inline void m0_dot_s8_4rows_c(const int8_t* x, const int8_t* const w[4], int32_t n,
                                     int32_t offset, uint32_t acc[4]) {
  for (int32_t i = 0; i < n; ++i) {
    const uint32_t xi = (uint32_t)((int32_t)x[i] + offset);
    acc[0] += (uint32_t)w[0][i] * xi;
    acc[1] += (uint32_t)w[1][i] * xi;
    acc[2] += (uint32_t)w[2][i] * xi;
    acc[3] += (uint32_t)w[3][i] * xi;
  }
}

#if defined(__thumb__)
/* One input of the assembly loop: x + offset, then one MAC per row; the index
 * steps last so the loop's BNE sees its Z flag. */
#define M0_DOT4_STEP                  \
  "ldrsb %[xi], [%[x], %[i]]\n\t"   \
  "add   %[xi], %[off]\n\t"         \
  "ldrsb %[t], [%[w0], %[i]]\n\t"   \
  "muls  %[t], %[xi], %[t]\n\t"     \
  "add   %[a0], %[t]\n\t"           \
  "ldrsb %[t], [%[w1], %[i]]\n\t"   \
  "muls  %[t], %[xi], %[t]\n\t"     \
  "add   %[a1], %[t]\n\t"           \
  "ldrsb %[t], [%[w2], %[i]]\n\t"   \
  "muls  %[t], %[xi], %[t]\n\t"     \
  "add   %[a2], %[t]\n\t"           \
  "ldrsb %[t], [%[w3], %[i]]\n\t"   \
  "muls  %[t], %[xi], %[t]\n\t"     \
  "add   %[a3], %[t]\n\t"           \
  "adds  %[i], #1\n\t"
#endif

/* acc[r] += sum_i w_r[i] * (x[i] + offset) for four rows w[0..3].
 * The first n % 4 inputs go through the C loop, the rest four a turn through
 * the loop above: LDRSB 2 cycles, ADD/MULS/ADDS 1, BNE 3 taken
 * (DDI 0432C §3.3): (3 + 4 * 4 + 1) * 4 + 3 = 83 cycles for 16 MACs. The
 * ends of the arrays are the bases and a negative index counts up to 0. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void m0_dot_s8_4rows(const int8_t* x, const int8_t* const w[4], int32_t n, int32_t offset,
                            int32_t acc[4]) {
  uint32_t sums[4] = {(uint32_t)acc[0], (uint32_t)acc[1], (uint32_t)acc[2], (uint32_t)acc[3]};
  const int32_t head = n & 3;
  m0_dot_s8_4rows_c(x, w, head, offset, sums);
  if (n > head) {
#if defined(__thumb__)
    const int32_t rest = n - head;
    const int8_t* x_end = x + n;
    const int8_t* w0_end = w[0] + n;
    const int8_t* w1_end = w[1] + n;
    const int8_t* w2_end = w[2] + n;
    const int8_t* w3_end = w[3] + n;
    int32_t i = -rest;
    int32_t xi, t;
    uint32_t a0 = sums[0], a1 = sums[1], a2 = sums[2], a3 = sums[3];
    /* Sums and offset in high registers ("h"): ADD reaches them; the
     * pointers, index and temporaries fill r0-r7 ("l"). */
    __asm__("1:\n\t" M0_DOT4_STEP M0_DOT4_STEP M0_DOT4_STEP M0_DOT4_STEP "bne 1b\n\t"
            : [a0] "+h"(a0), [a1] "+h"(a1), [a2] "+h"(a2), [a3] "+h"(a3), [i] "+l"(i),
              [xi] "=&l"(xi), [t] "=&l"(t)
            : [x] "l"(x_end), [w0] "l"(w0_end), [w1] "l"(w1_end), [w2] "l"(w2_end),
              [w3] "l"(w3_end), [off] "h"(offset)
            : "cc", "memory");
    sums[0] = a0;
    sums[1] = a1;
    sums[2] = a2;
    sums[3] = a3;
#else
    const int8_t* const tail[4] = {w[0] + head, w[1] + head, w[2] + head, w[3] + head};
    m0_dot_s8_4rows_c(x + head, tail, n - head, offset, sums);
#endif
  }
  for (int r = 0; r < 4; ++r) acc[r] = (int32_t)sums[r];
}
#if defined(__thumb__)
#undef M0_DOT4_STEP
#endif

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
