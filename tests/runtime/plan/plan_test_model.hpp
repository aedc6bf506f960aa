// tests/runtime/plan/plan_test_model.hpp — a small three-operator model built in
// the test (CONV_2D with per-channel weights -> FULLY_CONNECTED -> SOFTMAX), so
// the plan tests run without ../shared, and a helper that runs a plan blob on
// the host build of the engine. Header-only: the test executable picks up
// *_test.cpp files only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "runtime/include/mcusim_engine.h"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::test {

// Tensors, in index order: 0 x [1,4,4,2] (input), 1 conv filter [3,3,3,2],
// 2 conv bias [3], 3 c [1,4,4,3], 4 fc weights [5,48], 5 fc bias [5],
// 6 f [1,5], 7 y [1,5] (output).
inline compiler::Model plan_test_model() {
  ModelSpec m;
  std::vector<std::int8_t> filter(3 * 3 * 3 * 2);
  for (std::size_t i = 0; i < filter.size(); ++i) filter[i] = static_cast<std::int8_t>((i * 37 + 11) % 255 - 127);
  std::vector<std::int8_t> weights(5 * 48);
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<std::int8_t>((i * 53 + 7) % 255 - 127);
  m.tensors.push_back(int8_tensor("x", {1, 4, 4, 2}, 0.1f, 3));
  m.tensors.push_back({"conv_filter", {3, 3, 3, 2}, tflite::TensorType_INT8, {0.01f, 0.02f, 0.015f}, {0, 0, 0}, 0,
                       bytes_of(filter)});
  m.tensors.push_back({"conv_bias", {3}, tflite::TensorType_INT32, {0.001f, 0.002f, 0.0015f}, {0, 0, 0}, 0,
                       bytes_of(std::vector<std::int32_t>{100, -250, 40})});
  m.tensors.push_back(int8_tensor("c", {1, 4, 4, 3}, 0.05f, -5));
  m.tensors.push_back({"fc_weights", {5, 48}, tflite::TensorType_INT8, {0.02f}, {0}, 0, bytes_of(weights)});
  m.tensors.push_back({"fc_bias", {5}, tflite::TensorType_INT32, {0.001f}, {0}, 0,
                       bytes_of(std::vector<std::int32_t>{500, -300, 0, 1200, -42})});
  m.tensors.push_back(int8_tensor("f", {1, 5}, 0.2f, 1));
  m.tensors.push_back(int8_tensor("y", {1, 5}, 1.0f / 256, -128));
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
                         [](flatbuffers::FlatBufferBuilder& b) {
                           return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 1, 1,
                                                              tflite::ActivationFunctionType_RELU)
                               .Union();
                         },
                         {}});
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_FULLY_CONNECTED, {3, 4, 5}, {6},
                         tflite::BuiltinOptions_FullyConnectedOptions,
                         [](flatbuffers::FlatBufferBuilder& b) {
                           return tflite::CreateFullyConnectedOptions(b).Union();
                         },
                         {}});
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_SOFTMAX, {6}, {7}, tflite::BuiltinOptions_SoftmaxOptions,
                         [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateSoftmaxOptions(b, 1.0f).Union(); },
                         {}});
  m.inputs = {0};
  m.outputs = {7};
  return compiler::read_tflite(build_tflite(m), "plan_test.tflite");
}

inline std::vector<std::uint8_t> plan_test_input() {
  std::vector<std::uint8_t> x(32);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::uint8_t>(i * 29 + 5);
  return x;
}

// 4-aligned storage of exactly `size` bytes (ASan sees a read past the end):
// std::vector's allocation is aligned for any scalar.
struct PlanRun {
  mcusim_plan_status init = MCUSIM_PLAN_E_ARGUMENT;
  mcusim_plan_status invoke = MCUSIM_PLAN_E_ARGUMENT;
  std::vector<std::vector<std::uint8_t>> outputs;
};

// Runs `blob` with an arena of `arena_size` bytes (default: the planned size)
// on the given model inputs (each copied up to the input tensor's size).
inline PlanRun run_plan(const std::vector<std::uint8_t>& blob, const std::vector<std::vector<std::uint8_t>>& inputs,
                        std::int64_t arena_size = -1) {
  PlanRun run;
  mcusim_plan_header header{};
  if (blob.size() >= sizeof header) std::memcpy(&header, blob.data(), sizeof header);
  const std::size_t arena_bytes = arena_size >= 0 ? static_cast<std::size_t>(arena_size) : header.arena_size;
  std::vector<std::uint8_t> arena(arena_bytes);
  mcusim_plan_ctx ctx;
  run.init = mcusim_plan_init(&ctx, blob.data(), static_cast<std::uint32_t>(blob.size()), arena.data(),
                              static_cast<std::uint32_t>(arena.size()));
  if (run.init != MCUSIM_PLAN_OK) return run;
  // No assertions here: the mutation test runs blobs whose inputs changed size.
  for (std::uint32_t i = 0; i < mcusim_plan_input_count(&ctx) && i < inputs.size(); ++i) {
    const std::uint32_t size = mcusim_plan_input_size(&ctx, i);
    std::memcpy(mcusim_plan_input(&ctx, i), inputs[i].data(), std::min<std::size_t>(size, inputs[i].size()));
  }
  run.invoke = mcusim_plan_invoke(&ctx);
  for (std::uint32_t i = 0; i < mcusim_plan_output_count(&ctx); ++i) {
    const auto* p = static_cast<const std::uint8_t*>(mcusim_plan_output(&ctx, i));
    run.outputs.emplace_back(p, p + mcusim_plan_output_size(&ctx, i));
  }
  return run;
}

}  // namespace mcusim::test
