/* runtime/kernels/relu_s8.c — RELU, int8. TFLite Micro: ReluQuantized
 * (micro/kernels/activations.h): requantize from the input to the output
 * quantization, then clamp at the output's q(0). */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

void relu_s8(const relu_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t y = p->output_zero_point + qm_mbqm((int32_t)input[i] - p->input_zero_point,
                                                     p->output_multiplier, (int)p->output_shift);
    output[i] = (int8_t)qm_clamp(y, p->act_min, p->act_max);
  }
}
