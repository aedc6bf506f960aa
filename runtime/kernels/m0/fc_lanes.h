/* runtime/kernels/m0/fc_lanes.h — the m0 FULLY_CONNECTED kernel on its
 * variant block (mcusim_plan.h, MCUSIM_PLAN_BLOCK_FC_M0_LANES; written by
 * runtime/compiler/weight_layout.cpp).
 *
 * Two MACs per MULS. A block word W = w_a + 65536 * w_b holds one input's
 * weights for two rows; W * x = w_a x + 65536 w_b x. Two inputs' products
 * summed, p = W(i) x_i + W(i+1) x_{i+1}, hold row a's part in the low half:
 * |w_a x_i + w_a x_{i+1}| <= 2 * 127 * 128 < 2^15 (the writer refuses a
 * weight of -128), so SXTH recovers it exactly, and (p - low) / 65536 is row
 * b's part, exact as well: p is the exact integer sum (|p| < 2^31). Per input
 * pair and four rows: 2 LDRSB, 2 LDM of two words (flash), 4 MULS, 2 ADDS,
 * 2 SXTH, 2 SUBS, 2 ASRS, 4 ADD: 8 MACs in 20 instructions where the
 * reference layout needs 8 LDRSB, 8 MULS, 8 ADD and two more loads of x.
 *
 * Per output, the block's channel words replace the bias, the input offset
 * (folded into the bias on the host), the 64-bit requantization (a 32-bit
 * form exact inside the channel's accumulator window) and the clamp (the
 * window makes it unnecessary). The writer proves both on the host; the
 * variant equivalence tests check them against ref.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H
#define MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H

#include <stdint.h>

#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/quant_math.h"

/* acc[r] += sum over `pairs` input pairs of four rows' lane products, in C
 * (the host build, and odd pair counts on the device). Returns w advanced. */
static inline const int32_t* m0_lanes_4rows_c(const int8_t* x, const int32_t* w, int32_t pairs, uint32_t acc[4]) {
  for (int32_t j = 0; j < pairs; ++j, x += 2, w += 4) {
    const uint32_t x0 = (uint32_t)(int32_t)x[0];
    const uint32_t x1 = (uint32_t)(int32_t)x[1];
    for (int half = 0; half < 2; ++half) {
      const uint32_t p = (uint32_t)w[2 * half] * x0 + (uint32_t)w[2 * half + 1] * x1;
      const int32_t low = (int16_t)(uint16_t)(p & 0xFFFFu);
      acc[2 * half] += (uint32_t)low;
      acc[2 * half + 1] += (uint32_t)((int32_t)(p - (uint32_t)low) >> 16);
    }
  }
  return w;
}

#if defined(__thumb__)
/* One input pair of the assembly loop. LDM's register list must ascend:
 * p0 and p1 are pinned to r4 and r5. */
#define M0_LANES_STEP                  \
  "ldrsb %[x0], [%[xe0], %[i]]\n\t"   \
  "ldrsb %[x1], [%[xe1], %[i]]\n\t"   \
  "ldm   %[w]!, {%[p0], %[p1]}\n\t"   \
  "muls  %[p0], %[x0], %[p0]\n\t"     \
  "muls  %[p1], %[x1], %[p1]\n\t"     \
  "adds  %[p0], %[p1]\n\t"            \
  "sxth  %[p1], %[p0]\n\t"            \
  "subs  %[p0], %[p1]\n\t"            \
  "asrs  %[p0], %[p0], #16\n\t"       \
  "add   %[a0], %[p1]\n\t"            \
  "add   %[a1], %[p0]\n\t"            \
  "ldm   %[w]!, {%[p0], %[p1]}\n\t"   \
  "muls  %[p0], %[x0], %[p0]\n\t"     \
  "muls  %[p1], %[x1], %[p1]\n\t"     \
  "adds  %[p0], %[p1]\n\t"            \
  "sxth  %[p1], %[p0]\n\t"            \
  "subs  %[p0], %[p1]\n\t"            \
  "asrs  %[p0], %[p0], #16\n\t"       \
  "add   %[a2], %[p1]\n\t"            \
  "add   %[a3], %[p0]\n\t"            \
  "adds  %[i], #2\n\t"
