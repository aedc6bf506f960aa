/* runtime/kernels/m4/matmul_m4.h — FULLY_CONNECTED and the 1x1 CONV_2D of the
 * m4 variant on their variant block (mcusim_plan.h,
 * MCUSIM_PLAN_BLOCK_M4_MATMUL; written by runtime/compiler/weight_layout_m4.cpp):
 * `pixels` input rows of `depth` int8 values times the block's weights, `rows`
 * outputs per pixel.
 *
 * The weights are int16 (doubled) two to a word and the input is expanded once
 * per pixel into a stack buffer of int16 pairs (SXTB16 of each input word:
 * bytes 0 and 2, then 1 and 3, the order of the block's E and O words), so
 * the inner loop is word loads and SMLAD (2 MACs each) only:
 *
 * - two pixels at a time (depth <= 256): a pass over two rows and two pixels
 *   keeps four sums; per input quad 8 loads and 8 SMLAD for 16 MACs. Cortex-M4
 *   timing (TIMING-FACTS.md, DDI 0439B §3.3.1: LDR 2, a neighbouring
 *   independent LDR 1, SMLAD 1; docs/timing.md: post-increment writeback is
 *   no address dependency): two chains of four loads, 5 cycles each, plus 8
 *   SMLAD = 18 cycles per 16 MACs; four input quads a turn add CMP and a taken
 *   BNE (1 + P = 2): 75 cycles per 64 MACs, 1.17 a MAC;
 * - one pixel (FULLY_CONNECTED's single batch row, an odd last pixel, or a
 *   depth above 256): a pass over four rows; per input quad two chains of five
 *   loads (6 cycles each) and 8 SMLAD: 20 per 16 MACs, 83 per 64 with the
 *   loop, 1.30 a MAC.
 *
 * Per output: SMMULR, ADD (the sign term), ADD (k), ASR, SSAT (or a two-sided
 * clamp when the activation narrows [-128, 127]) and STRB; the channel words
 * arrive in one chain of loads. The device runs matmul_m4_thumb.h; the host
 * build runs the same passes in C (m4_matmul_pair_c, m4_matmul_single_c). */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_H
#define MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/m4/dsp.h"
#include "runtime/kernels/quant_math.h"

/* The input buffer: 256 words on the stack, one pixel of up to 512 inputs or
 * two of up to 256 (MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH). */
#define M4_MATMUL_BUFFER_WORDS 256

/* One call of a pass routine: row quads [0, quads) of the block from `w` and
 * `ch` on, for the expanded input `x`. The Thumb routines read the fields at
 * the offsets given (checked below for 32-bit pointers). */
typedef struct {
  const int32_t* w;    /* 0: the first row quad's first weight word */
  const int32_t* ch;   /* 4: its first channel word */
  const uint32_t* x;   /* 8: expanded input: per input quad (x_e, x_o) or, two pixels, (a_e, b_e, a_o, b_o) */
  int8_t* out;         /* 12: the first row's output of pixel a */
  int32_t out_b;       /* 16: bytes from pixel a's outputs to pixel b's */
  int32_t quads;       /* 20: row quads to compute, >= 1 */
  int32_t depth_quads; /* 24: a multiple of 4, >= 4 */
  int32_t act_min;     /* 28 */
  int32_t act_max;     /* 32 */
} m4_matmul_job;

#if UINTPTR_MAX == 0xFFFFFFFFu /* the device's 32-bit layout */
_Static_assert(offsetof(m4_matmul_job, ch) == 4 && offsetof(m4_matmul_job, x) == 8 &&
                   offsetof(m4_matmul_job, out) == 12 && offsetof(m4_matmul_job, out_b) == 16 &&
                   offsetof(m4_matmul_job, quads) == 20 && offsetof(m4_matmul_job, depth_quads) == 24 &&
                   offsetof(m4_matmul_job, act_min) == 28 && offsetof(m4_matmul_job, act_max) == 32,
               "matmul_m4_thumb.h reads these offsets");
#endif

