/* runtime/include/mcusim_engine.h — the device engine: runs a plan blob
 * (mcusim_plan.h) on the kernels of runtime/kernels/kernels.h, inside an arena
 * the caller owns. Freestanding C11: no libc, no allocation, no float on the
 * integer path.
 *
 *   static mcusim_plan_ctx ctx;
 *   if (mcusim_plan_init(&ctx, blob, blob_size, arena, sizeof arena) != MCUSIM_PLAN_OK) ...
 *   copy the input into mcusim_plan_input(&ctx, 0), size mcusim_plan_input_size(&ctx, 0)
 *   mcusim_plan_invoke(&ctx);
 *   read mcusim_plan_output(&ctx, 0)
 *
 * Trust boundary: init checks the whole blob (magic, version, every offset and
 * size, overflow-safe, and each operator's params against its tensors' sizes),
 * so that invoke can trust it: a blob init accepted never makes a kernel read
 * or write outside the blob or the arena. The blob is read in place (it can
 * stay in flash) and must not change after init.
 *
 * Operators are compiled in one by one: the dispatch references a kernel only
 * when MCUSIM_OP_<KIND> is defined (MCUSIM_OP_FULLY_CONNECTED, MCUSIM_OP_CONV_2D,
 * ... named after enum mcusim_plan_op_kind), so an image links the kernels its
 * model uses and no other; a plan with an operator not compiled in is refused
 * with MCUSIM_PLAN_E_OP_NOT_BUILT. The host build defines them all;
 * runtime/compiler/plan_writer.hpp lists the ones a plan needs.
 *
 * With MCUSIM_TRACE_MARKERS defined, invoke writes "layer begins" / "layer
 * ends" markers (the operator index) to ITM stimulus ports 1 and 2
 * (docs/guest-conventions.md) around each operator. Device builds only.
 */
#ifndef MCUSIM_RUNTIME_INCLUDE_MCUSIM_ENGINE_H
#define MCUSIM_RUNTIME_INCLUDE_MCUSIM_ENGINE_H

#include <stdint.h>

#include "runtime/include/mcusim_plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes (stable numbers: tests and firmware may print them). */
typedef enum {
  MCUSIM_PLAN_OK = 0,
  MCUSIM_PLAN_E_ARGUMENT = 1,        /* a null pointer, or invoke/accessor before a successful init */
  MCUSIM_PLAN_E_ALIGNMENT = 2,       /* blob or arena not 4-aligned, or a misaligned offset */
  MCUSIM_PLAN_E_TRUNCATED = 3,       /* shorter than its header, or than header.blob_size */
  MCUSIM_PLAN_E_MAGIC = 4,           /* not a plan blob */
  MCUSIM_PLAN_E_VERSION = 5,         /* a plan of another format version */
  MCUSIM_PLAN_E_RANGE = 6,           /* an offset + size outside the blob or the arena */
  MCUSIM_PLAN_E_OVERFLOW = 7,        /* a count x size or a shape product does not fit 32 bits */
  MCUSIM_PLAN_E_ARENA_TOO_SMALL = 8, /* the arena given is smaller than header.arena_size */
  MCUSIM_PLAN_E_TENSOR = 9,          /* a tensor's type, storage, rank or size is inconsistent */
  MCUSIM_PLAN_E_IO = 10,             /* a tensor id out of range, or of the wrong type/storage for its slot */
  MCUSIM_PLAN_E_UNKNOWN_OP = 11,     /* an operator kind this format does not define */
  MCUSIM_PLAN_E_OP_NOT_BUILT = 12,   /* a known kind whose MCUSIM_OP_<KIND> was not defined */
  MCUSIM_PLAN_E_PARAMS = 13          /* an operator's params do not fit its tensors or are out of range */
} mcusim_plan_status;

typedef struct {
  const uint8_t* blob;
  uint8_t* arena;
  const mcusim_plan_header* header;
  const mcusim_plan_tensor* tensors;
  const mcusim_plan_op* ops;
  const uint32_t* inputs;
  const uint32_t* outputs;
  uint32_t ready; /* 1 after a successful init */
  uint32_t failed_op; /* the operator init refused (its index), or 0xFFFFFFFF */
} mcusim_plan_ctx;

/* Checks the blob and binds it to the arena. On failure ctx is not ready and
 * ctx->failed_op names the operator at fault, where there is one. */
mcusim_plan_status mcusim_plan_init(mcusim_plan_ctx* ctx, const void* blob, uint32_t blob_size, void* arena,
                                    uint32_t arena_size);

/* Runs every operator in order. */
mcusim_plan_status mcusim_plan_invoke(mcusim_plan_ctx* ctx);

/* The model's i-th input / output tensor: its data in the arena and its bytes.
 * NULL / 0 when ctx is not ready or i is out of range. */
uint32_t mcusim_plan_input_count(const mcusim_plan_ctx* ctx);
uint32_t mcusim_plan_output_count(const mcusim_plan_ctx* ctx);
void* mcusim_plan_input(const mcusim_plan_ctx* ctx, uint32_t i);
uint32_t mcusim_plan_input_size(const mcusim_plan_ctx* ctx, uint32_t i);
const void* mcusim_plan_output(const mcusim_plan_ctx* ctx, uint32_t i);
uint32_t mcusim_plan_output_size(const mcusim_plan_ctx* ctx, uint32_t i);
/* The tensor descriptor behind input / output i (shape, type, quantization). */
const mcusim_plan_tensor* mcusim_plan_input_tensor(const mcusim_plan_ctx* ctx, uint32_t i);
const mcusim_plan_tensor* mcusim_plan_output_tensor(const mcusim_plan_ctx* ctx, uint32_t i);

/* With MCUSIM_LAYER_DONE_HOOK defined, invoke calls this after each operator
 * (after its "layer ends" marker); the firmware defines it. mcusim's run
 * harness uses it to hand every intermediate tensor to the host
 * (`mcusim run --dump-tensors`). */
#if defined(MCUSIM_LAYER_DONE_HOOK)
void mcusim_layer_done(const mcusim_plan_ctx* ctx, uint32_t index);
#endif

/* "MCUSIM_PLAN_E_MAGIC" etc.; "unknown status" for other values. */
const char* mcusim_plan_status_name(mcusim_plan_status status);

#ifdef __cplusplus
}
#endif

#endif /* MCUSIM_RUNTIME_INCLUDE_MCUSIM_ENGINE_H */
