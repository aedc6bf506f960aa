// tests/fuzz_regressions/synthetic_calibration_with_a_batch_test.cpp — found
// with fuzz/fuzz_model_spec.cpp (164 k executions): a float spec whose input
// has a batch above 1 and a generated calibration set
// (`calibration = { distribution = "uniform", ... }`). The parser generated
// samples x (input elements / batch) values, but the quantizer reads samples
// x input elements (a sample is the whole input, as a .npy set's row is), so
// it read past the end of the set (ASan: heap-buffer-overflow in
// calibration_ranges). Now a generated sample is the whole input.
#include <gtest/gtest.h>

#include <string>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "tests/runtime/compiler/spec_files.hpp"

namespace mcusim::compiler {
namespace {

TEST(FuzzRegressionModelSpec, AGeneratedCalibrationSetHoldsWholeBatchedInputs) {
  const test::SpecDir dir;
  const auto spec = dir.write("batch.toml", R"(name = "batch"
[input]
shape = [2, 3]
calibration = { distribution = "uniform", low = -1.0, high = 1.0, samples = 4, seed = 1 }
[[layer]]
kind = "fully_connected"
units = 2
weights = { init = "glorot_uniform", seed = 2 }
)");
  SpecNetwork net = parse_model_spec(spec);
  EXPECT_EQ(net.calibration_samples, 4);
  EXPECT_EQ(net.calibration.size(), 4u * 2u * 3u);  // 4 samples of the whole [2, 3] input
  quantize_network(net);                             // read 24 values, not past them
  ASSERT_TRUE(net.input_quant.has_value());
  EXPECT_GT(net.input_quant->scale, 0.0f);
}

}  // namespace
}  // namespace mcusim::compiler