/* The output byte of sum a (twice TFLite's accumulator) with channel words
 * ch[1..3] (mcusim_plan.h's formula; unsigned adds keep a corrupt block from
 * being undefined behaviour, init checked 1 <= e <= 31). */
static inline int8_t m4_matmul_output(int32_t a, const int32_t* ch, int32_t act_min, int32_t act_max) {
  const int32_t v = dsp_smmulr(a, ch[1]);
  const int32_t t = (int32_t)((uint32_t)v + (uint32_t)(v >> 31) + (uint32_t)ch[2]);
  return (int8_t)qm_clamp(t >> ch[3], act_min, act_max);
}

/* Two pixels, rows in pairs, in C (the host build; the device runs
 * m4_matmul_pair_thumb). */
static inline void m4_matmul_pair_c(const m4_matmul_job* job) {
  const int32_t* w = job->w;
  const int32_t* ch = job->ch;
  int8_t* out = job->out;
  for (int32_t q = 0; q < job->quads; ++q, w += job->depth_quads * 8) {
    for (int32_t pass = 0; pass < 2; ++pass, ch += 8, out += 2) {
      int32_t a0a = ch[0], a0b = ch[0], a1a = ch[4], a1b = ch[4];
      const uint32_t* x = job->x;
      const int32_t* wp = w + 2 * pass;
      for (int32_t d = 0; d < job->depth_quads; ++d, x += 4, wp += 8) {
        a0a = dsp_smlad(wp[0], (int32_t)x[0], a0a);
        a0b = dsp_smlad(wp[0], (int32_t)x[1], a0b);
        a1a = dsp_smlad(wp[1], (int32_t)x[0], a1a);
        a1b = dsp_smlad(wp[1], (int32_t)x[1], a1b);
        a0a = dsp_smlad(wp[4], (int32_t)x[2], a0a);
        a0b = dsp_smlad(wp[4], (int32_t)x[3], a0b);
        a1a = dsp_smlad(wp[5], (int32_t)x[2], a1a);
        a1b = dsp_smlad(wp[5], (int32_t)x[3], a1b);
      }
      out[0] = m4_matmul_output(a0a, ch, job->act_min, job->act_max);
      out[job->out_b] = m4_matmul_output(a0b, ch, job->act_min, job->act_max);
      out[1] = m4_matmul_output(a1a, ch + 4, job->act_min, job->act_max);
      out[job->out_b + 1] = m4_matmul_output(a1b, ch + 4, job->act_min, job->act_max);
    }
  }
}

/* One pixel, four rows at a time, in C. */
static inline void m4_matmul_single_c(const m4_matmul_job* job) {
  const int32_t* w = job->w;
  const int32_t* ch = job->ch;
  int8_t* out = job->out;
  for (int32_t q = 0; q < job->quads; ++q, ch += 16, out += 4) {
    int32_t acc[4] = {ch[0], ch[4], ch[8], ch[12]};
    const uint32_t* x = job->x;
    for (int32_t d = 0; d < job->depth_quads; ++d, x += 2, w += 8) {
      for (int r = 0; r < 4; ++r) {
        acc[r] = dsp_smlad(w[r], (int32_t)x[0], acc[r]);
        acc[r] = dsp_smlad(w[4 + r], (int32_t)x[1], acc[r]);
      }
    }
    for (int r = 0; r < 4; ++r) out[r] = m4_matmul_output(acc[r], ch + 4 * r, job->act_min, job->act_max);
  }
}

#if defined(__thumb__) && defined(__ARM_FEATURE_DSP)
#include "runtime/kernels/m4/matmul_m4_thumb.h"
#define M4_MATMUL_PAIR(job, full) ((full) ? m4_matmul_pair_ssat_thumb(job) : m4_matmul_pair_clamp_thumb(job))
#define M4_MATMUL_SINGLE(job, full) ((full) ? m4_matmul_single_ssat_thumb(job) : m4_matmul_single_clamp_thumb(job))
#else
#define M4_MATMUL_PAIR(job, full) ((void)(full), m4_matmul_pair_c(job))
#define M4_MATMUL_SINGLE(job, full) ((void)(full), m4_matmul_single_c(job))
#endif

