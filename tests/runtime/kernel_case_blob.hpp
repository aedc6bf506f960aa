// tests/runtime/kernel_case_blob.hpp — writes the "kernel case" blob
// (tests/guests/kernel_runner/case_blob.h) for a single-operator model: the
// operator's params prepared by runtime/compiler (prepare_operator), converted
// to the 32-bit Arm layout the guest kernels use, and the kernel's input
// tensors as sections. Header-only: the test executable picks up *_test.cpp
// files only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/op_params.hpp"
#include "runtime/compiler/weight_layout.hpp"
#include "runtime/compiler/weight_layout_m4.hpp"
#include "tests/guests/kernel_runner/case_blob.h"

namespace mcusim::test {

struct KernelCase {
  std::vector<std::uint8_t> blob;
  std::uint32_t op = 0;              // enum case_blob_op
  std::uint32_t output_size = 0;     // bytes
  bool uses_float = false;           // QUANTIZE float32->int8 or DEQUANTIZE
  std::int64_t macs = 0;             // multiply-accumulates (FC, CONV, DWCONV), else 0
};

namespace kernel_case_detail {

inline void append_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

inline void append_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  out.insert(out.end(), p, p + size);
}

// A params struct without pointers: the host (LP64) and guest (ILP32) layouts
// are the same, every field being int32, float or int8.
template <typename P>
std::vector<std::uint8_t> plain_params(const P& params) {
  static_assert(std::is_trivially_copyable_v<P>);
  std::vector<std::uint8_t> out;
  append_bytes(out, &params, sizeof params);
  return out;
}

// A params struct holding `pointers` consecutive pointer fields: the bytes
// [0, head_end) (int32 fields before them), one zero word per pointer (the
// runner fills them), then the bytes [tail_begin, tail_end) after them. The
// host's pointer padding is skipped that way.
template <typename P>
std::vector<std::uint8_t> params_with_pointers(const P& params, std::size_t head_end, int pointers,
                                               std::size_t tail_begin, std::size_t tail_end) {
  std::vector<std::uint8_t> out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(&params);
  out.insert(out.end(), bytes, bytes + head_end);
  for (int i = 0; i < pointers; ++i) append_u32(out, 0);
  out.insert(out.end(), bytes + tail_begin, bytes + tail_end);
  return out;
}

template <typename T>
std::vector<std::uint8_t> as_bytes(const std::vector<T>& v) {
  std::vector<std::uint8_t> out;
  append_bytes(out, v.data(), v.size() * sizeof(T));
  return out;
}

inline std::vector<std::int8_t> as_int8(const std::vector<std::uint8_t>& bytes) {
  return std::vector<std::int8_t>(bytes.begin(), bytes.end());
}

inline std::vector<std::int32_t> as_int32(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::int32_t> out(bytes.size() / 4);
  std::memcpy(out.data(), bytes.data(), out.size() * 4);
  return out;
}

}  // namespace kernel_case_detail

