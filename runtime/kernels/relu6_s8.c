/* runtime/kernels/relu6_s8.c — RELU6, int8. TFLite Micro: Relu6Quantized clamps
 * to [q(0), q(6)] computed with the input quantization; no requantization. */
#include "runtime/kernels/kernels.h"

void relu6_s8(const relu6_s8_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int8_t x = input[i];
    output[i] = x > p->upper ? p->upper : (x < p->lower ? p->lower : x);
  }
}
