/* runtime/kernels/m4/conv2d_s8.c — CONV_2D for ARMv7E-M. Per output pixel,
 * four output channels at a time: every in-bounds filter tap is a dot product
 * of filter_c contiguous input bytes with four filter rows (m4/dot_s8.h:
 * SXTAB16 + SMLAD), so the input word is loaded and extended once for four
 * channels; 1x1 convolutions are the case of a single tap. Requantization
 * with one SMLAL (m4/requantize.h). Bit-exact with runtime/kernels/conv2d_s8.c
 * (grouped convolution included: a block of four never spans two groups). */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m4/dot_s8.h"
#include "runtime/kernels/m4/requantize.h"
#include "runtime/kernels/quant_math.h"

static int8_t finish(const conv2d_s8_params* p, int32_t oc, int32_t acc, const int32_t* bias) {
  if (bias) acc = qm_wrap_add(acc, bias[oc]);
  return m4_output_s8(m4_requantize(acc, p->multiplier[oc], (int)p->shift[oc]), p->output_offset,
                      p->act_min, p->act_max);
}

void conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
               const int32_t* bias, int8_t* output) {
  const int32_t groups = p->input_c / p->filter_c;
  const int32_t filters_per_group = p->output_c / groups;
  const int32_t fc = p->filter_c;
  const int32_t filter_size = p->filter_h * p->filter_w * fc; /* one output channel's weights */
  const int32_t io = p->input_offset;
  const int simd = m4_offset_fits_16(io);
  int8_t* out = output;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* image = input + b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox, out += p->output_c) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        for (int32_t g = 0; g < groups; ++g) {
          const int32_t oc_end = (g + 1) * filters_per_group;
          int32_t oc = g * filters_per_group;
          for (; simd && oc + 4 <= oc_end; oc += 4) {
            int32_t acc[4] = {0, 0, 0, 0};
            const int8_t* w = filter + oc * filter_size;
            for (int32_t fy = 0; fy < p->filter_h; ++fy) {
              const int32_t in_y = in_y0 + p->dilation_h * fy;
              if (in_y < 0 || in_y >= p->input_h) continue; /* padding adds nothing */
              for (int32_t fx = 0; fx < p->filter_w; ++fx) {
                const int32_t in_x = in_x0 + p->dilation_w * fx;
                if (in_x < 0 || in_x >= p->input_w) continue;
                const int8_t* x = image + (in_y * p->input_w + in_x) * p->input_c + g * fc;
                const int8_t* wt = w + (fy * p->filter_w + fx) * fc;
                m4_dot_s8_4rows(x, wt, wt + filter_size, wt + 2 * filter_size, wt + 3 * filter_size,
                                fc, io, acc);
              }
            }
            for (int32_t r = 0; r < 4; ++r) out[oc + r] = finish(p, oc + r, acc[r], bias);
          }
          for (; oc < oc_end; ++oc) {
            int32_t acc = 0;
            const int8_t* w = filter + oc * filter_size;
            for (int32_t fy = 0; fy < p->filter_h; ++fy) {
              const int32_t in_y = in_y0 + p->dilation_h * fy;
              if (in_y < 0 || in_y >= p->input_h) continue;
              for (int32_t fx = 0; fx < p->filter_w; ++fx) {
                const int32_t in_x = in_x0 + p->dilation_w * fx;
                if (in_x < 0 || in_x >= p->input_w) continue;
                const int8_t* x = image + (in_y * p->input_w + in_x) * p->input_c + g * fc;
                const int8_t* wt = w + (fy * p->filter_w + fx) * fc;
                acc = simd ? m4_dot_s8(x, wt, fc, io, acc) : m4_dot_s8_wide(x, wt, fc, io, acc);
              }
            }
            out[oc] = finish(p, oc, acc, bias);
          }
        }
      }
    }
  }
}
