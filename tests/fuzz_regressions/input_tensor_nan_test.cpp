// tests/fuzz_regressions/input_tensor_nan_test.cpp — found with
// fuzz/fuzz_input_tensor.cpp: a float32 .npy input holding NaN, given to a
// model with an int8 input (`mcusim run --input x.npy`). Quantizing it
// converted NaN to int8, which is undefined (UBSan: "nan is outside the range
// of representable values", tools/mcusim/run_inputs.cpp) and in practice
// printed whatever the host made of it. Now a bad input naming the element;
// infinities still clamp to the int8 range, as TFLite's QUANTIZE does.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "sim/error.hpp"
#include "tests/runtime/compiler/spec_files.hpp"
#include "tools/mcusim/run_inputs.hpp"

namespace mcusim::cli {
namespace {

compiler::Tensor int8_input(int elements) {
  compiler::Tensor t;
  t.name = "x";
  t.type = compiler::ElementType::Int8;
  t.type_name = "INT8";
  t.shape = {1, elements};
  t.quantization = compiler::Quantization{{0.5f}, {0}, 0};
  return t;
}

std::filesystem::path write_npy(const std::string& name, const std::vector<float>& values) {
  const auto dir = std::filesystem::temp_directory_path() / "mcusim_fuzz_regression_input";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  const auto bytes = test::npy_bytes("<f4", {static_cast<std::int64_t>(values.size())}, values.data(),
                                     values.size() * sizeof(float));
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
  return path;
}

TEST(FuzzRegressionInputTensor, FloatNanInputIsRefusedNamingTheElement) {
  const auto path = write_npy("nan.npy", {1.0f, std::numeric_limits<float>::quiet_NaN()});
  try {
    (void)read_input_tensors(path, int8_input(2));
    ADD_FAILURE() << "a NaN input was quantized";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("element 1 is NaN"), std::string::npos) << e.what();
    EXPECT_NE(e.advice().find("finite"), std::string::npos) << e.advice();
  }
}

TEST(FuzzRegressionInputTensor, InfinitiesStillClampToTheInt8Range) {
  // q = round(x / 0.5) + 0, clamped to [-128, 127] (TFLite AffineQuantize).
  const auto path = write_npy("inf.npy", {std::numeric_limits<float>::infinity(),
                                          -std::numeric_limits<float>::infinity()});
  const auto tensors = read_input_tensors(path, int8_input(2));
  ASSERT_EQ(tensors.size(), 1u);
  EXPECT_EQ(static_cast<std::int8_t>(tensors[0][0]), 127);
  EXPECT_EQ(static_cast<std::int8_t>(tensors[0][1]), -128);
}

}  // namespace
}  // namespace mcusim::cli
