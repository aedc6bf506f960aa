/* runtime/kernels/pad_s8.c — PAD, int8, up to 5 dimensions, constant fill (the
 * output zero point). TFLite Micro: reference_ops::Pad. */
#include "runtime/kernels/kernels.h"

void pad_s8(const pad_s8_params* p, const int8_t* input, int8_t* output) {
  int32_t out_dims[PAD_MAX_DIMS];
  for (int d = 0; d < PAD_MAX_DIMS; ++d) {
    out_dims[d] = p->pad_before[d] + p->input_dims[d] + p->pad_after[d];
  }
  const int8_t* in = input;
  int8_t* out = output;
  for (int32_t i0 = 0; i0 < out_dims[0]; ++i0) {
    const int pad0 = i0 < p->pad_before[0] || i0 >= p->pad_before[0] + p->input_dims[0];
    for (int32_t i1 = 0; i1 < out_dims[1]; ++i1) {
      const int pad1 = pad0 || i1 < p->pad_before[1] || i1 >= p->pad_before[1] + p->input_dims[1];
      for (int32_t i2 = 0; i2 < out_dims[2]; ++i2) {
        const int pad2 = pad1 || i2 < p->pad_before[2] || i2 >= p->pad_before[2] + p->input_dims[2];
        for (int32_t i3 = 0; i3 < out_dims[3]; ++i3) {
          const int pad3 = pad2 || i3 < p->pad_before[3] || i3 >= p->pad_before[3] + p->input_dims[3];
          for (int32_t i4 = 0; i4 < out_dims[4]; ++i4) {
            const int pad4 = pad3 || i4 < p->pad_before[4] || i4 >= p->pad_before[4] + p->input_dims[4];
            /* In-bounds elements come in row-major order, so the input is read
             * sequentially. */
            *out++ = pad4 ? p->pad_value : *in++;
          }
        }
      }
    }
  }
}
