/* runtime/kernels/m0/conv2d_s8.c — CONV_2D for ARMv6-M. Per output pixel and
 * channel, every in-bounds filter tap is one dot product of filter_c
 * contiguous input bytes with the filter row (m0/dot_s8.h, 8 cycles a MAC);
 * 1x1 convolutions are the case of a single tap. Requantization without a
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
        /* Groups walked in order, not oc / filters_per_group: a division is a
         * library call on ARMv6-M. */
        int32_t group_start = 0; /* input channel of the current group */
        int32_t group_end = filters_per_group;
        for (int32_t oc = 0; oc < p->output_c; ++oc) {
          if (oc == group_end) {
            group_start += fc;
            group_end += filters_per_group;
          }
          int32_t acc = 0;
          for (int32_t fy = fy0; fy < fy1; ++fy) {
            const int32_t in_y = in_y0 + p->dilation_h * fy;
            const int8_t* x = image + (in_y * p->input_w + in_x0 + p->dilation_w * fx0) * p->input_c +
                              group_start;
            const int8_t* w = filter + oc * filter_size + (fy * p->filter_w + fx0) * fc;
            if (rows_contiguous) {
              acc = m0_dot_s8(x, w, taps_x * fc, io, acc);
            } else {
              for (int32_t k = 0; k < taps_x; ++k) acc = m0_dot_s8(x + k * tap_step, w + k * fc, fc, io, acc);
            }
          }
          out[oc] = finish(p, oc, acc, bias);
        }
      }
    }
  }
}
