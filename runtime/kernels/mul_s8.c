/* runtime/kernels/mul_s8.c — MUL, int8, with broadcasting. TFLite Micro:
 * reference_integer_ops::MulElementwise and BroadcastMul6DSlow: the product of
 * the offset inputs, requantized with MultiplyByQuantizedMultiplier. */
#include "runtime/kernels/broadcast_walk.h"
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/quant_math.h"

static int8_t mul_one(const void* params, int8_t a, int8_t b) {
  const mul_s8_params* p = (const mul_s8_params*)params;
  const int32_t product = ((int32_t)a + p->input1_offset) * ((int32_t)b + p->input2_offset);
  const int32_t out = qm_mbqm(product, p->output_multiplier, (int)p->output_shift) + p->output_offset;
  return (int8_t)qm_clamp(out, p->act_min, p->act_max);
}

void mul_s8(const mul_s8_params* p, const int8_t* input1, const int8_t* input2,
            int8_t* output) {
  broadcast_walk_s8(&p->shape, p, mul_one, input1, input2, output);
}
