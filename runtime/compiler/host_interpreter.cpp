// runtime/compiler/host_interpreter.cpp — see host_interpreter.hpp.
#include "runtime/compiler/host_interpreter.hpp"

#include <cstring>
#include <string>
#include <type_traits>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

template <typename T>
T* as(std::uint8_t* p) {
  return reinterpret_cast<T*>(p);
}
template <typename T>
const T* as(const std::uint8_t* p) {
  return reinterpret_cast<const T*>(p);
}

}  // namespace

HostInterpreter::HostInterpreter(const Model& model) : model_(model), ops_(prepare_model(model)) {
  buffers_.resize(model.tensors.size());
  for (std::size_t i = 0; i < model.tensors.size(); ++i) {
    const Tensor& t = model.tensors[i];
    // Sized up to a multiple of 4 so that int32 and float tensors are aligned
    // (vector storage comes from operator new, aligned for any scalar).
    if (!t.is_constant) buffers_[i].assign((t.byte_size() + 3) / 4 * 4, 0);
  }
}

void HostInterpreter::set_input(std::size_t i, std::span<const std::uint8_t> bytes) {
  const int index = model_.inputs.at(i);
  const Tensor& t = model_.tensors[static_cast<std::size_t>(index)];
  if (bytes.size() != t.byte_size()) {
    throw_bad_input("give the input as raw tensor bytes", "input {} ('{}') needs {} bytes, got {}", i, t.name,
                    t.byte_size(), bytes.size());
  }
  std::memcpy(data(index), bytes.data(), bytes.size());
}

std::uint8_t* HostInterpreter::data(int index) {
  auto& buffer = buffers_[static_cast<std::size_t>(index)];
  if (buffer.empty()) {
    // Constants are never written; the kernels take them through const pointers.
    return const_cast<std::uint8_t*>(model_.tensors[static_cast<std::size_t>(index)].data.data());
  }
  return buffer.data();
}

std::span<const std::uint8_t> HostInterpreter::tensor(int index) const {
  const Tensor& t = model_.tensors.at(static_cast<std::size_t>(index));
  if (t.is_constant) return t.data;
  return {buffers_[static_cast<std::size_t>(index)].data(), t.byte_size()};
}

std::span<const std::uint8_t> HostInterpreter::output(std::size_t i) const { return tensor(model_.outputs.at(i)); }

void HostInterpreter::invoke() {
  for (PreparedOp& op : ops_) run(op);
}

void HostInterpreter::run(PreparedOp& prepared) {
  const Operator& op = model_.operators[static_cast<std::size_t>(prepared.op_index)];
  auto in = [&](std::size_t slot) -> std::uint8_t* {
    if (slot >= op.inputs.size() || op.inputs[slot] < 0) return nullptr;
    return data(op.inputs[slot]);
  };
  std::uint8_t* out = data(op.outputs.at(0));
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, FullyConnectedOp>) {
          k.params.per_channel_multiplier = k.multipliers.empty() ? nullptr : k.multipliers.data();
          k.params.per_channel_shift = k.shifts.empty() ? nullptr : k.shifts.data();
          fully_connected_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(in(1)), as<int32_t>(in(2)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, Conv2DOp>) {
          k.params.multiplier = k.multipliers.data();
          k.params.shift = k.shifts.data();
          conv2d_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(in(1)), as<int32_t>(in(2)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, DepthwiseConv2DOp>) {
          k.params.multiplier = k.multipliers.data();
          k.params.shift = k.shifts.data();
          depthwise_conv2d_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(in(1)), as<int32_t>(in(2)),
                              as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, AveragePool2DOp>) {
          average_pool_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, MaxPool2DOp>) {
          max_pool_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, AddOp>) {
          add_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(in(1)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, MulOp>) {
          mul_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(in(1)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, SoftmaxOp>) {
          softmax_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, LogisticOp>) {
          logistic_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, TanhOp>) {
          tanh_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, ReluOp>) {
          relu_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, HardTanhOp>) {
          hard_tanh_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, Relu6Op>) {
          relu6_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, ConcatenationOp>) {
          std::vector<const int8_t*> inputs;
          for (std::size_t i = 0; i < op.inputs.size(); ++i) inputs.push_back(as<int8_t>(in(i)));
          k.params.copy_sizes = k.copy_sizes.data();
          concatenation_s8(&k.params, inputs.data(), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, MeanOp>) {
          mean_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, PadOp>) {
          pad_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, RequantizeOp>) {
          quantize_s8_s8(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, QuantizeFloatOp>) {
          quantize_f32_s8(&k.params, as<float>(in(0)), as<int8_t>(out));
        } else if constexpr (std::is_same_v<K, DequantizeOp>) {
          dequantize_s8_f32(&k.params, as<int8_t>(in(0)), as<float>(out));
        } else if constexpr (std::is_same_v<K, ReshapeOp>) {
          reshape(&k.params, as<int8_t>(in(0)), as<int8_t>(out));
        } else {
          static_assert(!sizeof(K), "every OpParams alternative needs a kernel call");
        }
      },
      prepared.params);
}

}  // namespace mcusim::compiler
