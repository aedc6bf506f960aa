// runtime/compiler/tflite_options.cpp — the builtin options table of each
// supported operator -> OpOptions.
#include "runtime/compiler/tflite_options.hpp"

#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

Activation activation(tflite::ActivationFunctionType type, std::string_view where) {
  switch (type) {
    case tflite::ActivationFunctionType_NONE: return Activation::None;
    case tflite::ActivationFunctionType_RELU: return Activation::Relu;
    case tflite::ActivationFunctionType_RELU_N1_TO_1: return Activation::ReluN1To1;
    case tflite::ActivationFunctionType_RELU6: return Activation::Relu6;
    default: break;
  }
  const char* name = tflite::EnumNameActivationFunctionType(type);
  throw_bad_input("supported fused activations: NONE, RELU, RELU_N1_TO_1, RELU6",
                  "{}: fused activation {} is not supported", where,
                  name != nullptr && *name != '\0' ? name : std::to_string(static_cast<int>(type)));
}

Padding padding(tflite::Padding p) {
  return p == tflite::Padding_VALID ? Padding::Valid : Padding::Same;
}

void expect_options(const tflite::Operator& op, tflite::BuiltinOptions expected, bool required,
                    const std::string& where) {
  const tflite::BuiltinOptions type = op.builtin_options_type();
  // The union's type can name a table the file then leaves out (the verifier
  // accepts an absent union value); required options are read unchecked after
  // this, so their absence is refused here (found by fuzz/fuzz_tflite.cpp).
  if (type == expected && required && op.builtin_options() == nullptr) {
    throw_bad_input("the model file is inconsistent; export it again", "{} names {} but carries none", where,
                    tflite::EnumNameBuiltinOptions(expected));
  }
  if (type == expected) return;
  if (type == tflite::BuiltinOptions_NONE && !required) return;
  const char* got = tflite::EnumNameBuiltinOptions(type);
  throw_bad_input("the model file is inconsistent; export it again", "{} carries {} instead of {}", where,
                  type == tflite::BuiltinOptions_NONE ? "no options"
                  : (got != nullptr && *got != '\0')  ? got
                                                      : "unknown options",
                  tflite::EnumNameBuiltinOptions(expected));
}

}  // namespace

OpOptions read_builtin_options(const tflite::Operator& op, OpKind kind, const std::string& where) {
  OpOptions o;
  switch (kind) {
    case OpKind::Conv2D: {
      expect_options(op, tflite::BuiltinOptions_Conv2DOptions, true, where);
      const auto* c = op.builtin_options_as_Conv2DOptions();
      o.padding = padding(c->padding());
      o.stride_w = c->stride_w();
      o.stride_h = c->stride_h();
      o.dilation_w = c->dilation_w_factor();
      o.dilation_h = c->dilation_h_factor();
      o.activation = activation(c->fused_activation_function(), where);
      break;
    }
    case OpKind::DepthwiseConv2D: {
      expect_options(op, tflite::BuiltinOptions_DepthwiseConv2DOptions, true, where);
      const auto* c = op.builtin_options_as_DepthwiseConv2DOptions();
      o.padding = padding(c->padding());
      o.stride_w = c->stride_w();
      o.stride_h = c->stride_h();
      o.depth_multiplier = c->depth_multiplier();
      o.dilation_w = c->dilation_w_factor();
      o.dilation_h = c->dilation_h_factor();
      o.activation = activation(c->fused_activation_function(), where);
      break;
    }
    case OpKind::AveragePool2D:
    case OpKind::MaxPool2D: {
      expect_options(op, tflite::BuiltinOptions_Pool2DOptions, true, where);
      const auto* p = op.builtin_options_as_Pool2DOptions();
      o.padding = padding(p->padding());
      o.stride_w = p->stride_w();
      o.stride_h = p->stride_h();
      o.filter_w = p->filter_width();
      o.filter_h = p->filter_height();
      o.activation = activation(p->fused_activation_function(), where);
      break;
    }
    case OpKind::FullyConnected: {
      expect_options(op, tflite::BuiltinOptions_FullyConnectedOptions, false, where);
      if (const auto* f = op.builtin_options_as_FullyConnectedOptions()) {
        o.activation = activation(f->fused_activation_function(), where);
        if (f->weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT) {
          throw_bad_input("convert the model with the default weights format", "{} uses shuffled weights",
                          where);
        }
      }
      break;
    }
    case OpKind::Softmax: {
      expect_options(op, tflite::BuiltinOptions_SoftmaxOptions, false, where);
      // An absent beta is 0 (the schema default), as TFLite reads it.
      const auto* s = op.builtin_options_as_SoftmaxOptions();
      o.beta = s != nullptr ? s->beta() : 0.0f;
      break;
    }
    case OpKind::Concatenation: {
      expect_options(op, tflite::BuiltinOptions_ConcatenationOptions, false, where);
      if (const auto* c = op.builtin_options_as_ConcatenationOptions()) {
        o.axis = c->axis();
        o.activation = activation(c->fused_activation_function(), where);
      }
      break;
    }
    case OpKind::Add: {
      expect_options(op, tflite::BuiltinOptions_AddOptions, false, where);
      if (const auto* a = op.builtin_options_as_AddOptions()) {
        o.activation = activation(a->fused_activation_function(), where);
      }
      break;
    }
    case OpKind::Mul: {
      expect_options(op, tflite::BuiltinOptions_MulOptions, false, where);
      if (const auto* m = op.builtin_options_as_MulOptions()) {
        o.activation = activation(m->fused_activation_function(), where);
      }
      break;
    }
    case OpKind::Mean: {
      expect_options(op, tflite::BuiltinOptions_ReducerOptions, false, where);
      if (const auto* r = op.builtin_options_as_ReducerOptions()) o.keep_dims = r->keep_dims();
      break;
    }
    case OpKind::Reshape:
      expect_options(op, tflite::BuiltinOptions_ReshapeOptions, false, where);
      break;
    case OpKind::Pad:
      expect_options(op, tflite::BuiltinOptions_PadOptions, false, where);
      break;
    case OpKind::Quantize:
      expect_options(op, tflite::BuiltinOptions_QuantizeOptions, false, where);
      break;
    case OpKind::Dequantize:
      expect_options(op, tflite::BuiltinOptions_DequantizeOptions, false, where);
      break;
    case OpKind::HardTanh:
    case OpKind::Logistic:
    case OpKind::Relu:
    case OpKind::Relu6:
    case OpKind::Tanh:
      break;
  }
  return o;
}

}  // namespace mcusim::compiler
