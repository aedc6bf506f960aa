/* runtime/kernels/fully_connected_s8.c — FULLY_CONNECTED, int8 activations and
 * weights, int32 bias. TFLite Micro: reference_integer_ops::FullyConnected and
 * FullyConnectedPerChannel. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input,
                        const int8_t* filter, const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* x = input + b * p->accum_depth;
    for (int32_t o = 0; o < p->output_depth; ++o) {
      const int8_t* w = filter + o * p->accum_depth;
      int32_t acc = 0;
      for (int32_t d = 0; d < p->accum_depth; ++d) {
        acc += ((int32_t)w[d] + p->filter_offset) * ((int32_t)x[d] + p->input_offset);
      }
      if (bias) acc += bias[o];
      const int32_t multiplier =
          p->per_channel_multiplier ? p->per_channel_multiplier[o] : p->output_multiplier;
      const int shift = (int)(p->per_channel_shift ? p->per_channel_shift[o] : p->output_shift);
      acc = qm_mbqm(acc, multiplier, shift) + p->output_offset;
      output[b * p->output_depth + o] = (int8_t)qm_clamp(acc, p->act_min, p->act_max);
    }
  }
}
