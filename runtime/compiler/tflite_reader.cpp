// runtime/compiler/tflite_reader.cpp — .tflite file -> Model, through the
// flatc-generated reader of tflite_subset.fbs.
#include "runtime/compiler/tflite_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/compiler/tflite_options.hpp"
#include "runtime/compiler/tflite_subset_generated.h"
#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

struct BuiltinKind {
  tflite::BuiltinOperator code;
  OpKind kind;
};

// Builtin operator -> kernel. RELU_N1_TO_1 (clamp to [-1, 1]) is hard tanh.
constexpr std::array kSupported{
    BuiltinKind{tflite::BuiltinOperator_ADD, OpKind::Add},
    BuiltinKind{tflite::BuiltinOperator_AVERAGE_POOL_2D, OpKind::AveragePool2D},
    BuiltinKind{tflite::BuiltinOperator_CONCATENATION, OpKind::Concatenation},
    BuiltinKind{tflite::BuiltinOperator_CONV_2D, OpKind::Conv2D},
    BuiltinKind{tflite::BuiltinOperator_DEPTHWISE_CONV_2D, OpKind::DepthwiseConv2D},
    BuiltinKind{tflite::BuiltinOperator_DEQUANTIZE, OpKind::Dequantize},
    BuiltinKind{tflite::BuiltinOperator_FULLY_CONNECTED, OpKind::FullyConnected},
    BuiltinKind{tflite::BuiltinOperator_LOGISTIC, OpKind::Logistic},
    BuiltinKind{tflite::BuiltinOperator_MAX_POOL_2D, OpKind::MaxPool2D},
    BuiltinKind{tflite::BuiltinOperator_MEAN, OpKind::Mean},
    BuiltinKind{tflite::BuiltinOperator_MUL, OpKind::Mul},
    BuiltinKind{tflite::BuiltinOperator_PAD, OpKind::Pad},
    BuiltinKind{tflite::BuiltinOperator_QUANTIZE, OpKind::Quantize},
    BuiltinKind{tflite::BuiltinOperator_RELU, OpKind::Relu},
    BuiltinKind{tflite::BuiltinOperator_RELU_N1_TO_1, OpKind::HardTanh},
    BuiltinKind{tflite::BuiltinOperator_RELU6, OpKind::Relu6},
    BuiltinKind{tflite::BuiltinOperator_RESHAPE, OpKind::Reshape},
    BuiltinKind{tflite::BuiltinOperator_SOFTMAX, OpKind::Softmax},
    BuiltinKind{tflite::BuiltinOperator_TANH, OpKind::Tanh},
};

constexpr std::size_t kMaxTensorRank = 8;

std::string builtin_name(int code) {
  const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(code));
  if (name == nullptr || *name == '\0') return fmt::format("builtin operator code {}", code);
  return name;
}

ElementType element_type(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_FLOAT32: return ElementType::Float32;
    case tflite::TensorType_INT8: return ElementType::Int8;
    case tflite::TensorType_INT16: return ElementType::Int16;
    case tflite::TensorType_INT32: return ElementType::Int32;
    case tflite::TensorType_INT64: return ElementType::Int64;
    case tflite::TensorType_UINT8: return ElementType::UInt8;
    case tflite::TensorType_BOOL: return ElementType::Bool;
    default: return ElementType::Other;
  }
}

std::string tensor_type_name(tflite::TensorType type) {
  const char* name = tflite::EnumNameTensorType(type);
  if (name == nullptr || *name == '\0') return fmt::format("tensor type {}", static_cast<int>(type));
  return name;
}

std::vector<int> index_list(const flatbuffers::Vector<std::int32_t>* list) {
  if (list == nullptr) return {};
  return {list->begin(), list->end()};
}

