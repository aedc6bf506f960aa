/* runtime/engine/plan_init.c — mcusim_plan_init: checks a plan blob from its
 * header down to each operator's params, so that invoke can trust it. Every
 * offset is checked against the blob (or arena) size before anything at it is
 * read, and every sum and product is overflow-checked. */
#include "runtime/engine/engine_internal.h"

/* A table of `count` entries of `entry_size` bytes at blob offset `offset`. */
static mcusim_plan_status check_table(uint32_t offset, uint32_t count, uint32_t entry_size, uint32_t blob_size) {
  if (count != 0u && entry_size > 0xFFFFFFFFu / count) return MCUSIM_PLAN_E_OVERFLOW;
  if ((offset & 3u) != 0u) return MCUSIM_PLAN_E_ALIGNMENT;
  if (!plan_in_range(offset, count * entry_size, blob_size)) return MCUSIM_PLAN_E_RANGE;
  return MCUSIM_PLAN_OK;
}

static mcusim_plan_status check_tensor(const mcusim_plan_tensor* t, uint32_t blob_size, uint32_t arena_size) {
  /* A tensor without data (a shape operand folded into params) is a
   * descriptor only: nothing reads it, whatever its type. */
  if (t->storage == MCUSIM_PLAN_STORAGE_NONE) return MCUSIM_PLAN_OK;
  const uint32_t element_size = plan_element_size(t->type);
  if (element_size == 0u || t->rank > MCUSIM_PLAN_MAX_DIMS || t->quantized_dimension >= MCUSIM_PLAN_MAX_DIMS) {
    return MCUSIM_PLAN_E_TENSOR;
  }
  uint32_t bytes = element_size;
  for (uint32_t d = 0; d < t->rank; ++d) {
    if (t->dims[d] < 0) return MCUSIM_PLAN_E_TENSOR;
    if (!plan_mul(&bytes, t->dims[d])) return MCUSIM_PLAN_E_OVERFLOW;
  }
  if (bytes != t->byte_size) return MCUSIM_PLAN_E_TENSOR;
  if (t->channel_count != 0u) {
    PLAN_TRY(check_table(t->channel_scales_offset, t->channel_count, 4u, blob_size));
  }
  switch (t->storage) {
    case MCUSIM_PLAN_STORAGE_ARENA:
    case MCUSIM_PLAN_STORAGE_CONSTANT:
      /* The blob and the arena start 4-aligned, so this aligns the data. */
      if ((t->data_offset & (element_size - 1u)) != 0u) return MCUSIM_PLAN_E_ALIGNMENT;
      if (!plan_in_range(t->data_offset, t->byte_size,
                         t->storage == MCUSIM_PLAN_STORAGE_ARENA ? arena_size : blob_size)) {
        return MCUSIM_PLAN_E_RANGE;
      }
      return MCUSIM_PLAN_OK;
    default: return MCUSIM_PLAN_E_TENSOR;
  }
}

/* Model inputs and outputs: valid ids of arena tensors. */
static mcusim_plan_status check_model_io(const mcusim_plan_ctx* ctx, const uint32_t* ids, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    if (ids[i] >= ctx->header->tensor_count) return MCUSIM_PLAN_E_IO;
    if (ctx->tensors[ids[i]].storage != MCUSIM_PLAN_STORAGE_ARENA) return MCUSIM_PLAN_E_IO;
  }
  return MCUSIM_PLAN_OK;
}

static mcusim_plan_status check_op(const mcusim_plan_ctx* ctx, const mcusim_plan_op* op, uint32_t blob_size) {
  const mcusim_plan_header* h = ctx->header;
  if (op->kind == 0u || op->kind >= MCUSIM_PLAN_OP_KIND_END) return MCUSIM_PLAN_E_UNKNOWN_OP;
  if (op->input_count > MCUSIM_PLAN_MAX_OP_INPUTS || op->output_count != 1u) return MCUSIM_PLAN_E_IO;
  PLAN_TRY(check_table(op->io_offset, op->input_count + op->output_count, 4u, blob_size));
  const uint32_t* io = (const uint32_t*)(const void*)(ctx->blob + op->io_offset);
  for (uint32_t i = 0; i < op->input_count + op->output_count; ++i) {
    if (io[i] >= h->tensor_count && !(io[i] == MCUSIM_PLAN_NO_TENSOR && i < op->input_count)) {
      return MCUSIM_PLAN_E_IO;
    }
  }
  if (!plan_in_range(op->scratch_offset, op->scratch_size, h->arena_size)) return MCUSIM_PLAN_E_RANGE;
  if ((op->params_offset & 3u) != 0u) return MCUSIM_PLAN_E_ALIGNMENT;
  if (!plan_in_range(op->params_offset, op->params_size, blob_size)) return MCUSIM_PLAN_E_RANGE;
  const plan_op_view view = {ctx, op, io, blob_size};
  return plan_check_op(&view);
}

