// runtime/compiler/plan_writer.cpp — see plan_writer.hpp. The blob is built
// as a list of 4-aligned chunks whose offsets are known as they are appended;
// the header and the two tables are appended first (their sizes are known up
// front) and filled in last.
#include "runtime/compiler/plan_writer.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <optional>
#include <span>
#include <type_traits>
#include <variant>

#include "runtime/compiler/op_params.hpp"
#include "runtime/compiler/weight_layout.hpp"
#include "runtime/compiler/weight_layout_m4.hpp"
#include "runtime/include/mcusim_engine.h"
#include "runtime/include/mcusim_plan.h"
#include "runtime/kernels/kernels.h"
#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

static_assert(std::endian::native == std::endian::little, "the plan format is little-endian; so must the host be");

// Params stored as the kernels.h struct itself must have no pointer, hence
// the same layout on the 32-bit device: their sizes, counted in 4-byte fields.
static_assert(sizeof(pool2d_s8_params) == 14 * 4);
static_assert(sizeof(add_s8_params) == 18 * 4 + 12 * 4);
static_assert(sizeof(mul_s8_params) == 18 * 4 + 7 * 4);
static_assert(sizeof(softmax_s8_params) == 5 * 4);
static_assert(sizeof(logistic_s8_params) == 5 * 4);
static_assert(sizeof(relu_s8_params) == 7 * 4);
static_assert(sizeof(relu6_s8_params) == 2 * 4);
static_assert(sizeof(mean_s8_params) == 7 * 4);
static_assert(sizeof(pad_s8_params) == 15 * 4 + 4);
static_assert(sizeof(requantize_s8_params) == 5 * 4);
static_assert(sizeof(quantize_f32_params) == 3 * 4);
static_assert(sizeof(dequantize_s8_params) == 3 * 4);
static_assert(sizeof(reshape_params) == 4);
static_assert(sizeof(mcusim_plan_header) == 64 && sizeof(mcusim_plan_tensor) == 52 && sizeof(mcusim_plan_op) == 32);

