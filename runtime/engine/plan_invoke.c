/* runtime/engine/plan_invoke.c — runs one operator of a checked plan: binds
 * its tensors to blob or arena addresses, turns blob offsets in its params
 * into pointers where the kernel's struct holds pointers, and calls the
 * kernel. A kernel is referenced only when its MCUSIM_OP_<KIND> is defined,
 * so the linker keeps only the kernels an image's model uses. */
#include "runtime/engine/engine_internal.h"
#include "runtime/engine/trace_markers.h"
#include "runtime/kernels/kernels.h"

/* The data of a tensor id, or NULL for MCUSIM_PLAN_NO_TENSOR. */
static void* tensor_data(const mcusim_plan_ctx* ctx, uint32_t id) {
  if (id == MCUSIM_PLAN_NO_TENSOR) return 0;
  const mcusim_plan_tensor* t = &ctx->tensors[id];
  if (t->storage == MCUSIM_PLAN_STORAGE_ARENA) return ctx->arena + t->data_offset;
  /* Constants are only ever read: the kernels take them through const pointers. */
  return (void*)(uintptr_t)(ctx->blob + t->data_offset);
}

/* The data of the operator's tensor in io slot `slot`, as a `type`. */
#define TENSOR(type, slot) ((type)tensor_data(ctx, io[slot]))

PLAN_MAYBE_UNUSED static inline const int32_t* blob_int32(const mcusim_plan_ctx* ctx, uint32_t offset) {
  return offset == 0u ? 0 : (const int32_t*)(const void*)(ctx->blob + offset);
}

#if defined(MCUSIM_OP_FULLY_CONNECTED)
/* Kernel sets without a block of their own (ref, a user's FULLY_CONNECTED)
 * link this default: it knows no block. kernels.h says why the hook exists. */
__attribute__((weak)) int fully_connected_s8_block(const int32_t* block, int32_t batches, int32_t output_depth,
                                                   const int8_t* input, int8_t* output) {
  (void)block;
  (void)batches;
  (void)output_depth;
  (void)input;
  (void)output;
  return 0;
}

static void run_fully_connected(const mcusim_plan_ctx* ctx, const void* params, const uint32_t* io) {
  const mcusim_plan_fully_connected* q = (const mcusim_plan_fully_connected*)params;
  fully_connected_s8_params p;
  p.batches = q->batches;
  p.accum_depth = q->accum_depth;
  p.output_depth = q->output_depth;
  p.input_offset = q->input_offset;
  p.filter_offset = q->filter_offset;
  p.output_offset = q->output_offset;
  p.output_multiplier = q->output_multiplier;
  p.output_shift = q->output_shift;
  p.per_channel_multiplier = blob_int32(ctx, q->per_channel_multiplier);
  p.per_channel_shift = blob_int32(ctx, q->per_channel_shift);
  p.act_min = q->act_min;
  p.act_max = q->act_max;
  p.variant_block = blob_int32(ctx, q->variant_block);
  fully_connected_s8(&p, TENSOR(const int8_t*, 0), TENSOR(const int8_t*, 1),
                     TENSOR(const int32_t*, 2), TENSOR(int8_t*, 3));
}
#endif