static mcusim_plan_status check_blob(mcusim_plan_ctx* ctx, const uint8_t* blob, uint32_t blob_size,
                                     uint32_t arena_size) {
  if (blob_size < sizeof(mcusim_plan_header)) return MCUSIM_PLAN_E_TRUNCATED;
  const mcusim_plan_header* h = (const mcusim_plan_header*)(const void*)blob;
  if (h->magic != MCUSIM_PLAN_MAGIC) return MCUSIM_PLAN_E_MAGIC;
  if (h->version != MCUSIM_PLAN_VERSION) return MCUSIM_PLAN_E_VERSION;
  if (h->blob_size > blob_size) return MCUSIM_PLAN_E_TRUNCATED;
  if (h->blob_size < sizeof(mcusim_plan_header)) return MCUSIM_PLAN_E_RANGE;
  if (h->blob_size > PLAN_MAX_SIZE || h->arena_size > PLAN_MAX_SIZE) return MCUSIM_PLAN_E_OVERFLOW;
  if (h->arena_size > arena_size) return MCUSIM_PLAN_E_ARENA_TOO_SMALL;
  const uint32_t size = h->blob_size; /* bytes after it (padding in flash) are never read */
  PLAN_TRY(check_table(h->tensors_offset, h->tensor_count, sizeof(mcusim_plan_tensor), size));
  PLAN_TRY(check_table(h->ops_offset, h->op_count, sizeof(mcusim_plan_op), size));
  PLAN_TRY(check_table(h->inputs_offset, h->input_count, 4u, size));
  PLAN_TRY(check_table(h->outputs_offset, h->output_count, 4u, size));
  if (!plan_in_range(h->weights_offset, h->weights_size, size)) return MCUSIM_PLAN_E_RANGE;
  /* The tensor id MCUSIM_PLAN_NO_TENSOR must never name a tensor. */
  if (h->tensor_count >= MCUSIM_PLAN_NO_TENSOR) return MCUSIM_PLAN_E_OVERFLOW;

  ctx->header = h;
  ctx->tensors = (const mcusim_plan_tensor*)(const void*)(blob + h->tensors_offset);
  ctx->ops = (const mcusim_plan_op*)(const void*)(blob + h->ops_offset);
  ctx->inputs = (const uint32_t*)(const void*)(blob + h->inputs_offset);
  ctx->outputs = (const uint32_t*)(const void*)(blob + h->outputs_offset);

  for (uint32_t i = 0; i < h->tensor_count; ++i) PLAN_TRY(check_tensor(&ctx->tensors[i], size, h->arena_size));
  PLAN_TRY(check_model_io(ctx, ctx->inputs, h->input_count));
  PLAN_TRY(check_model_io(ctx, ctx->outputs, h->output_count));
  for (uint32_t i = 0; i < h->op_count; ++i) {
    ctx->failed_op = i;
    PLAN_TRY(check_op(ctx, &ctx->ops[i], size));
  }
  ctx->failed_op = 0xFFFFFFFFu;
  return MCUSIM_PLAN_OK;
}

mcusim_plan_status mcusim_plan_init(mcusim_plan_ctx* ctx, const void* blob, uint32_t blob_size, void* arena,
                                    uint32_t arena_size) {
  if (ctx == 0) return MCUSIM_PLAN_E_ARGUMENT;
  ctx->ready = 0u;
  ctx->failed_op = 0xFFFFFFFFu;
  ctx->blob = (const uint8_t*)blob;
  ctx->arena = (uint8_t*)arena;
  ctx->header = 0;
  if (blob == 0 || (arena == 0 && arena_size != 0u)) return MCUSIM_PLAN_E_ARGUMENT;
  /* Tables and int32/float data are read in place: the bases must be aligned. */
  if (((uintptr_t)blob & 3u) != 0u || ((uintptr_t)arena & 3u) != 0u) return MCUSIM_PLAN_E_ALIGNMENT;
  const mcusim_plan_status status = check_blob(ctx, (const uint8_t*)blob, blob_size, arena_size);
  if (status != MCUSIM_PLAN_OK) return status;
  ctx->ready = 1u;
  return MCUSIM_PLAN_OK;
}

mcusim_plan_status mcusim_plan_invoke(mcusim_plan_ctx* ctx) {
  if (ctx == 0 || ctx->ready != 1u) return MCUSIM_PLAN_E_ARGUMENT;
  for (uint32_t i = 0; i < ctx->header->op_count; ++i) plan_run_op(ctx, i);
  return MCUSIM_PLAN_OK;
}
