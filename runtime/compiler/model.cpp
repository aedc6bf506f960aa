// runtime/compiler/model.cpp — names and sizes for the Model types.
#include "runtime/compiler/model.hpp"

namespace mcusim::compiler {

std::string_view element_type_name(ElementType type) noexcept {
  switch (type) {
    case ElementType::Float32: return "FLOAT32";
    case ElementType::Int8: return "INT8";
    case ElementType::Int16: return "INT16";
    case ElementType::Int32: return "INT32";
    case ElementType::Int64: return "INT64";
    case ElementType::UInt8: return "UINT8";
    case ElementType::Bool: return "BOOL";
    case ElementType::Other: break;
  }
  return "OTHER";
}

std::optional<std::int64_t> checked_element_count(const std::vector<std::int32_t>& shape) noexcept {
  std::int64_t n = 1;
  for (std::int32_t d : shape) {
    if (d < 0) return std::nullopt;
    n *= d;  // both factors are below 2^31: the product fits in 64 bits
    if (n > kMaxTensorElements) return std::nullopt;
  }
  return n;
}

std::size_t element_size(ElementType type) noexcept {
  switch (type) {
    case ElementType::Int8:
    case ElementType::UInt8:
    case ElementType::Bool: return 1;
    case ElementType::Int16: return 2;
    case ElementType::Float32:
    case ElementType::Int32: return 4;
    case ElementType::Int64: return 8;
    case ElementType::Other: break;
  }
  return 0;
}

std::int64_t Tensor::element_count() const noexcept {
  std::int64_t n = 1;
  for (std::int32_t d : shape) n *= d;
  return n;
}

std::string_view op_kind_name(OpKind kind) noexcept {
  switch (kind) {
    case OpKind::Add: return "ADD";
    case OpKind::AveragePool2D: return "AVERAGE_POOL_2D";
    case OpKind::Concatenation: return "CONCATENATION";
    case OpKind::Conv2D: return "CONV_2D";
    case OpKind::DepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case OpKind::Dequantize: return "DEQUANTIZE";
    case OpKind::FullyConnected: return "FULLY_CONNECTED";
    case OpKind::HardTanh: return "RELU_N1_TO_1";
    case OpKind::Logistic: return "LOGISTIC";
    case OpKind::MaxPool2D: return "MAX_POOL_2D";
    case OpKind::Mean: return "MEAN";
    case OpKind::Mul: return "MUL";
    case OpKind::Pad: return "PAD";
    case OpKind::Quantize: return "QUANTIZE";
    case OpKind::Relu: return "RELU";
    case OpKind::Relu6: return "RELU6";
    case OpKind::Reshape: return "RESHAPE";
    case OpKind::Softmax: return "SOFTMAX";
    case OpKind::Tanh: return "TANH";
  }
  return "?";
}

std::string_view activation_name(Activation activation) noexcept {
  switch (activation) {
    case Activation::None: return "NONE";
    case Activation::Relu: return "RELU";
    case Activation::ReluN1To1: return "RELU_N1_TO_1";
    case Activation::Relu6: return "RELU6";
  }
  return "?";
}

}  // namespace mcusim::compiler
