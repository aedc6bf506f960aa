/* runtime/kernels/average_pool_s8.c — AVERAGE_POOL_2D, int8. TFLite Micro:
 * reference_integer_ops::AveragePool. The window is clipped to the input and the
 * sum divided by the number of in-bounds elements, rounding half away from zero
 * (C division truncates toward zero, so half the count is added for positive
 * sums and subtracted for the others). */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void average_pool_s8(const pool2d_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t in_y0 = oy * p->stride_h - p->pad_top;
      const int32_t fy_start = qm_max(0, -in_y0);
      const int32_t fy_end = qm_min(p->filter_h, p->input_h - in_y0);
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t in_x0 = ox * p->stride_w - p->pad_left;
        const int32_t fx_start = qm_max(0, -in_x0);
        const int32_t fx_end = qm_min(p->filter_w, p->input_w - in_x0);
        for (int32_t c = 0; c < p->channels; ++c) {
          int32_t acc = 0;
          int32_t count = 0;
          for (int32_t fy = fy_start; fy < fy_end; ++fy) {
            for (int32_t fx = fx_start; fx < fx_end; ++fx) {
              acc += input[((b * p->input_h + in_y0 + fy) * p->input_w + in_x0 + fx) * p->channels + c];
              ++count;
            }
          }
          /* The host never plans a window without an in-bounds element. */
          if (count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          output[((b * p->output_h + oy) * p->output_w + ox) * p->channels + c] =
              (int8_t)qm_clamp(acc, p->act_min, p->act_max);
        }
      }
    }
  }
}
