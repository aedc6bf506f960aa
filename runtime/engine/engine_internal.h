/* runtime/engine/engine_internal.h — what the engine's files share: checked
 * 32-bit arithmetic, tensor lookup, and the per-kind check and run entry
 * points. Not part of the API (runtime/include/mcusim_engine.h is). */
#ifndef MCUSIM_RUNTIME_ENGINE_ENGINE_INTERNAL_H
#define MCUSIM_RUNTIME_ENGINE_ENGINE_INTERNAL_H

#include <stdint.h>

#include "runtime/include/mcusim_engine.h"
#include "runtime/include/mcusim_plan.h"

/* Returns the status of `expr` from the enclosing function unless it is OK. */
#define PLAN_TRY(expr)                                   \
  do {                                                   \
    const mcusim_plan_status plan_try_ = (expr);         \
    if (plan_try_ != MCUSIM_PLAN_OK) return plan_try_;   \
  } while (0)

/* For helpers some builds (a subset of MCUSIM_OP_<KIND>) do not call. */
#define PLAN_MAYBE_UNUSED __attribute__((unused))

/* Returns MCUSIM_PLAN_E_PARAMS unless `cond` holds. */
#define PLAN_REQUIRE(cond)                                \
  do {                                                    \
    if (!(cond)) return MCUSIM_PLAN_E_PARAMS;             \
  } while (0)

/* Sizes stay below 2^30, so that the kernels' int32 index arithmetic (an
 * index plus a padding or a window reach) cannot overflow. */
#define PLAN_MAX_SIZE 0x3FFFFFFFu

/* [offset, offset + size) inside [0, limit), without overflow. */
static inline int plan_in_range(uint32_t offset, uint32_t size, uint32_t limit) {
  return offset <= limit && size <= limit - offset;
}

/* *acc *= v for v >= 0, refusing a product above PLAN_MAX_SIZE. */
static inline int plan_mul(uint32_t* acc, int32_t v) {
  if (v < 0) return 0;
  const uint32_t u = (uint32_t)v;
  if (u != 0u && *acc > PLAN_MAX_SIZE / u) return 0;
  *acc *= u;
  return 1;
}

/* *acc += v for v >= 0, refusing a sum above PLAN_MAX_SIZE. */
static inline int plan_add(uint32_t* acc, int32_t v) {
  if (v < 0 || (uint32_t)v > PLAN_MAX_SIZE - *acc) return 0;
  *acc += (uint32_t)v;
  return 1;
}

static inline uint32_t plan_element_size(uint8_t type) {
  return type == MCUSIM_PLAN_INT8 ? 1u : (type == MCUSIM_PLAN_INT32 || type == MCUSIM_PLAN_FLOAT32) ? 4u : 0u;
}

/* One operator during init: its tensor ids (inputs, then outputs) already
 * checked to be valid ids or MCUSIM_PLAN_NO_TENSOR. */
typedef struct {
  const mcusim_plan_ctx* ctx;
  const mcusim_plan_op* op;
  const uint32_t* io;
  uint32_t blob_size;
} plan_op_view;

/* The params of the operator, checked to be exactly `size` bytes. */
mcusim_plan_status plan_params(const plan_op_view* v, uint32_t size, const void** params);

/* Io slot `slot` must be a tensor of `type` holding at least `count`
 * elements (an output slot: in the arena). E_IO for a wrong tensor, E_PARAMS
 * when it is too small. */
mcusim_plan_status plan_need(const plan_op_view* v, uint32_t slot, uint8_t type, uint32_t count);

/* Like plan_need for an optional input: MCUSIM_PLAN_NO_TENSOR passes. */
mcusim_plan_status plan_need_optional(const plan_op_view* v, uint32_t slot, uint8_t type, uint32_t count);

/* An int32 array of `count` entries at blob offset `offset`; with
 * `shifts`, every entry must be a valid requantization shift. */
mcusim_plan_status plan_int32_array(const plan_op_view* v, uint32_t offset, uint32_t count, int shifts);

/* Per-kind params checks (plan_check_ops.c); kinds not compiled in give
 * MCUSIM_PLAN_E_OP_NOT_BUILT, kinds the format lacks E_UNKNOWN_OP. */
mcusim_plan_status plan_check_op(const plan_op_view* v);

/* Runs operator `index` (plan_invoke.c). */
void plan_run_op(const mcusim_plan_ctx* ctx, uint32_t index);

#endif /* MCUSIM_RUNTIME_ENGINE_ENGINE_INTERNAL_H */
