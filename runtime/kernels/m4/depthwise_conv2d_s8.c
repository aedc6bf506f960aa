/* runtime/kernels/m4/depthwise_conv2d_s8.c — DEPTHWISE_CONV_2D for ARMv7E-M.
 * With depth multiplier 1 (the common case), four channels at a time: one word
 * of input and one of weights per tap, split into 16-bit halves by SXTAB16
 * (adding the input offset) and SXTB16, and each half multiplied into its own
 * channel's accumulator with SMLABB / SMLATT. The in-bounds tap range is
 * computed once per output pixel instead of tested per tap. Other depth
 * multipliers take a plain-C loop. Requantization with one SMLAL
 * (m4/requantize.h). Bit-exact with runtime/kernels/depthwise_conv2d_s8.c. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m4/dot_s8.h"
#include "runtime/kernels/m4/requantize.h"
#include "runtime/kernels/quant_math.h"
#include "runtime/kernels/tap_range.h"

static int8_t finish(const depthwise_conv2d_s8_params* p, int32_t oc, int32_t acc,
                     const int32_t* bias) {
  if (bias) acc = qm_wrap_add(acc, bias[oc]);
  return m4_output_s8(m4_requantize(acc, p->multiplier[oc], (int)p->shift[oc]), p->output_offset,
                      p->act_min, p->act_max);
}

void depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input,
                         const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t io = p->input_offset;
  const int32_t in_c = p->input_c;
  const int32_t out_c = p->output_c;
  const int32_t dm = p->depth_multiplier;
  const int simd = dm == 1 && m4_offset_fits_16(io);
  const int32_t offset_pair = dsp_pack_pair(io);
  int8_t* out = output;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* image = input + b * p->input_h * p->input_w * in_c;
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      int32_t fy0, fy1;
      tap_range(in_y0, p->dilation_h, p->filter_h, p->input_h, &fy0, &fy1);
      for (int32_t ox = 0; ox < p->output_w; ++ox, out += out_c) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        int32_t fx0, fx1;
        tap_range(in_x0, p->dilation_w, p->filter_w, p->input_w, &fx0, &fx1);
        int32_t c = 0;
        for (; simd && c + 4 <= in_c; c += 4) {
          int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          for (int32_t fy = fy0; fy < fy1; ++fy) {
            const int32_t in_y = in_y0 + p->dilation_h * fy;
            const int8_t* x = image + (in_y * p->input_w + in_x0 + p->dilation_w * fx0) * in_c + c;
            const int8_t* w = filter + (fy * p->filter_w + fx0) * out_c + c;
            for (int32_t fx = fx0; fx < fx1; ++fx) {
              const uint32_t xv = dsp_read_s8x4(x);
              const uint32_t wv = dsp_read_s8x4(w);
              const int32_t x_even = dsp_sxtab16(offset_pair, xv);
              const int32_t x_odd = dsp_sxtab16_ror8(offset_pair, xv);
              const int32_t w_even = dsp_sxtb16(wv);
              const int32_t w_odd = dsp_sxtb16_ror8(wv);
              a0 = dsp_smlabb(w_even, x_even, a0);
              a2 = dsp_smlatt(w_even, x_even, a2);
              a1 = dsp_smlabb(w_odd, x_odd, a1);
              a3 = dsp_smlatt(w_odd, x_odd, a3);
              x += p->dilation_w * in_c;
              w += out_c;
            }
          }
          out[c] = finish(p, c, a0, bias);
          out[c + 1] = finish(p, c + 1, a1, bias);
          out[c + 2] = finish(p, c + 2, a2, bias);
          out[c + 3] = finish(p, c + 3, a3, bias);
        }
        for (; c < in_c; ++c) {
          for (int32_t m = 0; m < dm; ++m) {
            const int32_t oc = c * dm + m;
            int32_t acc = 0;
            for (int32_t fy = fy0; fy < fy1; ++fy) {
              const int32_t in_y = in_y0 + p->dilation_h * fy;
              for (int32_t fx = fx0; fx < fx1; ++fx) {
                const int32_t in_x = in_x0 + p->dilation_w * fx;
                const int32_t x = image[(in_y * p->input_w + in_x) * in_c + c];
                const int32_t w = filter[(fy * p->filter_w + fx) * out_c + oc];
                acc = qm_wrap_add(acc, w * (x + io));
              }
            }
            out[oc] = finish(p, oc, acc, bias);
          }
        }
      }
    }
  }
}
