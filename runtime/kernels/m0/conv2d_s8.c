/* runtime/kernels/m0/conv2d_s8.c — CONV_2D for ARMv6-M. Per output pixel,
 * four output channels at a time share each input byte (m0/dot_s8.h, 5
 * cycles a MAC); the in-bounds taps are found once per pixel, and without
 * dilation or groups a filter row's taps are one contiguous run, one dot
 * product. 1x1 convolutions are the case of a single tap. Requantization without a
 * 64-bit multiply call (m0/requantize.h). Bit-exact with
 * runtime/kernels/conv2d_s8.c, grouped convolution included. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m0/dot_s8.h"
#include "runtime/kernels/m0/requantize.h"
#include "runtime/kernels/quant_math.h"
#include "runtime/kernels/tap_range.h"

static int8_t finish(const conv2d_s8_params* p, int32_t oc, int32_t acc, const int32_t* bias) {
  if (bias) acc = qm_wrap_add(acc, bias[oc]);
  return m0_output_s8(m0_requantize(acc, p->multiplier[oc], (int)p->shift[oc]), p->output_offset,
                      p->act_min, p->act_max);
}

void conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
               const int32_t* bias, int8_t* output) {
  const int32_t groups = p->input_c / p->filter_c;
  const int32_t filters_per_group = p->output_c / groups;
  const int32_t fc = p->filter_c;
  const int32_t filter_size = p->filter_h * p->filter_w * fc; /* one output channel's weights */
  const int32_t io = p->input_offset;
  const int32_t tap_step = p->dilation_w * p->input_c; /* input bytes from one tap to the next */
  const int32_t row_step = p->dilation_h * p->input_w * p->input_c; /* ... one filter row to the next */
  const int32_t w_row_step = p->filter_w * fc;
  /* Without dilation or groups the taps of one filter row are one contiguous
   * run in the input and in the filter: a single dot product per row. */
  const int rows_contiguous = p->dilation_w == 1 && groups == 1;
  int8_t* out = output;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* image = input + b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      int32_t fy0, fy1;
      tap_range(in_y0, p->dilation_h, p->filter_h, p->input_h, &fy0, &fy1);
      for (int32_t ox = 0; ox < p->output_w; ++ox, out += p->output_c) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        int32_t fx0, fx1;
        tap_range(in_x0, p->dilation_w, p->filter_w, p->input_w, &fx0, &fx1);
        const int32_t taps_x = fx1 - fx0;
        const int8_t* x_first = image + ((in_y0 + p->dilation_h * fy0) * p->input_w + in_x0 +
                                          p->dilation_w * fx0) * p->input_c;
        const int32_t w_first = (fy0 * p->filter_w + fx0) * fc; /* first in-bounds tap in a filter */
        for (int32_t g = 0; g < groups; ++g) {
          const int8_t* x_group = x_first + g * fc;
          const int32_t oc_end = (g + 1) * filters_per_group;
          int32_t oc = g * filters_per_group;
          for (; oc + 4 <= oc_end; oc += 4) {
            int32_t acc[4] = {0, 0, 0, 0};
            const int8_t* w = filter + oc * filter_size + w_first;
            const int8_t* x = x_group;
            for (int32_t r = fy0; r < fy1; ++r, x += row_step, w += w_row_step) {
              if (rows_contiguous) {
                const int8_t* const rows[4] = {w, w + filter_size, w + 2 * filter_size, w + 3 * filter_size};
                m0_dot_s8_4rows(x, rows, taps_x * fc, io, acc);
                continue;
              }
              for (int32_t k = 0; k < taps_x; ++k) {
                const int8_t* wt = w + k * fc;
                const int8_t* const rows[4] = {wt, wt + filter_size, wt + 2 * filter_size, wt + 3 * filter_size};
                m0_dot_s8_4rows(x + k * tap_step, rows, fc, io, acc);
              }
            }
            for (int32_t j = 0; j < 4; ++j) out[oc + j] = finish(p, oc + j, acc[j], bias);
          }
          for (; oc < oc_end; ++oc) {
            int32_t acc = 0;
            const int8_t* w = filter + oc * filter_size + w_first;
            const int8_t* x = x_group;
            for (int32_t r = fy0; r < fy1; ++r, x += row_step, w += w_row_step) {
              if (rows_contiguous) {
                acc = m0_dot_s8(x, w, taps_x * fc, io, acc);
                continue;
              }
              for (int32_t k = 0; k < taps_x; ++k) acc = m0_dot_s8(x + k * tap_step, w + k * fc, fc, io, acc);
            }
            out[oc] = finish(p, oc, acc, bias);
          }
        }
      }
    }
  }
}