/* Input quad q of one pixel as a word, zero past `depth`. */
static inline uint32_t m4_matmul_input_word(const int8_t* x, int32_t depth, int32_t q) {
  if (4 * q + 4 <= depth) return dsp_read_s8x4(x + 4 * q);
  uint32_t word = 0u;
  for (int32_t i = 4 * q; i < depth; ++i) word |= (uint32_t)(uint8_t)x[i] << (8 * (i - 4 * q));
  return word;
}

/* The expanded input of one pixel (stride 2) or two (stride 4, b at +1),
 * zero from the depth up to depth_quads. */
static inline void m4_matmul_expand(uint32_t* buffer, const int8_t* x, int32_t depth, int32_t depth_quads,
                                    int32_t stride) {
  const int32_t data_quads = (depth + 3) / 4;
  for (int32_t q = 0; q < depth_quads; ++q, buffer += stride) {
    const uint32_t word = q < data_quads ? m4_matmul_input_word(x, depth, q) : 0u;
    buffer[0] = (uint32_t)dsp_sxtb16(word);
    buffer[stride / 2] = (uint32_t)dsp_sxtb16_ror8(word);
  }
}

/* Row quads of one job: the full quads straight to the output, a last partial
 * quad through a scratch buffer (its padding rows are computed, not stored). */
static inline void m4_matmul_rows(m4_matmul_job* job, int32_t rows, int pair, int full) {
  const int32_t full_quads = rows / 4;
  const int32_t tail = rows % 4;
  if (full_quads > 0) {
    job->quads = full_quads;
    if (pair) M4_MATMUL_PAIR(job, full);
    else M4_MATMUL_SINGLE(job, full);
  }
  if (tail == 0) return;
  int8_t* out = job->out;
  int8_t scratch[8];
  job->w += full_quads * job->depth_quads * 8;
  job->ch += full_quads * 4 * MCUSIM_PLAN_M4_MATMUL_CHANNEL;
  job->out = scratch;
  const int32_t out_b = job->out_b;
  job->out_b = 4;
  job->quads = 1;
  if (pair) M4_MATMUL_PAIR(job, full);
  else M4_MATMUL_SINGLE(job, full);
  for (int32_t r = 0; r < tail; ++r) {
    out[4 * full_quads + r] = scratch[r];
    if (pair) out[out_b + 4 * full_quads + r] = scratch[4 + r];
  }
}

/* The operator on its block: init checked the block's counts against
 * (rows, depth). */
static inline void m4_matmul(const int32_t* block, int32_t pixels, int32_t depth, int32_t rows, const int8_t* input,
                             int8_t* output, int32_t act_min, int32_t act_max) {
  const int32_t depth_quads = block[3];
  const int32_t* w = block + MCUSIM_PLAN_M4_MATMUL_HEADER;
  const int32_t* ch = w + block[2] * depth_quads * 8;
  const int full = act_min <= -128 && act_max >= 127; /* SSAT alone is the clamp */
  uint32_t buffer[M4_MATMUL_BUFFER_WORDS];
  const int pairs = depth_quads * 4 <= M4_MATMUL_BUFFER_WORDS;
  int32_t p = 0;
  m4_matmul_job job;
  job.depth_quads = depth_quads;
  job.act_min = act_min;
  job.act_max = act_max;
  job.x = buffer;
  for (; pairs && p + 2 <= pixels; p += 2) {
    m4_matmul_expand(buffer, input + p * depth, depth, depth_quads, 4);
    m4_matmul_expand(buffer + 1, input + (p + 1) * depth, depth, depth_quads, 4);
    job.w = w;
    job.ch = ch;
    job.out = output + p * rows;
    job.out_b = rows;
    m4_matmul_rows(&job, rows, 1, full);
  }
  for (; p < pixels; ++p) {
    m4_matmul_expand(buffer, input + p * depth, depth, depth_quads, 2);
    job.w = w;
    job.ch = ch;
    job.out = output + p * rows;
    job.out_b = 0;
    m4_matmul_rows(&job, rows, 0, full);
  }
}

#endif /* MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_H */
