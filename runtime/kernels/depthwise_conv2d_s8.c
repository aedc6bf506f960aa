/* runtime/kernels/depthwise_conv2d_s8.c — DEPTHWISE_CONV_2D, int8, per-channel
 * requantization, depth multiplier and dilation. TFLite Micro:
 * reference_integer_ops::DepthwiseConvPerChannel. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input,
                         const int8_t* filter, const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        for (int32_t ic = 0; ic < p->input_c; ++ic) {
          for (int32_t m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            int32_t acc = 0;
            for (int32_t fy = 0; fy < p->filter_h; ++fy) {
              const int32_t in_y = in_y0 + p->dilation_h * fy;
              if (in_y < 0 || in_y >= p->input_h) continue; /* padding adds nothing */
              for (int32_t fx = 0; fx < p->filter_w; ++fx) {
                const int32_t in_x = in_x0 + p->dilation_w * fx;
                if (in_x < 0 || in_x >= p->input_w) continue;
                const int32_t x = input[((b * p->input_h + in_y) * p->input_w + in_x) * p->input_c + ic];
                const int32_t w = filter[(fy * p->filter_w + fx) * p->output_c + oc];
                acc += w * (x + p->input_offset);
              }
            }
            if (bias) acc += bias[oc];
            acc = qm_mbqm(acc, p->multiplier[oc], (int)p->shift[oc]) + p->output_offset;
            output[((b * p->output_h + oy) * p->output_w + ox) * p->output_c + oc] =
                (int8_t)qm_clamp(acc, p->act_min, p->act_max);
          }
        }
      }
    }
  }
}