class BlobBuilder {
 public:
  // Appends `size` bytes (zero-filled when data is null) at a 4-aligned offset.
  std::uint32_t append(const void* data, std::size_t size) {
    bytes_.resize((bytes_.size() + 3) / 4 * 4, 0);
    const std::size_t offset = bytes_.size();
    if (offset + size > 0x3FFFFFFFu) {
      throw_bad_input("the plan format holds up to 1 GiB; use a smaller model", "the plan blob exceeds 1 GiB");
    }
    bytes_.resize(offset + size, 0);
    if (data != nullptr && size > 0) std::memcpy(bytes_.data() + offset, data, size);
    return static_cast<std::uint32_t>(offset);
  }
  template <typename T>
  std::uint32_t append_vector(const std::vector<T>& v) {
    return append(v.data(), v.size() * sizeof(T));
  }
  template <typename T>
  void write(std::uint32_t offset, const T& value) {
    std::memcpy(bytes_.data() + offset, &value, sizeof value);
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(bytes_.size()); }
  std::vector<std::uint8_t> take() {
    bytes_.resize((bytes_.size() + 3) / 4 * 4, 0);
    return std::move(bytes_);
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

struct OpLayout {
  std::uint32_t kind = 0;
  std::vector<int> inputs;  // the tensors the kernel reads
};

// The plan kind of a prepared operator and the model inputs its kernel reads.
OpLayout op_layout(const Operator& op, const PreparedOp& prepared) {
  OpLayout layout;
  auto slot = [&](std::size_t i) { return i < op.inputs.size() ? op.inputs[i] : -1; };
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, FullyConnectedOp> || std::is_same_v<K, Conv2DOp> ||
                      std::is_same_v<K, DepthwiseConv2DOp>) {
          layout.inputs = {slot(0), slot(1), slot(2)};
          layout.kind = std::is_same_v<K, FullyConnectedOp> ? MCUSIM_PLAN_OP_FULLY_CONNECTED
                        : std::is_same_v<K, Conv2DOp>       ? MCUSIM_PLAN_OP_CONV_2D
                                                            : MCUSIM_PLAN_OP_DEPTHWISE_CONV_2D;
        } else if constexpr (std::is_same_v<K, AddOp> || std::is_same_v<K, MulOp>) {
          layout.inputs = {slot(0), slot(1)};
          layout.kind = std::is_same_v<K, AddOp> ? MCUSIM_PLAN_OP_ADD : MCUSIM_PLAN_OP_MUL;
        } else if constexpr (std::is_same_v<K, ConcatenationOp>) {
          layout.inputs = op.inputs;
          layout.kind = MCUSIM_PLAN_OP_CONCATENATION;
        } else {
          layout.inputs = {slot(0)};
          if constexpr (std::is_same_v<K, AveragePool2DOp>) layout.kind = MCUSIM_PLAN_OP_AVERAGE_POOL_2D;
          else if constexpr (std::is_same_v<K, MaxPool2DOp>) layout.kind = MCUSIM_PLAN_OP_MAX_POOL_2D;
          else if constexpr (std::is_same_v<K, SoftmaxOp>) layout.kind = MCUSIM_PLAN_OP_SOFTMAX;
          else if constexpr (std::is_same_v<K, LogisticOp>) layout.kind = MCUSIM_PLAN_OP_LOGISTIC;
          else if constexpr (std::is_same_v<K, TanhOp>) layout.kind = MCUSIM_PLAN_OP_TANH;
          else if constexpr (std::is_same_v<K, ReluOp>) layout.kind = MCUSIM_PLAN_OP_RELU;
          else if constexpr (std::is_same_v<K, HardTanhOp>) layout.kind = MCUSIM_PLAN_OP_HARD_TANH;
          else if constexpr (std::is_same_v<K, Relu6Op>) layout.kind = MCUSIM_PLAN_OP_RELU6;
          else if constexpr (std::is_same_v<K, MeanOp>) layout.kind = MCUSIM_PLAN_OP_MEAN;
          else if constexpr (std::is_same_v<K, PadOp>) layout.kind = MCUSIM_PLAN_OP_PAD;
          else if constexpr (std::is_same_v<K, RequantizeOp>) layout.kind = MCUSIM_PLAN_OP_REQUANTIZE;
          else if constexpr (std::is_same_v<K, QuantizeFloatOp>) layout.kind = MCUSIM_PLAN_OP_QUANTIZE_F32;
          else if constexpr (std::is_same_v<K, DequantizeOp>) layout.kind = MCUSIM_PLAN_OP_DEQUANTIZE;
          else if constexpr (std::is_same_v<K, ReshapeOp>) layout.kind = MCUSIM_PLAN_OP_RESHAPE;
          else static_assert(!sizeof(K), "every OpParams alternative needs a plan kind");
        }
      },
      prepared.params);
  return layout;
}

std::uint8_t plan_type(ElementType type) {
  switch (type) {
    case ElementType::Int8: return MCUSIM_PLAN_INT8;
    case ElementType::Int32: return MCUSIM_PLAN_INT32;
    case ElementType::Float32: return MCUSIM_PLAN_FLOAT32;
    default: return MCUSIM_PLAN_OTHER;
  }
}

// The constant filter (int8) and bias (int32, empty when the operator has
// none) a variant block is computed from; nullopt when either is not a constant.
struct ConstantWeights {
  std::span<const std::int8_t> filter;
  std::vector<std::int32_t> bias;
};
std::optional<ConstantWeights> constant_weights(const Model& model, const Operator& op) {
  if (op.inputs.size() < 2) return std::nullopt;
  auto constant = [&](std::size_t slot) -> const Tensor* {
    if (slot >= op.inputs.size() || op.inputs[slot] < 0) return nullptr;
    const Tensor& t = model.tensors.at(static_cast<std::size_t>(op.inputs[slot]));
    return t.is_constant ? &t : nullptr;
  };
  const Tensor* filter = constant(1);
  const Tensor* bias = constant(2);
  if (filter == nullptr || filter->type != ElementType::Int8) return std::nullopt;
  if (op.inputs.size() > 2 && op.inputs[2] >= 0 && (bias == nullptr || bias->type != ElementType::Int32)) {
    return std::nullopt;
  }
  ConstantWeights w;
  w.filter = std::span<const std::int8_t>(reinterpret_cast<const std::int8_t*>(filter->data.data()),
                                          filter->data.size());
  if (bias != nullptr) {
    w.bias.resize(bias->data.size() / 4);
    std::memcpy(w.bias.data(), bias->data.data(), w.bias.size() * 4);
  }
  return w;
}

