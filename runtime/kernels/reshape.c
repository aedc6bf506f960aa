/* runtime/kernels/reshape.c — RESHAPE: the data does not change, only the shape
 * the host records; the bytes are copied unless input and output share storage. */
#include "runtime/kernels/kernels.h"

void reshape(const reshape_params* p, const int8_t* input, int8_t* output) {
  if (input == output) return;
  for (int32_t i = 0; i < p->bytes; ++i) output[i] = input[i];
}
