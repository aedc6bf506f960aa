// runtime/compiler/model.hpp — the importer's view of a model: tensors,
// operators and their options, independent of the file format it came from.
//
// A .tflite file (tflite_reader.hpp) becomes one Model; everything after the
// reader (parameter preparation, planning, the host interpreter) reads only
// this. Constant tensor data is copied out of the file, so a Model owns all it
// refers to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::compiler {

enum class ElementType : std::uint8_t { Float32, Int8, Int16, Int32, Int64, UInt8, Bool, Other };

std::string_view element_type_name(ElementType type) noexcept;

// The most elements one tensor may have: the runtime and the plan count
// elements and byte offsets in int32 (docs/robustness.md, "Limits").
inline constexpr std::int64_t kMaxTensorElements = 0x7FFF'FFFF;
// The product of `shape`'s dimensions, or nullopt when a dimension is
// negative or the product exceeds kMaxTensorElements (checked at every step,
// so 8 dimensions of 2^31 cannot overflow the 64-bit product either).
std::optional<std::int64_t> checked_element_count(const std::vector<std::int32_t>& shape) noexcept;
// Bytes per element; 0 for Other.
std::size_t element_size(ElementType type) noexcept;

// Affine quantization: real = scale * (q - zero_point), per tensor (one entry)
// or per channel along quantized_dimension.
struct Quantization {
  std::vector<float> scales;
  std::vector<std::int64_t> zero_points;
  int quantized_dimension = 0;

  bool per_channel() const noexcept { return scales.size() > 1; }
  // The per-tensor values, as TFLite's TfLiteTensor::params holds them (the
  // first entry of a per-channel quantization).
  float scale() const noexcept { return scales.empty() ? 0.0f : scales.front(); }
  std::int32_t zero_point() const noexcept {
    return zero_points.empty() ? 0 : static_cast<std::int32_t>(zero_points.front());
  }
};

struct Tensor {
  std::string name;
  ElementType type = ElementType::Other;
  std::string type_name;  // the file's name for the type, for messages
  std::vector<std::int32_t> shape;
  std::optional<Quantization> quantization;
  bool is_constant = false;
  std::vector<std::uint8_t> data;  // constants only, little-endian

  std::int64_t element_count() const noexcept;
  std::size_t byte_size() const noexcept { return static_cast<std::size_t>(element_count()) * element_size(type); }
  int rank() const noexcept { return static_cast<int>(shape.size()); }
  // Quantization or a quantization with scale 0 and zero point 0 (as TFLite
  // treats an unquantized tensor).
  float scale() const noexcept { return quantization ? quantization->scale() : 0.0f; }
  std::int32_t zero_point() const noexcept { return quantization ? quantization->zero_point() : 0; }
};

// The operators the runtime has kernels for. HardTanh is TFLite's RELU_N1_TO_1.
enum class OpKind : std::uint8_t {
  Add,
  AveragePool2D,
  Concatenation,
  Conv2D,
  DepthwiseConv2D,
  Dequantize,
  FullyConnected,
  HardTanh,
  Logistic,
  MaxPool2D,
  Mean,
  Mul,
  Pad,
  Quantize,
  Relu,
  Relu6,
  Reshape,
  Softmax,
  Tanh,
};

// The TFLite builtin operator name of a kind ("CONV_2D", "RELU_N1_TO_1", ...).
std::string_view op_kind_name(OpKind kind) noexcept;

enum class Padding : std::uint8_t { Same, Valid };
enum class Activation : std::uint8_t { None, Relu, ReluN1To1, Relu6 };

std::string_view activation_name(Activation activation) noexcept;

// The builtin options of all supported operators in one struct; each operator
// reads the fields its TFLite options table has, the rest keep these defaults.
struct OpOptions {
  Padding padding = Padding::Same;
  int stride_w = 1;
  int stride_h = 1;
  int dilation_w = 1;
  int dilation_h = 1;
  int filter_w = 1;
  int filter_h = 1;
  int depth_multiplier = 1;
  Activation activation = Activation::None;
  int axis = 0;
  float beta = 1.0f;
  bool keep_dims = false;
};

struct Operator {
  OpKind kind = OpKind::Add;
  int index = 0;  // position in the subgraph, which is also the execution order
  int version = 1;
  std::vector<int> inputs;   // tensor indices; -1 marks an omitted optional input
  std::vector<int> outputs;  // tensor indices
  OpOptions options;
};

struct Model {
  std::string source;  // where it came from (a path), for messages
  std::string description;
  // What the loader wants the user told (weights it generated after --set):
  // commands print them and reports carry them.
  std::vector<std::string> notes;
  std::vector<Tensor> tensors;
  std::vector<Operator> operators;
  std::vector<int> inputs;
  std::vector<int> outputs;
};

}  // namespace mcusim::compiler
