/* runtime/kernels/hard_tanh_s8.c — hard tanh, clamp(x, -1, 1), int8; the
 * RELU_N1_TO_1 builtin. TFLite Micro has no int8 kernel for it; this follows
 * TFLite's QuantizedReluX: requantize from the input to the output quantization
 * (the identity when they are equal), then clamp to the output's q(-1)..q(+1). */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void hard_tanh_s8(const hard_tanh_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t y = p->output_zero_point + qm_mbqm((int32_t)input[i] - p->input_zero_point,
                                                     p->output_multiplier, (int)p->output_shift);
    output[i] = (int8_t)qm_clamp(y, p->act_min, p->act_max);
  }
}
