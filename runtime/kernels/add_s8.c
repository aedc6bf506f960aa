/* runtime/kernels/add_s8.c — ADD, int8, with broadcasting. TFLite Micro:
 * reference_integer_ops::AddFunc (element-wise and BroadcastAdd6DSlow).
 *
 * Each input, offset by its zero point and shifted left by left_shift (20) for
 * headroom, is scaled to twice the larger input scale; the sum is scaled to the
 * output. The three scalings use MultiplyByQuantizedMultiplierSmallerThanOneExp. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

static int8_t add_one(const add_s8_params* p, int8_t a, int8_t b) {
  const int32_t x1 = qm_wrap_shl((int32_t)a + p->input1_offset, (int)p->left_shift);
  const int32_t x2 = qm_wrap_shl((int32_t)b + p->input2_offset, (int)p->left_shift);
  const int32_t s1 = qm_mbqm_smaller_than_one(x1, p->input1_multiplier, (int)p->input1_shift);
  const int32_t s2 = qm_mbqm_smaller_than_one(x2, p->input2_multiplier, (int)p->input2_shift);
  const int32_t out =
      qm_mbqm_smaller_than_one(s1 + s2, p->output_multiplier, (int)p->output_shift) + p->output_offset;
  return (int8_t)qm_clamp(out, p->act_min, p->act_max);
}

void add_s8(const add_s8_params* p, const int8_t* input1, const int8_t* input2,
            int8_t* output) {
  const broadcast_shape* s = &p->shape;
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
              output[o++] = add_one(p, input1[a4 + i5 * s->input1_strides[5]],
                                    input2[b4 + i5 * s->input2_strides[5]]);
            }
          }
        }
      }
    }
  }
}