// The variant block of a FULLY_CONNECTED operator (0: none): m0's lanes
// (weight_layout.hpp) or m4's matrix block (weight_layout_m4.hpp).
std::uint32_t fc_variant_block(const Model& model, const Operator& op, const FullyConnectedOp& k,
                               const PlanOptions& options, BlobBuilder& b) {
  if (options.variant != "m0" && options.variant != "m4") return 0;
  const auto weights = constant_weights(model, op);
  if (!weights) return 0;
  const auto block = options.variant == "m0"
                         ? fc_m0_lanes_block(k.params, weights->filter, weights->bias, k.multipliers, k.shifts)
                         : fc_m4_block(k.params, weights->filter, weights->bias, k.multipliers, k.shifts);
  return block ? b.append_vector(*block) : 0;
}

// The variant block of a CONV_2D operator (0: none): m4's matrix block for a
// 1x1 convolution.
std::uint32_t conv_variant_block(const Model& model, const Operator& op, const Conv2DOp& k,
                                 const PlanOptions& options, BlobBuilder& b) {
  if (options.variant != "m4" || !conv_is_m4_matmul(k.params)) return 0;
  const auto weights = constant_weights(model, op);
  if (!weights) return 0;
  const auto block = conv_m4_block(k.params, weights->filter, weights->bias, k.multipliers, k.shifts);
  return block ? b.append_vector(*block) : 0;
}

// The params bytes of one operator; per-channel arrays and copy sizes go to
// the weights section through `b` first, so their offsets are known.
std::vector<std::uint8_t> params_bytes(const Model& model, const Operator& op, const PreparedOp& prepared,
                                       const PlanOptions& options, BlobBuilder& b) {
  auto raw = [](const auto& s) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&s);
    return std::vector<std::uint8_t>(p, p + sizeof s);
  };
  auto array = [&](const std::vector<std::int32_t>& v) -> std::uint32_t {
    return v.empty() ? 0 : b.append_vector(v);
  };
  return std::visit(
      [&](const auto& k) -> std::vector<std::uint8_t> {
        using K = std::decay_t<decltype(k)>;
        const auto& p = k.params;
        if constexpr (std::is_same_v<K, FullyConnectedOp>) {
          const mcusim_plan_fully_connected q = {
              p.batches,     p.accum_depth,       p.output_depth,         p.input_offset,
              p.filter_offset, p.output_offset,   p.output_multiplier,    p.output_shift,
              array(k.multipliers), array(k.shifts), p.act_min,            p.act_max,
              fc_variant_block(model, op, k, options, b)};
          return raw(q);
        } else if constexpr (std::is_same_v<K, Conv2DOp>) {
          const mcusim_plan_conv_2d q = {
              p.batches,  p.input_h,    p.input_w,    p.input_c,    p.filter_h,   p.filter_w,
              p.filter_c, p.output_h,   p.output_w,   p.output_c,   p.stride_h,   p.stride_w,
              p.dilation_h, p.dilation_w, p.pad_top, p.pad_left,   p.input_offset, p.output_offset,
              array(k.multipliers), array(k.shifts), p.act_min, p.act_max,
              conv_variant_block(model, op, k, options, b)};
          return raw(q);
        } else if constexpr (std::is_same_v<K, DepthwiseConv2DOp>) {
          const mcusim_plan_depthwise_conv_2d q = {
              p.batches,  p.input_h,  p.input_w,  p.input_c,   p.filter_h,   p.filter_w,
              p.depth_multiplier, p.output_h, p.output_w, p.output_c, p.stride_h, p.stride_w,
              p.dilation_h, p.dilation_w, p.pad_top, p.pad_left, p.input_offset, p.output_offset,
              array(k.multipliers), array(k.shifts), p.act_min, p.act_max};
          return raw(q);
        } else if constexpr (std::is_same_v<K, ConcatenationOp>) {
          const mcusim_plan_concatenation q = {p.num_inputs, p.outer_size, array(k.copy_sizes)};
          return raw(q);
        } else {
          return raw(p);
        }
      },
      prepared.params);
}

