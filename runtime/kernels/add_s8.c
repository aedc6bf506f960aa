/* runtime/kernels/add_s8.c — ADD, int8, with broadcasting. TFLite Micro:
 * reference_integer_ops::AddFunc (element-wise and BroadcastAdd6DSlow).
 *
 * Each input, offset by its zero point and shifted left by left_shift (20) for
 * headroom, is scaled to twice the larger input scale; the sum is scaled to the
 * output. The three scalings use MultiplyByQuantizedMultiplierSmallerThanOneExp. */
#include "runtime/kernels/broadcast_walk.h"
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

static int8_t add_one(const void* params, int8_t a, int8_t b) {
  const add_s8_params* p = (const add_s8_params*)params;
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
  broadcast_walk_s8(&p->shape, p, add_one, input1, input2, output);
}
