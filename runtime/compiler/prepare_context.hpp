// runtime/compiler/prepare_context.hpp — shared checks for the prepare_*.cpp
// files: tensor access by operator slot and errors that name the operator.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/op_params.hpp"
#include "runtime/compiler/quantize_multiplier.hpp"
#include "sim/error.hpp"

namespace mcusim::compiler {

class PrepareContext {
 public:
  PrepareContext(const Model& model, const Operator& op) : model_(model), op_(op) {}

  const Model& model() const noexcept { return model_; }
  const Operator& op() const noexcept { return op_; }
  const OpOptions& options() const noexcept { return op_.options; }

  // "<source>: operator <index> (<NAME>)"
  std::string where() const {
    return fmt::format("{}: operator {} ({})", model_.source, op_.index, op_kind_name(op_.kind));
  }

  template <typename... Args>
  [[noreturn]] void fail(std::string advice, fmt::format_string<Args...> format, Args&&... args) const {
    throw Error(ErrorKind::BadInput, where() + ": " + fmt::format(format, std::forward<Args>(args)...),
                std::move(advice));
  }

  template <typename... Args>
  void require(bool condition, std::string advice, fmt::format_string<Args...> format, Args&&... args) const {
    if (!condition) fail(std::move(advice), format, std::forward<Args>(args)...);
  }

  void expect_counts(std::size_t min_inputs, std::size_t max_inputs, std::size_t outputs) const {
    require(op_.inputs.size() >= min_inputs && op_.inputs.size() <= max_inputs &&
                op_.outputs.size() == outputs,
            "the model file is inconsistent; export it again", "has {} inputs and {} outputs", op_.inputs.size(),
            op_.outputs.size());
  }

  std::size_t input_count() const noexcept { return op_.inputs.size(); }

  const Tensor& input(std::size_t slot) const {
    const Tensor* t = optional_input(slot);
    if (t == nullptr) fail("the model file is inconsistent; export it again", "input {} is missing", slot);
    return *t;
  }

  // nullptr when the slot is absent or -1 (an omitted optional input).
  const Tensor* optional_input(std::size_t slot) const {
    if (slot >= op_.inputs.size() || op_.inputs[slot] < 0) return nullptr;
    return &model_.tensors[static_cast<std::size_t>(op_.inputs[slot])];
  }

  const Tensor& output(std::size_t slot = 0) const {
    return model_.tensors[static_cast<std::size_t>(op_.outputs.at(slot))];
  }

  // An int8 activation: type INT8, quantized with one positive scale.
  void expect_int8(const Tensor& t, std::string_view role) const {
    require(t.type == ElementType::Int8, "mcusim runs int8 models; quantize the model to int8",
            "{} tensor '{}' is {}, not INT8", role, t.name, t.type_name);
    require(t.quantization.has_value() && t.scale() > 0.0f, "quantize the model to int8 with the TFLite converter",
            "{} tensor '{}' has no quantization scale", role, t.name);
  }

  void expect_type(const Tensor& t, ElementType type, std::string_view role) const {
    require(t.type == type, "the model file is inconsistent; export it again", "{} tensor '{}' is {}, not {}", role,
            t.name, t.type_name, element_type_name(type));
  }

  void expect_rank(const Tensor& t, int rank, std::string_view role) const {
    require(t.rank() == rank, "the model file is inconsistent; export it again",
            "{} tensor '{}' has {} dimensions, not {}", role, t.name, t.rank(), rank);
  }

 private:
  const Model& model_;
  const Operator& op_;
};

// The clamp an int8 kernel applies for `activation` on `output`'s quantization
// (the fused activation, or the operator's own for RELU and friends).
template <typename Params>
void set_activation_range(Params& p, Activation activation, const Tensor& output) {
  const ActivationRange act = activation_range_s8(activation, output.scale(), output.zero_point());
  p.act_min = act.min;
  p.act_max = act.max;
}

// Weighted operators: activation, weights, optional bias, one output, all int8
// but the bias; with `rank` > 0 input, weights and output must have that rank.
struct WeightedOperands {
  const Tensor& input;
  const Tensor& filter;
  const Tensor* bias;
  const Tensor& output;
};
WeightedOperands weighted_int8_operands(const PrepareContext& ctx, int rank);

// One int8 input, one int8 output (activations, pooling, softmax, ...).
struct UnaryOperands {
  const Tensor& in;
  const Tensor& out;
};
UnaryOperands unary_int8_operands(const PrepareContext& ctx);

// Two int8 inputs, one int8 output (ADD, MUL).
struct BinaryOperands {
  const Tensor& a;
  const Tensor& b;
  const Tensor& out;
};
BinaryOperands binary_int8_operands(const PrepareContext& ctx);

// The int32 values of a constant INT32 tensor.
std::vector<std::int32_t> constant_int32_values(const PrepareContext& ctx, const Tensor& t, std::string_view role);

// One file per family of operators.
OpParams prepare_fully_connected(const PrepareContext& ctx);
OpParams prepare_conv2d(const PrepareContext& ctx);
OpParams prepare_depthwise_conv2d(const PrepareContext& ctx);
OpParams prepare_pool2d(const PrepareContext& ctx);
OpParams prepare_add(const PrepareContext& ctx);
OpParams prepare_mul(const PrepareContext& ctx);
OpParams prepare_softmax(const PrepareContext& ctx);
OpParams prepare_logistic_or_tanh(const PrepareContext& ctx);
OpParams prepare_relu_or_hard_tanh(const PrepareContext& ctx);
OpParams prepare_relu6(const PrepareContext& ctx);
OpParams prepare_quantize(const PrepareContext& ctx);
OpParams prepare_dequantize(const PrepareContext& ctx);
OpParams prepare_concatenation(const PrepareContext& ctx);
OpParams prepare_mean(const PrepareContext& ctx);
OpParams prepare_pad(const PrepareContext& ctx);
OpParams prepare_reshape(const PrepareContext& ctx);

}  // namespace mcusim::compiler
