/* runtime/kernels/conv2d_s8.c — CONV_2D, int8, per-channel requantization.
 * TFLite Micro: reference_integer_ops::ConvPerChannel (filter_c < input_c gives
 * grouped convolution, as there). */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
               const int32_t* bias, int8_t* output) {
  const int32_t groups = p->input_c / p->filter_c;
  const int32_t filters_per_group = p->output_c / groups;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        for (int32_t oc = 0; oc < p->output_c; ++oc) {
          const int32_t group = oc / filters_per_group;
          int32_t acc = 0;
          for (int32_t fy = 0; fy < p->filter_h; ++fy) {
            const int32_t in_y = in_y0 + p->dilation_h * fy;
            if (in_y < 0 || in_y >= p->input_h) continue; /* padding adds nothing */
            for (int32_t fx = 0; fx < p->filter_w; ++fx) {
              const int32_t in_x = in_x0 + p->dilation_w * fx;
              if (in_x < 0 || in_x >= p->input_w) continue;
              const int8_t* x = input + ((b * p->input_h + in_y) * p->input_w + in_x) * p->input_c +
                                group * p->filter_c;
              const int8_t* w = filter + ((oc * p->filter_h + fy) * p->filter_w + fx) * p->filter_c;
              for (int32_t ic = 0; ic < p->filter_c; ++ic) {
                acc += (int32_t)w[ic] * ((int32_t)x[ic] + p->input_offset);
              }
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
