/* runtime/kernels/m4/conv2d_s8.c — CONV_2D for ARMv7E-M. Per output pixel,
 * two output channels at a time: the in-bounds taps (found once per pixel)
 * are dot products with two filter rows (m4/dot_s8.h: SXTAB16 + SMLAD), so
 * each input word is loaded and extended once for two channels; without
 * dilation or groups a filter row's taps are one contiguous run, one dot
 * product. 1x1 convolutions are the case of a single tap. Requantization
 * with one SMLAL (m4/requantize.h). Bit-exact with runtime/kernels/conv2d_s8.c
 * (grouped convolution included: a pair never spans two groups). A 1x1
 * convolution with the plan writer's m4 block is a matrix product
 * (m4/matmul_m4.h: int16 weights, loads and SMLAD only). */
#include <stddef.h>

#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m4/dot_s8.h"
#include "runtime/kernels/m4/matmul_m4.h"
#include "runtime/kernels/m4/requantize.h"
#include "runtime/kernels/quant_math.h"
#include "runtime/kernels/tap_range.h"

static int8_t finish(const conv2d_s8_params* p, int32_t oc, int32_t acc, const int32_t* bias) {
  if (bias) acc = qm_wrap_add(acc, bias[oc]);
  return m4_output_s8(m4_requantize(acc, p->multiplier[oc], (int)p->shift[oc]), p->output_offset,
                      p->act_min, p->act_max);
}

/* sum over the in-bounds taps of one output pixel for the filter rows w_0 and
 * (when w1 is not NULL) w_1; see conv2d_s8 for the tap walk. */
typedef struct {
  const int8_t* x;       /* input at the first in-bounds tap (fy0, fx0), group's first channel */
  int32_t row_step;      /* input bytes between filter rows */
  int32_t tap_step;      /* input bytes between taps of a row */
  int32_t rows;          /* in-bounds filter rows */
  int32_t taps;          /* in-bounds taps per row */
  int32_t w_row_step;    /* filter bytes between filter rows */
  int32_t fc;            /* channels per tap */
  int rows_contiguous;   /* a row's taps are one run in input and filter */
  int32_t io;
} tap_walk;

static void sum_taps(const tap_walk* t, const int8_t* w0, const int8_t* w1, int simd, int32_t acc[2]) {
  const int8_t* x = t->x;
  for (int32_t r = 0; r < t->rows; ++r, x += t->row_step, w0 += t->w_row_step) {
    const int8_t* w1_row = w1 ? w1 + r * t->w_row_step : NULL;
    if (t->rows_contiguous) {
      const int32_t n = t->taps * t->fc;
      if (w1_row) {
        m4_dot_s8_2rows(x, w0, w1_row, n, t->io, acc);
      } else {
        acc[0] = simd ? m4_dot_s8(x, w0, n, t->io, acc[0]) : m4_dot_s8_wide(x, w0, n, t->io, acc[0]);
      }
      continue;
    }
    for (int32_t k = 0; k < t->taps; ++k) {
      const int8_t* xt = x + k * t->tap_step;
      const int8_t* wt = w0 + k * t->fc;
      if (w1_row) {
        m4_dot_s8_2rows(xt, wt, w1_row + k * t->fc, t->fc, t->io, acc);
      } else {
        acc[0] = simd ? m4_dot_s8(xt, wt, t->fc, t->io, acc[0]) : m4_dot_s8_wide(xt, wt, t->fc, t->io, acc[0]);
      }
    }
  }
}

void conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
               const int32_t* bias, int8_t* output) {
  if (p->variant_block != 0 && (uint32_t)p->variant_block[0] == MCUSIM_PLAN_BLOCK_M4_MATMUL) {
    m4_matmul(p->variant_block, p->batches * p->input_h * p->input_w, p->input_c, p->output_c, input, output,
              p->act_min, p->act_max);
    return;
  }
  const int32_t groups = p->input_c / p->filter_c;
  const int32_t filters_per_group = p->output_c / groups;
  const int32_t fc = p->filter_c;
  const int32_t filter_size = p->filter_h * p->filter_w * fc; /* one output channel's weights */
  const int simd = m4_offset_fits_16(p->input_offset);
  tap_walk t;
  t.row_step = p->dilation_h * p->input_w * p->input_c;
  t.tap_step = p->dilation_w * p->input_c;
  t.w_row_step = p->filter_w * fc;
  t.fc = fc;
  /* Without dilation or groups the taps of one filter row are one contiguous
   * run in the input and in the filter: a single dot product per row. */
  t.rows_contiguous = p->dilation_w == 1 && groups == 1;
  t.io = p->input_offset;
  int8_t* out = output;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* image = input + b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      int32_t fy0, fy1;
      tap_range(in_y0, p->dilation_h, p->filter_h, p->input_h, &fy0, &fy1);
      t.rows = fy1 - fy0;
      for (int32_t ox = 0; ox < p->output_w; ++ox, out += p->output_c) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        int32_t fx0, fx1;
        tap_range(in_x0, p->dilation_w, p->filter_w, p->input_w, &fx0, &fx1);
        t.taps = fx1 - fx0;
        const int8_t* x0 = image + ((in_y0 + p->dilation_h * fy0) * p->input_w + in_x0 + p->dilation_w * fx0) *
                                       p->input_c;
        const int32_t w_offset = (fy0 * p->filter_w + fx0) * fc; /* first in-bounds tap in a filter */
        /* One in-bounds filter row whose taps are one run (a 1x1 convolution,
         * or a row of taps at the top or bottom edge): one dot product. */
        const int single_run = t.rows == 1 && t.rows_contiguous;
        const int32_t run = t.taps * fc;
        for (int32_t g = 0; g < groups; ++g) {
          t.x = x0 + g * fc;
          const int32_t oc_end = (g + 1) * filters_per_group;
          int32_t oc = g * filters_per_group;
          for (; simd && oc + 2 <= oc_end; oc += 2) {
            int32_t acc[2] = {0, 0};
            const int8_t* w = filter + oc * filter_size + w_offset;
            if (single_run) {
              m4_dot_s8_2rows(t.x, w, w + filter_size, run, t.io, acc);
            } else {
              sum_taps(&t, w, w + filter_size, simd, acc);
            }
            out[oc] = finish(p, oc, acc[0], bias);
            out[oc + 1] = finish(p, oc + 1, acc[1], bias);
          }
          for (; oc < oc_end; ++oc) {
            int32_t acc[2] = {0, 0};
            sum_taps(&t, filter + oc * filter_size + w_offset, NULL, simd, acc);
            out[oc] = finish(p, oc, acc[0], bias);
          }
        }
      }
    }
  }
}