// The elements of an int64 vector (zero_point: [long]). The verifier checks
// only a vector's 4-byte length prefix for alignment, so a crafted file can
// leave int64 elements 4-aligned; flatbuffers' iterator would then load them
// misaligned (undefined; UBSan found it through fuzz/fuzz_tflite.cpp). Copied
// bytewise instead.
std::vector<std::int64_t> int64_elements(const flatbuffers::Vector<std::int64_t>& vector) {
  std::vector<std::int64_t> values(vector.size());
  if (!values.empty()) std::memcpy(values.data(), vector.Data(), values.size() * sizeof(std::int64_t));
  for (std::int64_t& value : values) value = flatbuffers::EndianScalar(value);
  return values;
}

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::string_view source)
      : bytes_(bytes), source_(source) {}

  Model read() {
    verify();
    const tflite::Model* fb = tflite::GetModel(bytes_.data());
    Model model;
    model.source = source_;
    if (fb->description() != nullptr) model.description = fb->description()->str();

    const auto* subgraphs = fb->subgraphs();
    if (subgraphs == nullptr || subgraphs->size() == 0) {
      throw_bad_input("export the model again with the TFLite converter", "{}: the model has no subgraph",
                      source_);
    }
    if (subgraphs->size() > 1) {
      throw_bad_input("mcusim runs single-subgraph models (no control flow operators such as WHILE or IF)",
                      "{}: the model has {} subgraphs", source_, subgraphs->size());
    }
    const tflite::SubGraph* graph = subgraphs->Get(0);
    read_tensors(*fb, *graph, model);
    model.inputs = checked_indices(graph->inputs(), model.tensors.size(), "subgraph input");
    model.outputs = checked_indices(graph->outputs(), model.tensors.size(), "subgraph output");
    read_operators(*fb, *graph, model);
    reject_float_model(model);
    return model;
  }

 private:
  void verify() const {
    if (bytes_.size() < 8) {
      throw_bad_input("give the path of a .tflite model file", "{}: {} bytes is too short for a .tflite model",
                      source_, bytes_.size());
    }
    if (bytes_.size() >= std::numeric_limits<flatbuffers::uoffset_t>::max()) {
      throw_bad_input("mcusim reads models below 2 GiB", "{}: the file is too large", source_);
    }
    if (!tflite::ModelBufferHasIdentifier(bytes_.data())) {
      throw_bad_input("give the path of a .tflite model file (a TFLite flatbuffer)",
                      "{}: not a .tflite model: the file identifier at byte 4 is not \"TFL3\"", source_);
    }
    flatbuffers::Verifier verifier(bytes_.data(), bytes_.size());
    if (!tflite::VerifyModelBuffer(verifier)) {
      throw_bad_input("the file is truncated or corrupt; copy or export it again",
                      "{}: the flatbuffers verifier rejected the model ({} bytes)", source_, bytes_.size());
    }
  }

  std::vector<int> checked_indices(const flatbuffers::Vector<std::int32_t>* list, std::size_t tensor_count,
                                   std::string_view what) const {
    std::vector<int> out = index_list(list);
    for (int index : out) {
      if (index < 0 || static_cast<std::size_t>(index) >= tensor_count) {
        throw_bad_input("the model file is inconsistent; export it again", "{}: {} refers to tensor {} of {}",
                        source_, what, index, tensor_count);
      }
    }
    return out;
  }

  void read_tensors(const tflite::Model& fb, const tflite::SubGraph& graph, Model& model) const {
    const auto* tensors = graph.tensors();
    const auto* buffers = fb.buffers();
    const std::size_t buffer_count = buffers == nullptr ? 0 : buffers->size();
    if (tensors == nullptr) return;
    model.tensors.reserve(tensors->size());
    for (flatbuffers::uoffset_t i = 0; i < tensors->size(); ++i) {
      const tflite::Tensor* t = tensors->Get(i);
      Tensor tensor;
      tensor.name = t->name() != nullptr ? t->name()->str() : fmt::format("t{}", i);
      const std::string where = fmt::format("{}: tensor {} ({})", source_, i, tensor.name);
      tensor.type = element_type(t->type());
      tensor.type_name = tensor_type_name(t->type());
      if (t->shape() != nullptr) {
        if (t->shape()->size() > kMaxTensorRank) {
          throw_bad_input("mcusim supports tensors of up to 8 dimensions", "{} has {} dimensions", where,
                          t->shape()->size());
        }
        for (std::int32_t d : *t->shape()) {
          if (d < 0) {
            throw_bad_input("give every dimension a fixed size when converting (no dynamic shapes)",
                            "{} has a dynamic or negative dimension ({})", where, d);
          }
          tensor.shape.push_back(d);
        }
        // Before anything sizes a buffer from it (byte_size, the planner).
        if (!checked_element_count(tensor.shape)) {
          throw_bad_input("mcusim runs tensors of up to 2^31 - 1 elements (32-bit counts, as on the device)",
                          "{} has shape [{}], whose element count overflows 32 bits", where,
                          fmt::join(tensor.shape, ", "));
        }
      }
      if (t->sparsity() != nullptr) {
        throw_bad_input("convert the model without sparsity (dense weights)",
                        "{} is sparse; mcusim reads dense tensors only", where);
      }
      if (const tflite::QuantizationParameters* q = t->quantization();
          q != nullptr && q->scale() != nullptr && q->scale()->size() > 0) {
        Quantization quant;
        quant.scales.assign(q->scale()->begin(), q->scale()->end());
        if (q->zero_point() != nullptr) quant.zero_points = int64_elements(*q->zero_point());
        if (quant.zero_points.empty()) quant.zero_points.assign(quant.scales.size(), 0);
        if (quant.zero_points.size() != quant.scales.size()) {
          throw_bad_input("the model file is inconsistent; export it again", "{} has {} scales but {} zero points",
                          where, quant.scales.size(), quant.zero_points.size());
        }
        // Not checked against the shape here: converters write per-channel
        // bias quantization with a dimension the bias does not have. The
        // operators that use per-channel scales check them (op_params).
        quant.quantized_dimension = q->quantized_dimension();
        tensor.quantization = std::move(quant);
      }
      if (t->buffer() >= buffer_count) {
        throw_bad_input("the model file is inconsistent; export it again", "{} refers to buffer {} of {}", where,
                        t->buffer(), buffer_count);
      }
      const tflite::Buffer* buffer = buffers->Get(t->buffer());
      if (buffer->offset() > 1 || buffer->size() > 0) {
        throw_bad_input("convert the model into a single file below 2 GiB (no external buffers)",
                        "{} keeps its data outside the flatbuffer", where);
      }
      if (buffer->data() != nullptr && buffer->data()->size() > 0) {
        tensor.is_constant = true;
        tensor.data.assign(buffer->data()->begin(), buffer->data()->end());
        if (element_size(tensor.type) != 0 && tensor.data.size() != tensor.byte_size()) {
          throw_bad_input("the model file is inconsistent; export it again",
                          "{} holds {} bytes of data but its shape and type need {}", where, tensor.data.size(),
                          tensor.byte_size());
        }
      }
      model.tensors.push_back(std::move(tensor));
    }
  }

  void read_operators(const tflite::Model& fb, const tflite::SubGraph& graph, Model& model) const {
    const auto* codes = fb.operator_codes();
    const std::size_t code_count = codes == nullptr ? 0 : codes->size();
    const auto* operators = graph.operators();
    if (operators == nullptr) return;
    for (flatbuffers::uoffset_t i = 0; i < operators->size(); ++i) {
      const tflite::Operator* op = operators->Get(i);
      if (op->opcode_index() >= code_count) {
        throw_bad_input("the model file is inconsistent; export it again",
                        "{}: operator {} refers to operator code {} of {}", source_, i, op->opcode_index(),
                        code_count);
      }
      const tflite::OperatorCode* code = codes->Get(op->opcode_index());
      // TFLite: the operator is the larger of the two code fields (the byte-wide
      // deprecated one is all that files from before the extension carry).
      const int builtin = std::max<int>(code->deprecated_builtin_code(), code->builtin_code());
      const std::string name = builtin_name(builtin);
      const std::string where = fmt::format("{}: operator {} ({})", source_, i, name);
      if (builtin == tflite::BuiltinOperator_CUSTOM) {
        throw_bad_input(fmt::format("supported operators: {}", supported_operator_list()),
                        "{}: operator {} is the custom operator \"{}\", which mcusim has no kernel for", source_,
                        i, code->custom_code() != nullptr ? code->custom_code()->str() : "");
      }
      const auto* match = std::find_if(kSupported.begin(), kSupported.end(),
                                       [&](const BuiltinKind& s) { return s.code == builtin; });
      if (match == kSupported.end()) {
        throw_bad_input(fmt::format("supported operators: {}", supported_operator_list()),
                        "{}: operator {} is {}, which mcusim has no kernel for", source_, i, name);
      }
      Operator out;
      out.kind = match->kind;
      out.index = static_cast<int>(i);
      out.version = code->version();
      out.inputs = index_list(op->inputs());
      out.outputs = index_list(op->outputs());
      for (int t : out.inputs) {
        if (t < -1 || t >= static_cast<int>(model.tensors.size())) {
          throw_bad_input("the model file is inconsistent; export it again", "{}: input tensor {} of {}", where, t,
                          model.tensors.size());
        }
      }
      for (int t : out.outputs) {
        if (t < 0 || t >= static_cast<int>(model.tensors.size())) {
          throw_bad_input("the model file is inconsistent; export it again", "{}: output tensor {} of {}", where,
                          t, model.tensors.size());
        }
      }
      out.options = read_builtin_options(*op, out.kind, where);
      model.operators.push_back(std::move(out));
    }
  }

  // A float model computes in float32 between its edges; mcusim runs int8
  // models, where float may only enter through QUANTIZE and leave through
  // DEQUANTIZE.
  void reject_float_model(const Model& model) const {
    for (const Operator& op : model.operators) {
      if (op.kind == OpKind::Quantize || op.kind == OpKind::Dequantize) continue;
      auto is_float = [&](int t) { return t >= 0 && model.tensors[static_cast<std::size_t>(t)].type == ElementType::Float32; };
      if (std::any_of(op.inputs.begin(), op.inputs.end(), is_float) ||
          std::any_of(op.outputs.begin(), op.outputs.end(), is_float)) {
        throw_bad_input(
            "quantize the model to int8 with the TFLite converter (full integer quantization, "
            "inference_input_type/inference_output_type int8 or float at the edges only)",
            "{}: float model: operator {} ({}) computes in float32; mcusim runs int8 models", source_, op.index,
            op_kind_name(op.kind));
      }
    }
  }

  std::span<const std::uint8_t> bytes_;
  std::string source_;
};

}  // namespace

std::string supported_operator_list() {
  std::vector<std::string> names;
  for (const BuiltinKind& s : kSupported) names.emplace_back(tflite::EnumNameBuiltinOperator(s.code));
  std::sort(names.begin(), names.end());
  return fmt::format("{}", fmt::join(names, ", "));
}

Model read_tflite(std::span<const std::uint8_t> bytes, std::string_view source) {
  return Reader(bytes, source).read();
}

Model read_tflite_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw_bad_input("check the path", "{}: cannot open the model file", path.string());
  }
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw_bad_input("check the file", "{}: cannot read the model file", path.string());
  return read_tflite(bytes, path.string());
}

}  // namespace mcusim::compiler
