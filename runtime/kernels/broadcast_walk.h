/* runtime/kernels/broadcast_walk.h — the 6-D broadcast walk TFLite Micro's
 * BroadcastAdd6DSlow / BroadcastMul6DSlow share: visit the output in order and
 * pair each element with its two inputs through per-input strides (0 on a
 * broadcast dimension). Static inline with the element function as a constant
 * argument, so the compiler inlines the element into the loop (no indirect
 * call per element on the device). */
#ifndef MCUSIM_RUNTIME_KERNELS_BROADCAST_WALK_H
#define MCUSIM_RUNTIME_KERNELS_BROADCAST_WALK_H

#include "runtime/kernels/kernels.h"

typedef int8_t (*broadcast_element_s8)(const void* params, int8_t a, int8_t b);

static inline void broadcast_walk_s8(const broadcast_shape* s, const void* params,
                                     broadcast_element_s8 element, const int8_t* input1,
                                     const int8_t* input2, int8_t* output) {
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < s->dims[0]; ++i0) {
    const int32_t a0 = i0 * s->input1_strides[0], b0 = i0 * s->input2_strides[0];
    for (int32_t i1 = 0; i1 < s->dims[1]; ++i1) {
      const int32_t a1 = a0 + i1 * s->input1_strides[1], b1 = b0 + i1 * s->input2_strides[1];
      for (int32_t i2 = 0; i2 < s->dims[2]; ++i2) {
        const int32_t a2 = a1 + i2 * s->input1_strides[2], b2 = b1 + i2 * s->input2_strides[2];
        for (int32_t i3 = 0; i3 < s->dims[3]; ++i3) {
          const int32_t a3 = a2 + i3 * s->input1_strides[3], b3 = b2 + i3 * s->input2_strides[3];
          for (int32_t i4 = 0; i4 < s->dims[4]; ++i4) {
            const int32_t a4 = a3 + i4 * s->input1_strides[4], b4 = b3 + i4 * s->input2_strides[4];
            for (int32_t i5 = 0; i5 < s->dims[5]; ++i5) {
              output[o++] = element(params, input1[a4 + i5 * s->input1_strides[5]],
                                    input2[b4 + i5 * s->input2_strides[5]]);
            }
          }
        }
      }
    }
  }
}

#endif