#endif

/* acc[0..3] = four rows' sums over 2 * pairs inputs; returns w advanced.
 * An odd pair goes through the C loop, the rest two a turn through the
 * loop above: per turn 2 * (2 LDRSB + 2 LDM + 17 single-cycle instructions)
 * + BNE (DDI 0432C §3.3: LDRSB 2, LDM 1 + N, BNE taken 3). */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static const int32_t* m0_lanes_4rows(const int8_t* x, const int32_t* w, int32_t pairs, int32_t acc[4]) {
  uint32_t sums[4] = {0u, 0u, 0u, 0u};
  const int32_t head = pairs & 1;
  w = m0_lanes_4rows_c(x, w, head, sums);
#if defined(__thumb__)
  if (pairs > head) {
    const int32_t n = 2 * pairs;
    const int8_t* xe0 = x + n;
    const int8_t* xe1 = x + n + 1;
    int32_t i = -(n - 2 * head);
    int32_t x0, x1;
    register int32_t p0 __asm__("r4");
    register int32_t p1 __asm__("r5");
    uint32_t a0 = 0u, a1 = 0u, a2 = 0u, a3 = 0u;
    __asm__ volatile("1:\n\t" M0_LANES_STEP M0_LANES_STEP "bne 1b\n\t"
                     : [a0] "+h"(a0), [a1] "+h"(a1), [a2] "+h"(a2), [a3] "+h"(a3), [i] "+l"(i), [w] "+l"(w),
                       [x0] "=&l"(x0), [x1] "=&l"(x1), [p0] "=&r"(p0), [p1] "=&r"(p1)
                     : [xe0] "l"(xe0), [xe1] "l"(xe1)
                     : "cc", "memory");
    sums[0] += a0;
    sums[1] += a1;
    sums[2] += a2;
    sums[3] += a3;
  }
#else
  w = m0_lanes_4rows_c(x + 2 * head, w, pairs - head, sums);
#endif
  for (int r = 0; r < 4; ++r) acc[r] = (int32_t)sums[r];
  return w;
}
#if defined(__thumb__)
#undef M0_LANES_STEP
#endif

/* One output byte from a row's sum and its eight channel words. */
static inline int8_t m0_lanes_output(int32_t sum, const int32_t* ch, int32_t output_offset) {
  int32_t a = qm_wrap_add(sum, ch[0]);
  a = a < ch[1] ? ch[1] : (a > ch[2] ? ch[2] : a);
  const int32_t t0 = a * ch[3];
  const int32_t t1 = a * ch[4] + (t0 >> 10);
  const int32_t t2 = a * ch[5] + (t1 >> 10);
  return (int8_t)(qm_rdbpot((t2 + 1024) >> 11, (int)ch[6]) + output_offset);
}

/* FULLY_CONNECTED with a MCUSIM_PLAN_BLOCK_FC_M0_LANES block (init checked
 * its counts against the params). */
static inline void m0_fc_lanes(const int32_t* block, int32_t batches, int32_t output_depth, int32_t output_offset,
                               const int8_t* input, int8_t* output) {
  const int32_t quads = block[2];
  const int32_t pairs = block[3];
  const int32_t* channels = block + MCUSIM_PLAN_FC_M0_LANES_HEADER + quads * pairs * 4;
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t* x = input + b * 2 * pairs;
    int8_t* out = output + b * output_depth;
    const int32_t* w = block + MCUSIM_PLAN_FC_M0_LANES_HEADER;
    const int32_t* ch = channels;
    for (int32_t o = 0; o < output_depth; o += 4) {
      int32_t acc[4];
      w = m0_lanes_4rows(x, w, pairs, acc);
      const int32_t rows = output_depth - o < 4 ? output_depth - o : 4;
      for (int32_t r = 0; r < rows; ++r, ch += MCUSIM_PLAN_FC_M0_LANES_CHANNEL) {
        out[o + r] = m0_lanes_output(acc[r], ch, output_offset);
      }
    }
  }
}

#endif /* MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H */
