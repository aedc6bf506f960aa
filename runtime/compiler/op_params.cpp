// runtime/compiler/op_params.cpp — dispatch from operator kind to its
// preparation (prepare_conv.cpp, prepare_elementwise.cpp, prepare_shape.cpp).
#include "runtime/compiler/op_params.hpp"

#include <stdexcept>

#include "runtime/compiler/prepare_context.hpp"

namespace mcusim::compiler {
namespace {

OpParams prepare_kind(const PrepareContext& ctx) {
  switch (ctx.op().kind) {
    case OpKind::FullyConnected: return prepare_fully_connected(ctx);
    case OpKind::Conv2D: return prepare_conv2d(ctx);
    case OpKind::DepthwiseConv2D: return prepare_depthwise_conv2d(ctx);
    case OpKind::AveragePool2D:
    case OpKind::MaxPool2D: return prepare_pool2d(ctx);
    case OpKind::Add: return prepare_add(ctx);
    case OpKind::Mul: return prepare_mul(ctx);
    case OpKind::Softmax: return prepare_softmax(ctx);
    case OpKind::Logistic:
    case OpKind::Tanh: return prepare_logistic_or_tanh(ctx);
    case OpKind::Relu:
    case OpKind::HardTanh: return prepare_relu_or_hard_tanh(ctx);
    case OpKind::Relu6: return prepare_relu6(ctx);
    case OpKind::Quantize: return prepare_quantize(ctx);
    case OpKind::Dequantize: return prepare_dequantize(ctx);
    case OpKind::Concatenation: return prepare_concatenation(ctx);
    case OpKind::Mean: return prepare_mean(ctx);
    case OpKind::Pad: return prepare_pad(ctx);
    case OpKind::Reshape: return prepare_reshape(ctx);
  }
  ctx.fail("this is a bug in mcusim; please report it", "no preparation for this operator kind");
}

}  // namespace

PreparedOp prepare_operator(const Model& model, const Operator& op) {
  const PrepareContext ctx(model, op);
  try {
    return PreparedOp{op.index, prepare_kind(ctx)};
  } catch (const std::invalid_argument& e) {  // a quantization value TFLite refuses
    ctx.fail("check the quantization parameters of the operator's tensors", "{}", e.what());
  }
}

std::vector<PreparedOp> prepare_model(const Model& model) {
  std::vector<PreparedOp> ops;
  ops.reserve(model.operators.size());
  for (const Operator& op : model.operators) ops.push_back(prepare_operator(model, op));
  return ops;
}

}  // namespace mcusim::compiler