#if defined(MCUSIM_OP_CONV_2D)
static void run_conv_2d(const mcusim_plan_ctx* ctx, const void* params, const uint32_t* io) {
  const mcusim_plan_conv_2d* q = (const mcusim_plan_conv_2d*)params;
  conv2d_s8_params p;
  p.batches = q->batches;
  p.input_h = q->input_h;
  p.input_w = q->input_w;
  p.input_c = q->input_c;
  p.filter_h = q->filter_h;
  p.filter_w = q->filter_w;
  p.filter_c = q->filter_c;
  p.output_h = q->output_h;
  p.output_w = q->output_w;
  p.output_c = q->output_c;
  p.stride_h = q->stride_h;
  p.stride_w = q->stride_w;
  p.dilation_h = q->dilation_h;
  p.dilation_w = q->dilation_w;
  p.pad_top = q->pad_top;
  p.pad_left = q->pad_left;
  p.input_offset = q->input_offset;
  p.output_offset = q->output_offset;
  p.multiplier = blob_int32(ctx, q->multiplier);
  p.shift = blob_int32(ctx, q->shift);
  p.act_min = q->act_min;
  p.act_max = q->act_max;
  p.variant_block = blob_int32(ctx, q->variant_block);
  conv2d_s8(&p, TENSOR(const int8_t*, 0), TENSOR(const int8_t*, 1),
                TENSOR(const int32_t*, 2), TENSOR(int8_t*, 3));
}
#endif

#if defined(MCUSIM_OP_DEPTHWISE_CONV_2D)
static void run_depthwise_conv_2d(const mcusim_plan_ctx* ctx, const void* params, const uint32_t* io) {
  const mcusim_plan_depthwise_conv_2d* q = (const mcusim_plan_depthwise_conv_2d*)params;
  depthwise_conv2d_s8_params p;
  p.batches = q->batches;
  p.input_h = q->input_h;
  p.input_w = q->input_w;
  p.input_c = q->input_c;
  p.filter_h = q->filter_h;
  p.filter_w = q->filter_w;
  p.depth_multiplier = q->depth_multiplier;
  p.output_h = q->output_h;
  p.output_w = q->output_w;
  p.output_c = q->output_c;
  p.stride_h = q->stride_h;
  p.stride_w = q->stride_w;
  p.dilation_h = q->dilation_h;
  p.dilation_w = q->dilation_w;
  p.pad_top = q->pad_top;
  p.pad_left = q->pad_left;
  p.input_offset = q->input_offset;
  p.output_offset = q->output_offset;
  p.multiplier = blob_int32(ctx, q->multiplier);
  p.shift = blob_int32(ctx, q->shift);
  p.act_min = q->act_min;
  p.act_max = q->act_max;
  depthwise_conv2d_s8(&p, TENSOR(const int8_t*, 0), TENSOR(const int8_t*, 1),
                          TENSOR(const int32_t*, 2), TENSOR(int8_t*, 3));
}
#endif

#if defined(MCUSIM_OP_CONCATENATION)
static void run_concatenation(const mcusim_plan_ctx* ctx, const void* params, const uint32_t* io) {
  const mcusim_plan_concatenation* q = (const mcusim_plan_concatenation*)params;
  concatenation_s8_params p;
  p.num_inputs = q->num_inputs;
  p.outer_size = q->outer_size;
  p.copy_sizes = blob_int32(ctx, q->copy_sizes);
  /* init checked num_inputs <= MCUSIM_PLAN_MAX_OP_INPUTS. */
  const int8_t* inputs[MCUSIM_PLAN_MAX_OP_INPUTS];
  for (int32_t i = 0; i < q->num_inputs; ++i) inputs[i] = TENSOR(const int8_t*, i);
  concatenation_s8(&p, inputs, TENSOR(int8_t*, q->num_inputs));
}
#endif

