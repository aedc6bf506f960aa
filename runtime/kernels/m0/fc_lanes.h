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
 * pair and four rows: 2 LDRSB, 2 LDM of two words, 4 MULS, 2 ADDS,
 * 2 SXTH, 2 SUBS, 2 ASRS, 4 ADD: 8 MACs in 20 instructions where the
 * reference layout needs 8 LDRSB, 8 MULS, 8 ADD and two more loads of x.
 *
 * Per output, the block's channel words replace the bias, the input offset
 * (folded into the bias on the host), the 64-bit requantization and the
 * rounding divide (a 32-bit form exact inside the channel's accumulator
 * window, ending in one shift) and the output clamp (the window makes it
 * unnecessary). The writer proves both on the host; the
 * variant equivalence tests check them against ref.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H
#define MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H

#include <stdint.h>

#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/quant_math.h"

/* acc[r] += sum over `pairs` input pairs of four rows' lane products, in C
 * (the host build; the device runs fc_lanes_thumb.h). Returns w advanced. */
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


/* One output byte from a row's sum and its channel words (mcusim_plan.h's
 * form; the writer proved every step fits in int32 inside [lo, hi]; the
 * unsigned steps only keep a corrupt block from being undefined behaviour). */
static inline int8_t m0_lanes_output(int32_t sum, const int32_t* ch) {
  int32_t a = qm_wrap_add(sum, ch[0]);
  a = a < ch[1] ? ch[1] : (a > ch[2] ? ch[2] : a);
  const int32_t t0 = (int32_t)((uint32_t)a * (uint32_t)ch[3]);
  const int32_t t1 = qm_wrap_add((int32_t)((uint32_t)a * (uint32_t)ch[4]), t0 >> 10);
  const int32_t t2 = qm_wrap_add((int32_t)((uint32_t)a * (uint32_t)ch[5]), t1 >> 10);
  const int32_t u = qm_wrap_add(t2, ch[6]);
  const int32_t v = qm_wrap_add(qm_wrap_add(u, (u >> 31) & ch[7]), ch[8]);
  return (int8_t)(v >> (ch[9] & 31));
}

/* The outputs of one quad (`rows_left` of them, at most four stored) from
 * its sums; returns the channel words of the next quad. */
static inline const int32_t* m0_lanes_quad_outputs(const uint32_t acc[4], const int32_t* ch, int8_t* out,
                                                   int32_t rows_left) {
  const int32_t n = rows_left < 4 ? rows_left : 4;
  for (int32_t r = 0; r < n; ++r) out[r] = m0_lanes_output((int32_t)acc[r], ch + r * MCUSIM_PLAN_FC_M0_LANES_CHANNEL);
  return ch + 4 * MCUSIM_PLAN_FC_M0_LANES_CHANNEL;
}

/* One batch row: `rows` outputs from x (2 * pairs inputs). */
static inline void m0_fc_lanes_batch_c(const int32_t* block, const int8_t* x, int8_t* out, int32_t rows) {
  const int32_t quads = block[2];
  const int32_t pairs = block[3];
  const int32_t* w = block + MCUSIM_PLAN_FC_M0_LANES_HEADER;
  const int32_t* ch = w + quads * pairs * 4;
  for (int32_t o = 0; o < rows; o += 4) {
    uint32_t acc[4] = {0u, 0u, 0u, 0u};
    w = m0_lanes_4rows_c(x, w, pairs, acc);
    ch = m0_lanes_quad_outputs(acc, ch, out + o, rows - o);
  }
}

/* The same on an 'MLS2' block: per quad, n steps of five words, each a
 * non-zero input pair's two weight words for rows 0-1, its byte offset, and
 * the two for rows 2-3. */
static inline void m0_fc_sparse_batch_c(const int32_t* block, const int8_t* x, int8_t* out, int32_t rows) {
  const int32_t* step = block + MCUSIM_PLAN_FC_M0_SPARSE_HEADER;
  const int32_t* ch = block + block[4];
  for (int32_t o = 0; o < rows; o += 4) {
    uint32_t acc[4] = {0u, 0u, 0u, 0u};
    const int32_t n = *step++;
    for (int32_t k = 0; k < n; ++k, step += MCUSIM_PLAN_FC_M0_SPARSE_STEP) {
      const int32_t words[4] = {step[0], step[1], step[3], step[4]};
      m0_lanes_4rows_c(x + step[2], words, 1, acc);
    }
    ch = m0_lanes_quad_outputs(acc, ch, out + o, rows - o);
  }
}

#if defined(__thumb__)
#include "runtime/kernels/m0/fc_lanes_thumb.h"
#define M0_FC_LANES_BATCH m0_fc_lanes_batch_thumb
#define M0_FC_SPARSE_BATCH m0_fc_sparse_batch_thumb
#else
#define M0_FC_LANES_BATCH m0_fc_lanes_batch_c
#define M0_FC_SPARSE_BATCH m0_fc_sparse_batch_c
#endif

/* FULLY_CONNECTED with an 'MLN2' or 'MLS2' block (init checked its counts
 * against the params). */
static inline void m0_fc_lanes(const int32_t* block, int32_t batches, int32_t output_depth, const int8_t* input,
                               int8_t* output) {
  const int32_t depth = 2 * block[3];
  const int sparse = (uint32_t)block[0] == MCUSIM_PLAN_BLOCK_FC_M0_SPARSE;
  for (int32_t b = 0; b < batches; ++b) {
    if (sparse) {
      M0_FC_SPARSE_BATCH(block, input + b * depth, output + b * output_depth, output_depth);
    } else {
      M0_FC_LANES_BATCH(block, input + b * depth, output + b * output_depth, output_depth);
    }
  }
}

#endif /* MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_H */
