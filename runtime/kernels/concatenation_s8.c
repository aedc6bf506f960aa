/* runtime/kernels/concatenation_s8.c — CONCATENATION, int8, inputs and output in
 * one quantization (TFLite Micro refuses anything else): a copy that
 * interleaves the inputs' blocks along the axis. */
#include "runtime/kernels/kernels.h"

void concatenation_s8(const concatenation_s8_params* p, const int8_t* const* inputs,
                      int8_t* output) {
  int8_t* out = output;
  for (int32_t o = 0; o < p->outer_size; ++o) {
    for (int32_t i = 0; i < p->num_inputs; ++i) {
      const int32_t n = p->copy_sizes[i];
      const int8_t* in = inputs[i] + o * n;
      for (int32_t k = 0; k < n; ++k) out[k] = in[k];
      out += n;
    }
  }
}