std::string op_define(std::uint32_t kind) { return "MCUSIM_OP_" + std::string(plan_op_kind_name(kind)); }

}  // namespace

std::string_view plan_op_kind_name(std::uint32_t kind) noexcept {
  switch (kind) {
    case MCUSIM_PLAN_OP_FULLY_CONNECTED: return "FULLY_CONNECTED";
    case MCUSIM_PLAN_OP_CONV_2D: return "CONV_2D";
    case MCUSIM_PLAN_OP_DEPTHWISE_CONV_2D: return "DEPTHWISE_CONV_2D";
    case MCUSIM_PLAN_OP_AVERAGE_POOL_2D: return "AVERAGE_POOL_2D";
    case MCUSIM_PLAN_OP_MAX_POOL_2D: return "MAX_POOL_2D";
    case MCUSIM_PLAN_OP_ADD: return "ADD";
    case MCUSIM_PLAN_OP_MUL: return "MUL";
    case MCUSIM_PLAN_OP_SOFTMAX: return "SOFTMAX";
    case MCUSIM_PLAN_OP_LOGISTIC: return "LOGISTIC";
    case MCUSIM_PLAN_OP_TANH: return "TANH";
    case MCUSIM_PLAN_OP_RELU: return "RELU";
    case MCUSIM_PLAN_OP_HARD_TANH: return "HARD_TANH";
    case MCUSIM_PLAN_OP_RELU6: return "RELU6";
    case MCUSIM_PLAN_OP_CONCATENATION: return "CONCATENATION";
    case MCUSIM_PLAN_OP_MEAN: return "MEAN";
    case MCUSIM_PLAN_OP_PAD: return "PAD";
    case MCUSIM_PLAN_OP_REQUANTIZE: return "REQUANTIZE";
    case MCUSIM_PLAN_OP_QUANTIZE_F32: return "QUANTIZE_F32";
    case MCUSIM_PLAN_OP_DEQUANTIZE: return "DEQUANTIZE";
    case MCUSIM_PLAN_OP_RESHAPE: return "RESHAPE";
    default: return "";
  }
}