// `inputs` are the model's input tensors' bytes, in model.inputs order.
// `variant`: the kernel variant whose variant block (FULLY_CONNECTED,
// CONV_2D) the plan writer would add, carried as section 5; "ref" adds none.
inline KernelCase make_kernel_case(const compiler::Model& model, const std::vector<std::vector<std::uint8_t>>& inputs,
                                   const std::string& variant = "ref") {
  using namespace compiler;
  using namespace kernel_case_detail;
  if (model.operators.size() != 1) throw std::invalid_argument("a kernel case needs a single-operator model");
  const Operator& op = model.operators[0];
  PreparedOp prepared = prepare_operator(model, op);

  // The bytes of the operator's input `slot`: a constant's data or a model input.
  auto tensor_bytes = [&](std::size_t slot) -> std::vector<std::uint8_t> {
    if (slot >= op.inputs.size() || op.inputs[slot] < 0) return {};
    const int index = op.inputs[slot];
    const Tensor& t = model.tensors.at(static_cast<std::size_t>(index));
    if (t.is_constant) return t.data;
    for (std::size_t i = 0; i < model.inputs.size(); ++i) {
      if (model.inputs[i] == index) return inputs.at(i);
    }
    throw std::invalid_argument("operator input " + std::to_string(slot) + " is neither constant nor a model input");
  };

  KernelCase result;
  std::vector<std::uint8_t> params;
  std::vector<std::vector<std::uint8_t>> sections;
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        using P = decltype(k.params);
        if constexpr (std::is_same_v<K, FullyConnectedOp>) {
          result.op = CASE_OP_FULLY_CONNECTED;
          params = params_with_pointers(k.params, offsetof(P, output_shift) + 4, 2, offsetof(P, act_min),
                                        offsetof(P, act_max) + 4);
          // The trailing variant_block pointer: the runner points it at section 5.
          params.insert(params.end(), 4, 0);
          sections = {tensor_bytes(0), tensor_bytes(1), tensor_bytes(2), as_bytes(k.multipliers), as_bytes(k.shifts)};
          const auto filter = as_int8(sections[1]);
          const auto bias = as_int32(sections[2]);
          std::optional<std::vector<std::int32_t>> block;
          if (variant == "m0") block = compiler::fc_m0_lanes_block(k.params, filter, bias, k.multipliers, k.shifts);
          if (variant == "m4") block = compiler::fc_m4_block(k.params, filter, bias, k.multipliers, k.shifts);
          if (block) sections.push_back(as_bytes(*block));
          result.macs = std::int64_t{k.params.batches} * k.params.accum_depth * k.params.output_depth;
        } else if constexpr (std::is_same_v<K, Conv2DOp> || std::is_same_v<K, DepthwiseConv2DOp>) {
          params = params_with_pointers(k.params, offsetof(P, output_offset) + 4, 2, offsetof(P, act_min),
                                        offsetof(P, act_max) + 4);
          sections = {tensor_bytes(0), tensor_bytes(1), tensor_bytes(2), as_bytes(k.multipliers), as_bytes(k.shifts)};
          const P& q = k.params;
          if constexpr (std::is_same_v<K, Conv2DOp>) {
            // The trailing variant_block pointer: the runner points it at section 5.
            params.insert(params.end(), 4, 0);
            if (variant == "m4" && compiler::conv_is_m4_matmul(q)) {
              const auto block = compiler::conv_m4_block(q, as_int8(sections[1]), as_int32(sections[2]),
                                                         k.multipliers, k.shifts);
              if (block) sections.push_back(as_bytes(*block));
            }
          }
          const std::int64_t outputs = std::int64_t{q.batches} * q.output_h * q.output_w * q.output_c;
          if constexpr (std::is_same_v<K, Conv2DOp>) {
            result.op = CASE_OP_CONV2D;
            result.macs = outputs * q.filter_h * q.filter_w * q.filter_c;
          } else {
            result.op = CASE_OP_DEPTHWISE_CONV2D;
            result.macs = outputs * q.filter_h * q.filter_w;
          }
        } else if constexpr (std::is_same_v<K, ConcatenationOp>) {
          result.op = CASE_OP_CONCATENATION;
          params = params_with_pointers(k.params, offsetof(P, outer_size) + 4, 1, sizeof(P), sizeof(P));
          sections.push_back(as_bytes(k.copy_sizes));
          for (std::size_t i = 0; i < op.inputs.size(); ++i) sections.push_back(tensor_bytes(i));
        } else {
          params = plain_params(k.params);
          if constexpr (std::is_same_v<K, AddOp> || std::is_same_v<K, MulOp>) {
            result.op = std::is_same_v<K, AddOp> ? CASE_OP_ADD : CASE_OP_MUL;
            sections = {tensor_bytes(0), tensor_bytes(1)};
          } else {
            sections = {tensor_bytes(0)};
            if constexpr (std::is_same_v<K, AveragePool2DOp>) result.op = CASE_OP_AVERAGE_POOL;
            else if constexpr (std::is_same_v<K, MaxPool2DOp>) result.op = CASE_OP_MAX_POOL;
            else if constexpr (std::is_same_v<K, SoftmaxOp>) result.op = CASE_OP_SOFTMAX;
            else if constexpr (std::is_same_v<K, LogisticOp>) result.op = CASE_OP_LOGISTIC;
            else if constexpr (std::is_same_v<K, TanhOp>) result.op = CASE_OP_TANH;
            else if constexpr (std::is_same_v<K, ReluOp>) result.op = CASE_OP_RELU;
            else if constexpr (std::is_same_v<K, HardTanhOp>) result.op = CASE_OP_HARD_TANH;
            else if constexpr (std::is_same_v<K, Relu6Op>) result.op = CASE_OP_RELU6;
            else if constexpr (std::is_same_v<K, MeanOp>) result.op = CASE_OP_MEAN;
            else if constexpr (std::is_same_v<K, PadOp>) result.op = CASE_OP_PAD;
            else if constexpr (std::is_same_v<K, RequantizeOp>) result.op = CASE_OP_REQUANTIZE;
            else if constexpr (std::is_same_v<K, QuantizeFloatOp>) result.op = CASE_OP_QUANTIZE_F32;
            else if constexpr (std::is_same_v<K, DequantizeOp>) result.op = CASE_OP_DEQUANTIZE;
            else if constexpr (std::is_same_v<K, ReshapeOp>) result.op = CASE_OP_RESHAPE;
            else static_assert(!sizeof(K), "every OpParams alternative needs a blob op");
          }
        }
      },
      prepared.params);
  result.uses_float = result.op == CASE_OP_QUANTIZE_F32 || result.op == CASE_OP_DEQUANTIZE;
  const Tensor& out = model.tensors.at(static_cast<std::size_t>(op.outputs.at(0)));
  result.output_size = static_cast<std::uint32_t>(out.byte_size());
  if (sections.size() > CASE_BLOB_MAX_SECTIONS) throw std::invalid_argument("too many kernel inputs for a blob");

  // Header, section table, then params and sections, each 4-byte aligned.
  auto align4 = [](std::size_t n) { return (n + 3) / 4 * 4; };
  std::size_t cursor = sizeof(case_blob_header) + sections.size() * sizeof(case_blob_section);
  const std::size_t params_offset = cursor;
  cursor = align4(cursor + params.size());
  std::vector<std::uint32_t> offsets;
  for (const auto& s : sections) {
    offsets.push_back(static_cast<std::uint32_t>(cursor));
    cursor = align4(cursor + s.size());
  }
  const std::size_t total = cursor;

  std::vector<std::uint8_t>& blob = result.blob;
  append_u32(blob, CASE_BLOB_MAGIC);
  append_u32(blob, CASE_BLOB_VERSION);
  append_u32(blob, result.op);
  append_u32(blob, static_cast<std::uint32_t>(params_offset));
  append_u32(blob, static_cast<std::uint32_t>(params.size()));
  append_u32(blob, static_cast<std::uint32_t>(sections.size()));
  append_u32(blob, result.output_size);
  append_u32(blob, static_cast<std::uint32_t>(total));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    append_u32(blob, offsets[i]);
    append_u32(blob, static_cast<std::uint32_t>(sections[i].size()));
  }
  append_bytes(blob, params.data(), params.size());
  blob.resize(align4(blob.size()), 0);
  for (const auto& s : sections) {
    append_bytes(blob, s.data(), s.size());
    blob.resize(align4(blob.size()), 0);
  }
  if (blob.size() != total) throw std::logic_error("kernel case blob: layout mismatch");
  return result;
}

}  // namespace mcusim::test
