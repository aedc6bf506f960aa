/* runtime/harness/inference_main.c — the firmware `mcusim run` measures: the
 * plan blob in flash (symbol mcusim_plan, embedded by the firmware builder),
 * the engine and one kernel variant, and this loop.
 *
 *   paint the arena; init the plan;
 *   for each inference i < MCUSIM_INFERENCES:
 *     read the next input from the host file "inputs.bin" (SYS_READ: a
 *       sensor frame arriving by DMA, at no cycle cost),
 *     marker "inference i begins" (ITM port 3), invoke, marker "ends" (port 4),
 *     capture the output tensor;
 *   capture the arena and the stack, so the host finds their high-water marks.
 *
 * Everything between the two markers is the inference the report times; the
 * engine's own markers (ports 1 and 2) split it by layer. Exit status 0, or
 * MCUSIM_EXIT_* below with a message on the console. */
#include <stdint.h>

#include "runtime/device/semihosting.h"
#include "runtime/device/startup.h"
#include "runtime/harness/mcusim_capture.h"
#include "runtime/include/mcusim_engine.h"

#ifndef MCUSIM_INFERENCES
#define MCUSIM_INFERENCES 1
#endif

#define MCUSIM_EXIT_PLAN 20u  /* + mcusim_plan_status: init refused the plan */
#define MCUSIM_EXIT_INPUT 40u /* the input file is missing or too short */

#define MCUSIM_SYS_OPEN 0x01u
#define MCUSIM_SYS_READ 0x06u
#define MCUSIM_ITM_PORT(n) (*(volatile uint32_t *)(0xE0000000u + 4u * (n)))

extern const uint8_t mcusim_plan[], mcusim_plan_end[];

static mcusim_plan_ctx ctx;

#if defined(MCUSIM_LAYER_DONE_HOOK)
/* --dump-tensors: every output of every layer, as the layer leaves it. */
void mcusim_layer_done(const mcusim_plan_ctx *context, uint32_t index) {
  const mcusim_plan_op *op = &context->ops[index];
  const uint32_t *io = (const uint32_t *)(const void *)(context->blob + op->io_offset);
  for (uint32_t o = 0; o < op->output_count; ++o) {
    const uint32_t id = io[op->input_count + o];
    const mcusim_plan_tensor *t = &context->tensors[id];
    mcusim_capture(MCUSIM_CAPTURE_TENSOR_BASE + id, context->arena + t->data_offset, t->byte_size);
  }
}
#endif

static void paint_arena(void) {
  for (volatile uint32_t *p = __arena_start; p < __arena_end;) *p++ = MCUSIM_ARENA_PAINT;
}

static uint32_t open_inputs(void) {
  static const char name[] = "inputs.bin";
  const uint32_t block[3] = {(uint32_t)(uintptr_t)name, 1u /* "rb" */, sizeof name - 1u};
  return mcusim_semihost_call(MCUSIM_SYS_OPEN, block);
}

/* Read at run time, not folded into the loop: with a constant count the
 * compiler drops the loop for one inference and unrolls it for a few, so the
 * code, and the flash `mcusim run` reports, would change with --inferences. */
static const volatile uint32_t inference_count = MCUSIM_INFERENCES;

/* SYS_READ returns the bytes NOT read: 0 when the whole input arrived. */
static uint32_t read_input(uint32_t handle, void *buffer, uint32_t length) {
  const uint32_t block[3] = {handle, (uint32_t)(uintptr_t)buffer, length};
  return mcusim_semihost_call(MCUSIM_SYS_READ, block);
}

int main(void) {
  paint_arena();
  const uint32_t arena_size = (uint32_t)((uintptr_t)__arena_end - (uintptr_t)__arena_start);
  const mcusim_plan_status status =
      mcusim_plan_init(&ctx, mcusim_plan, (uint32_t)(mcusim_plan_end - mcusim_plan), __arena_start, arena_size);
  if (status != MCUSIM_PLAN_OK) {
    mcusim_semihost_write0("mcusim harness: the engine refused the plan: ");
    mcusim_semihost_write0(mcusim_plan_status_name(status));
    mcusim_semihost_write0("\n");
    return (int)(MCUSIM_EXIT_PLAN + (uint32_t)status);
  }
  const uint32_t inputs = open_inputs();
  if (inputs == 0xFFFFFFFFu) {
    mcusim_semihost_write0("mcusim harness: cannot open inputs.bin\n");
    return (int)MCUSIM_EXIT_INPUT;
  }
  for (uint32_t i = 0; i < inference_count; ++i) {
    if (read_input(inputs, mcusim_plan_input(&ctx, 0), mcusim_plan_input_size(&ctx, 0)) != 0) {
      mcusim_semihost_write0("mcusim harness: inputs.bin ended early\n");
      return (int)MCUSIM_EXIT_INPUT;
    }
    MCUSIM_ITM_PORT(3) = i;
    mcusim_plan_invoke(&ctx);
    MCUSIM_ITM_PORT(4) = i;
    mcusim_capture(MCUSIM_CAPTURE_OUTPUT, mcusim_plan_output(&ctx, 0), mcusim_plan_output_size(&ctx, 0));
  }
  mcusim_capture(MCUSIM_CAPTURE_ARENA, __arena_start, arena_size);
  mcusim_capture(MCUSIM_CAPTURE_STACK, __StackLimit,
                 (uint32_t)((uintptr_t)__stack_top - (uintptr_t)__StackLimit));
  return 0;
}