PlanBlob write_plan(const Model& model, const PlanOptions& options) {
  const std::vector<PreparedOp> prepared = prepare_model(model);
  std::vector<OpLayout> layouts;
  std::vector<std::vector<int>> kernel_inputs;
  for (const PreparedOp& p : prepared) {
    layouts.push_back(op_layout(model.operators.at(static_cast<std::size_t>(p.op_index)), p));
    kernel_inputs.push_back(layouts.back().inputs);
  }
  // Scratch: the reference kernels need none; the format keeps the slot.
  PlanBlob result;
  result.arena = plan_model_arena(model, kernel_inputs, {}, options.arena_alignment);
  const ModelArena& arena = result.arena;

  // Constants a kernel reads get data in the blob; other tensors without an
  // arena slot (shape operands folded into params) are descriptors only.
  std::vector<bool> constant_used(model.tensors.size(), false);
  for (const auto& inputs : kernel_inputs) {
    for (const int t : inputs) {
      if (t >= 0 && model.tensors.at(static_cast<std::size_t>(t)).is_constant) {
        constant_used[static_cast<std::size_t>(t)] = true;
      }
    }
  }
  auto ids = [](const std::vector<int>& v) {
    std::vector<std::uint32_t> out;
    for (const int t : v) out.push_back(t < 0 ? MCUSIM_PLAN_NO_TENSOR : static_cast<std::uint32_t>(t));
    return out;
  };

  // header | tensors[] | ops[] | inputs[] | outputs[] | io lists | weights | params
  BlobBuilder b;
  const std::uint32_t header_at = b.append(nullptr, sizeof(mcusim_plan_header));
  const std::uint32_t tensors_at = b.append(nullptr, model.tensors.size() * sizeof(mcusim_plan_tensor));
  const std::uint32_t ops_at = b.append(nullptr, prepared.size() * sizeof(mcusim_plan_op));
  const std::uint32_t inputs_at = b.append_vector(ids(model.inputs));
  const std::uint32_t outputs_at = b.append_vector(ids(model.outputs));

  std::vector<mcusim_plan_op> ops(prepared.size());
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    const Operator& op = model.operators.at(static_cast<std::size_t>(prepared[i].op_index));
    std::vector<int> io = layouts[i].inputs;
    io.insert(io.end(), op.outputs.begin(), op.outputs.end());
    ops[i].kind = layouts[i].kind;
    ops[i].input_count = static_cast<std::uint32_t>(layouts[i].inputs.size());
    ops[i].output_count = static_cast<std::uint32_t>(op.outputs.size());
    ops[i].io_offset = b.append_vector(ids(io));
    ops[i].scratch_offset = arena.scratch_offsets.at(i);
    ops[i].scratch_size = 0;
  }

  // The weights section: constant tensors, per-channel scales, then each
  // operator's arrays (appended by params_bytes).
  const std::uint32_t weights_at = b.append(nullptr, 0);
  std::vector<mcusim_plan_tensor> tensors(model.tensors.size());
  for (std::size_t i = 0; i < model.tensors.size(); ++i) {
    const Tensor& t = model.tensors[i];
    mcusim_plan_tensor& d = tensors[i];
    d = mcusim_plan_tensor{};
    d.type = plan_type(t.type);
    if (t.rank() > MCUSIM_PLAN_MAX_DIMS) {
      throw_bad_input("the plan format holds up to 6 dimensions", "{}: tensor {} ('{}') has {} dimensions",
                      model.source, i, t.name, t.rank());
    }
    d.rank = static_cast<std::uint8_t>(t.rank());
    for (int k = 0; k < t.rank(); ++k) d.dims[k] = t.shape[static_cast<std::size_t>(k)];
    d.scale_bits = std::bit_cast<std::uint32_t>(t.scale());
    d.zero_point = t.zero_point();
    if (t.quantization && t.quantization->per_channel()) {
      std::vector<std::uint32_t> bits;
      for (const float s : t.quantization->scales) bits.push_back(std::bit_cast<std::uint32_t>(s));
      d.channel_count = static_cast<std::uint32_t>(bits.size());
      d.channel_scales_offset = b.append_vector(bits);
      d.quantized_dimension = static_cast<std::uint8_t>(t.quantization->quantized_dimension);
    }
    if (arena.tensor_offsets[i] >= 0) {
      d.storage = MCUSIM_PLAN_STORAGE_ARENA;
      d.data_offset = static_cast<std::uint32_t>(arena.tensor_offsets[i]);
      d.byte_size = static_cast<std::uint32_t>(t.byte_size());
    } else if (t.is_constant && constant_used[i]) {
      d.storage = MCUSIM_PLAN_STORAGE_CONSTANT;
      d.data_offset = b.append_vector(t.data);
      d.byte_size = static_cast<std::uint32_t>(t.data.size());
    } else {
      d.storage = MCUSIM_PLAN_STORAGE_NONE;
    }
  }
  std::vector<std::vector<std::uint8_t>> params(prepared.size());
  for (std::size_t i = 0; i < prepared.size(); ++i) params[i] = params_bytes(model, model.operators.at(static_cast<std::size_t>(prepared[i].op_index)), prepared[i], options, b);
  const std::uint32_t weights_end = b.size();
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    ops[i].params_offset = b.append(params[i].data(), params[i].size());
    ops[i].params_size = static_cast<std::uint32_t>(params[i].size());
  }

  for (std::size_t i = 0; i < tensors.size(); ++i) {
    b.write(static_cast<std::uint32_t>(tensors_at + i * sizeof(mcusim_plan_tensor)), tensors[i]);
  }
  for (std::size_t i = 0; i < ops.size(); ++i) {
    b.write(static_cast<std::uint32_t>(ops_at + i * sizeof(mcusim_plan_op)), ops[i]);
  }
  mcusim_plan_header h{};
  h.magic = MCUSIM_PLAN_MAGIC;
  h.version = MCUSIM_PLAN_VERSION;
  h.arena_size = arena.plan.planned_bytes;
  h.tensor_count = static_cast<std::uint32_t>(tensors.size());
  h.tensors_offset = tensors_at;
  h.op_count = static_cast<std::uint32_t>(ops.size());
  h.ops_offset = ops_at;
  h.input_count = static_cast<std::uint32_t>(model.inputs.size());
  h.inputs_offset = inputs_at;
  h.output_count = static_cast<std::uint32_t>(model.outputs.size());
  h.outputs_offset = outputs_at;
  h.weights_offset = weights_at;
  h.weights_size = weights_end - weights_at;
  h.naive_arena_size = arena.plan.naive_bytes;
  result.bytes = b.take();
  h.blob_size = static_cast<std::uint32_t>(result.bytes.size());
  std::memcpy(result.bytes.data() + header_at, &h, sizeof h);

  result.arena_bytes = h.arena_size;
  result.naive_arena_bytes = h.naive_arena_size;
  result.weights_bytes = h.weights_size;

  // The engine's own check: a blob it would refuse is a bug here.
  std::vector<std::uint32_t> arena_words((h.arena_size + 3) / 4 + 1);
  mcusim_plan_ctx ctx;
  const mcusim_plan_status status = mcusim_plan_init(&ctx, result.bytes.data(), h.blob_size, arena_words.data(),
                                                     static_cast<std::uint32_t>(arena_words.size() * 4));
  if (status != MCUSIM_PLAN_OK) {
    throw Error(ErrorKind::Internal,
                fmt::format("{}: the plan written does not pass the engine's check: {} (operator index {})",
                            model.source, mcusim_plan_status_name(status), ctx.failed_op),
                "this is a bug in mcusim's plan writer; please report it with the model");
  }
  result.op_defines = plan_op_defines(result.bytes);
  return result;
}