void plan_run_op(const mcusim_plan_ctx* ctx, uint32_t index) {
  /* Each case binds only the tensors it passes, after the "layer begins"
   * marker: binding is part of the layer's cost, and a small model's layers
   * are short enough for a generic binding loop to show (issue 7's touch
   * case: about 250 cycles an operator before this). */
  const mcusim_plan_op* op = &ctx->ops[index];
  const uint32_t* io = (const uint32_t*)(const void*)(ctx->blob + op->io_offset);
  const void* params = ctx->blob + op->params_offset;
  (void)params;
  (void)io;

  mcusim_trace_layer_begin(index);
  switch (op->kind) {
#if defined(MCUSIM_OP_FULLY_CONNECTED)
    case MCUSIM_PLAN_OP_FULLY_CONNECTED: {
      const mcusim_plan_fully_connected* q = (const mcusim_plan_fully_connected*)params;
      if (q->variant_block == 0u ||
          !fully_connected_s8_block(blob_int32(ctx, q->variant_block), q->batches, q->output_depth,
                                    TENSOR(const int8_t*, 0), TENSOR(int8_t*, 3))) {
        run_fully_connected(ctx, params, io);
      }
      break;
    }
#endif
#if defined(MCUSIM_OP_CONV_2D)
    case MCUSIM_PLAN_OP_CONV_2D: run_conv_2d(ctx, params, io); break;
#endif
#if defined(MCUSIM_OP_DEPTHWISE_CONV_2D)
    case MCUSIM_PLAN_OP_DEPTHWISE_CONV_2D: run_depthwise_conv_2d(ctx, params, io); break;
#endif
#if defined(MCUSIM_OP_AVERAGE_POOL_2D)
    case MCUSIM_PLAN_OP_AVERAGE_POOL_2D:
      average_pool_s8((const pool2d_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_MAX_POOL_2D)
    case MCUSIM_PLAN_OP_MAX_POOL_2D:
      max_pool_s8((const pool2d_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_ADD)
    case MCUSIM_PLAN_OP_ADD:
      add_s8((const add_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(const int8_t*, 1), TENSOR(int8_t*, 2));
      break;
#endif
#if defined(MCUSIM_OP_MUL)
    case MCUSIM_PLAN_OP_MUL:
      mul_s8((const mul_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(const int8_t*, 1), TENSOR(int8_t*, 2));
      break;
#endif
#if defined(MCUSIM_OP_SOFTMAX)
    case MCUSIM_PLAN_OP_SOFTMAX:
      softmax_s8((const softmax_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_LOGISTIC)
    case MCUSIM_PLAN_OP_LOGISTIC:
      logistic_s8((const logistic_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_TANH)
    case MCUSIM_PLAN_OP_TANH:
      tanh_s8((const tanh_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_RELU)
    case MCUSIM_PLAN_OP_RELU:
      relu_s8((const relu_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_HARD_TANH)
    case MCUSIM_PLAN_OP_HARD_TANH:
      hard_tanh_s8((const hard_tanh_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_RELU6)
    case MCUSIM_PLAN_OP_RELU6:
      relu6_s8((const relu6_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_CONCATENATION)
    case MCUSIM_PLAN_OP_CONCATENATION: run_concatenation(ctx, params, io); break;
#endif
#if defined(MCUSIM_OP_MEAN)
    case MCUSIM_PLAN_OP_MEAN:
      mean_s8((const mean_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_PAD)
    case MCUSIM_PLAN_OP_PAD:
      pad_s8((const pad_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_REQUANTIZE)
    case MCUSIM_PLAN_OP_REQUANTIZE:
      quantize_s8_s8((const requantize_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_QUANTIZE_F32)
    case MCUSIM_PLAN_OP_QUANTIZE_F32:
      quantize_f32_s8((const quantize_f32_params*)params, TENSOR(const float*, 0), TENSOR(int8_t*, 1));
      break;
#endif
#if defined(MCUSIM_OP_DEQUANTIZE)
    case MCUSIM_PLAN_OP_DEQUANTIZE:
      dequantize_s8_f32((const dequantize_s8_params*)params, TENSOR(const int8_t*, 0), TENSOR(float*, 1));
      break;
#endif
#if defined(MCUSIM_OP_RESHAPE)
    case MCUSIM_PLAN_OP_RESHAPE:
      reshape((const reshape_params*)params, TENSOR(const int8_t*, 0), TENSOR(int8_t*, 1));
      break;
#endif
    default: break; /* init refused every kind not compiled in */
  }
  mcusim_trace_layer_end(index);
#if defined(MCUSIM_LAYER_DONE_HOOK)
  mcusim_layer_done(ctx, index);
#endif
}
