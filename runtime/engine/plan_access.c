/* runtime/engine/plan_access.c — the model's inputs and outputs of a ready
 * plan, and the names of the status codes. */
#include "runtime/engine/engine_internal.h"

static const mcusim_plan_tensor* model_tensor(const mcusim_plan_ctx* ctx, const uint32_t* ids, uint32_t count,
                                              uint32_t i) {
  if (ctx == 0 || ctx->ready != 1u || i >= count) return 0;
  return &ctx->tensors[ids[i]]; /* init checked the ids */
}

uint32_t mcusim_plan_input_count(const mcusim_plan_ctx* ctx) {
  return ctx != 0 && ctx->ready == 1u ? ctx->header->input_count : 0u;
}

uint32_t mcusim_plan_output_count(const mcusim_plan_ctx* ctx) {
  return ctx != 0 && ctx->ready == 1u ? ctx->header->output_count : 0u;
}

const mcusim_plan_tensor* mcusim_plan_input_tensor(const mcusim_plan_ctx* ctx, uint32_t i) {
  return model_tensor(ctx, ctx ? ctx->inputs : 0, mcusim_plan_input_count(ctx), i);
}

const mcusim_plan_tensor* mcusim_plan_output_tensor(const mcusim_plan_ctx* ctx, uint32_t i) {
  return model_tensor(ctx, ctx ? ctx->outputs : 0, mcusim_plan_output_count(ctx), i);
}

/* Model inputs and outputs are arena tensors (checked at init). */
void* mcusim_plan_input(const mcusim_plan_ctx* ctx, uint32_t i) {
  const mcusim_plan_tensor* t = mcusim_plan_input_tensor(ctx, i);
  return t ? ctx->arena + t->data_offset : 0;
}

uint32_t mcusim_plan_input_size(const mcusim_plan_ctx* ctx, uint32_t i) {
  const mcusim_plan_tensor* t = mcusim_plan_input_tensor(ctx, i);
  return t ? t->byte_size : 0u;
}

const void* mcusim_plan_output(const mcusim_plan_ctx* ctx, uint32_t i) {
  const mcusim_plan_tensor* t = mcusim_plan_output_tensor(ctx, i);
  return t ? ctx->arena + t->data_offset : 0;
}

uint32_t mcusim_plan_output_size(const mcusim_plan_ctx* ctx, uint32_t i) {
  const mcusim_plan_tensor* t = mcusim_plan_output_tensor(ctx, i);
  return t ? t->byte_size : 0u;
}

const char* mcusim_plan_status_name(mcusim_plan_status status) {
  switch (status) {
    case MCUSIM_PLAN_OK: return "MCUSIM_PLAN_OK";
    case MCUSIM_PLAN_E_ARGUMENT: return "MCUSIM_PLAN_E_ARGUMENT";
    case MCUSIM_PLAN_E_ALIGNMENT: return "MCUSIM_PLAN_E_ALIGNMENT";
    case MCUSIM_PLAN_E_TRUNCATED: return "MCUSIM_PLAN_E_TRUNCATED";
    case MCUSIM_PLAN_E_MAGIC: return "MCUSIM_PLAN_E_MAGIC";
    case MCUSIM_PLAN_E_VERSION: return "MCUSIM_PLAN_E_VERSION";
    case MCUSIM_PLAN_E_RANGE: return "MCUSIM_PLAN_E_RANGE";
    case MCUSIM_PLAN_E_OVERFLOW: return "MCUSIM_PLAN_E_OVERFLOW";
    case MCUSIM_PLAN_E_ARENA_TOO_SMALL: return "MCUSIM_PLAN_E_ARENA_TOO_SMALL";
    case MCUSIM_PLAN_E_TENSOR: return "MCUSIM_PLAN_E_TENSOR";
    case MCUSIM_PLAN_E_IO: return "MCUSIM_PLAN_E_IO";
    case MCUSIM_PLAN_E_UNKNOWN_OP: return "MCUSIM_PLAN_E_UNKNOWN_OP";
    case MCUSIM_PLAN_E_OP_NOT_BUILT: return "MCUSIM_PLAN_E_OP_NOT_BUILT";
    case MCUSIM_PLAN_E_PARAMS: return "MCUSIM_PLAN_E_PARAMS";
  }
  return "unknown status";
}
