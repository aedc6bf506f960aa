/* runtime/kernels/m0/depthwise_conv2d_s8.c — DEPTHWISE_CONV_2D for ARMv6-M.
 * The in-bounds tap range is computed once per output row and pixel instead
 * of tested per tap, the taps are walked with pointer increments, and the
 * requantization needs no 64-bit multiply call (m0/requantize.h) — on the
 * reference, 9 MACs per output paid for one __aeabi_lmul call each. Bit-exact
 * with runtime/kernels/depthwise_conv2d_s8.c. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m0/requantize.h"
#include "runtime/kernels/quant_math.h"
#include "runtime/kernels/tap_range.h"

void depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input,
                         const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t io = p->input_offset;
  const int32_t in_c = p->input_c;
  const int32_t out_c = p->output_c;
  const int32_t dm = p->depth_multiplier;
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
        const int32_t x_step = p->dilation_w * in_c;
        const int32_t row_bytes = p->input_w * in_c;
        const int32_t x_row_step = p->dilation_h * row_bytes;
        const int32_t w_row_step = p->filter_w * out_c;
        const int32_t taps_x = fx1 - fx0;
        /* channel 0's first in-bounds tap, in the input and in the filter */
        const int8_t* x_first = image + (in_y0 + p->dilation_h * fy0) * row_bytes + (in_x0 + p->dilation_w * fx0) * in_c;
        const int8_t* w_first = filter + (fy0 * p->filter_w + fx0) * out_c;
        for (int32_t c = 0; c < in_c; ++c) {
          for (int32_t m = 0; m < dm; ++m) {
            const int32_t oc = c * dm + m;
            uint32_t acc = 0;
            const int8_t* x_row = x_first + c;
            const int8_t* w_row = w_first + oc;
            for (int32_t fy = fy0; fy < fy1; ++fy, x_row += x_row_step, w_row += w_row_step) {
              const int8_t* x = x_row;
              const int8_t* w = w_row;
#if defined(__clang__)
#pragma clang loop unroll(disable)
#endif
              for (int32_t k = taps_x; k > 0; --k, x += x_step, w += out_c) {
                acc += (uint32_t)*w * (uint32_t)((int32_t)*x + io);
              }
            }
            int32_t sum = (int32_t)acc;
            if (bias) sum = qm_wrap_add(sum, bias[oc]);
            out[oc] = m0_output_s8(m0_requantize(sum, p->multiplier[oc], (int)p->shift[oc]),
                                   p->output_offset, p->act_min, p->act_max);
          }
        }
      }
    }
  }
}