std::vector<std::string> plan_op_defines(std::span<const std::uint8_t> blob) {
  mcusim_plan_header h{};
  if (blob.size() < sizeof h) throw_bad_input("give a plan blob written by mcusim", "the plan blob is truncated");
  std::memcpy(&h, blob.data(), sizeof h);
  if (h.magic != MCUSIM_PLAN_MAGIC || h.version != MCUSIM_PLAN_VERSION || h.blob_size > blob.size() ||
      h.ops_offset > h.blob_size || h.op_count > (h.blob_size - h.ops_offset) / sizeof(mcusim_plan_op)) {
    throw_bad_input("give a plan blob written by this version of mcusim", "not a valid plan blob");
  }
  std::vector<std::string> defines;
  for (std::uint32_t i = 0; i < h.op_count; ++i) {
    mcusim_plan_op op{};
    std::memcpy(&op, blob.data() + h.ops_offset + i * sizeof op, sizeof op);
    if (plan_op_kind_name(op.kind).empty()) {
      throw_bad_input("give a plan blob written by this version of mcusim", "operator {} has unknown kind {}", i,
                      op.kind);
    }
    defines.push_back(op_define(op.kind));
  }
  std::sort(defines.begin(), defines.end());
  defines.erase(std::unique(defines.begin(), defines.end()), defines.end());
  return defines;
}

}  // namespace mcusim::compiler
