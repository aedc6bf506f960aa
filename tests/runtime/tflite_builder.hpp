// tests/runtime/tflite_builder.hpp — small .tflite models built in the test,
// with the flatc-generated builder of runtime/compiler/tflite_subset.fbs, so
// reader and error tests need no file from outside the repository.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "runtime/compiler/tflite_subset_generated.h"

namespace mcusim::test {

struct TensorSpec {
  std::string name;
  std::vector<std::int32_t> shape;
  tflite::TensorType type = tflite::TensorType_INT8;
  std::vector<float> scales;  // empty: no quantization
  std::vector<std::int64_t> zero_points;
  int quantized_dimension = 0;
  std::vector<std::uint8_t> data;  // empty: an activation (buffer 0)
};

struct OpSpec {
  int builtin_code = tflite::BuiltinOperator_ADD;
  std::vector<int> inputs;
  std::vector<int> outputs;
  tflite::BuiltinOptions options_type = tflite::BuiltinOptions_NONE;
  std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)> options;
  std::string custom_code;
};

struct ModelSpec {
  std::vector<TensorSpec> tensors;
  std::vector<OpSpec> ops;
  std::vector<int> inputs;
  std::vector<int> outputs;
  int subgraphs = 1;
};

inline TensorSpec int8_tensor(std::string name, std::vector<std::int32_t> shape, float scale, std::int64_t zp) {
  return {std::move(name), std::move(shape), tflite::TensorType_INT8, {scale}, {zp}, 0, {}};
}

template <typename T>
std::vector<std::uint8_t> bytes_of(const std::vector<T>& values) {
  std::vector<std::uint8_t> out(values.size() * sizeof(T));
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

inline std::vector<std::uint8_t> build_tflite(const ModelSpec& spec) {
  flatbuffers::FlatBufferBuilder fbb;
  std::vector<flatbuffers::Offset<tflite::Buffer>> buffers{tflite::CreateBuffer(fbb)};
  std::vector<flatbuffers::Offset<tflite::Tensor>> tensors;
  for (const TensorSpec& t : spec.tensors) {
    std::uint32_t buffer = 0;
    if (!t.data.empty()) {
      fbb.ForceVectorAlignment(t.data.size(), sizeof(std::uint8_t), 16);
      buffers.push_back(tflite::CreateBuffer(fbb, fbb.CreateVector(t.data)));
      buffer = static_cast<std::uint32_t>(buffers.size() - 1);
    }
    flatbuffers::Offset<tflite::QuantizationParameters> quant = 0;
    if (!t.scales.empty()) {
      quant = tflite::CreateQuantizationParameters(fbb, 0, 0, fbb.CreateVector(t.scales),
                                                   fbb.CreateVector(t.zero_points), tflite::QuantizationDetails_NONE,
                                                   0, t.quantized_dimension);
    }
    tensors.push_back(tflite::CreateTensor(fbb, fbb.CreateVector(t.shape), t.type, buffer,
                                           fbb.CreateString(t.name), quant));
  }
  std::vector<flatbuffers::Offset<tflite::OperatorCode>> codes;
  std::vector<flatbuffers::Offset<tflite::Operator>> ops;
  for (const OpSpec& op : spec.ops) {
    // deprecated_builtin_code holds codes below 127; larger ones set it to
    // PLACEHOLDER_FOR_GREATER_OP_CODES (127), as the TFLite converter writes.
    const auto deprecated = static_cast<std::int8_t>(op.builtin_code < 127 ? op.builtin_code : 127);
    codes.push_back(tflite::CreateOperatorCode(fbb, deprecated,
                                               op.custom_code.empty() ? 0 : fbb.CreateString(op.custom_code), 1,
                                               static_cast<tflite::BuiltinOperator>(op.builtin_code)));
    const flatbuffers::Offset<void> options = op.options ? op.options(fbb) : 0;
    ops.push_back(tflite::CreateOperator(fbb, static_cast<std::uint32_t>(codes.size() - 1), fbb.CreateVector(op.inputs),
                                         fbb.CreateVector(op.outputs), op.options_type, options));
  }
  const auto tensor_vector = fbb.CreateVector(tensors);
  const auto op_vector = fbb.CreateVector(ops);
  const auto inputs = fbb.CreateVector(spec.inputs);
  const auto outputs = fbb.CreateVector(spec.outputs);
  std::vector<flatbuffers::Offset<tflite::SubGraph>> subgraphs;
  for (int i = 0; i < spec.subgraphs; ++i) {
    subgraphs.push_back(tflite::CreateSubGraph(fbb, tensor_vector, inputs, outputs, op_vector, fbb.CreateString("main")));
  }
  const auto model = tflite::CreateModel(fbb, 3, fbb.CreateVector(codes), fbb.CreateVector(subgraphs),
                                         fbb.CreateString("mcusim test model"), fbb.CreateVector(buffers));
  tflite::FinishModelBuffer(fbb, model);
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

}  // namespace mcusim::test
