// tests/runtime/compiler/model_spec_test.cpp — the model spec reader: what an
// int8 spec becomes (run bit-exact through the host interpreter against a
// case worked by hand), and every mistake refused with the file, the place
// and advice.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "tests/runtime/compiler/spec_files.hpp"

namespace mcusim::compiler {
namespace {

using test::bad_input_message;
using test::npy_floats;
using test::SpecDir;

// An int8 spec: y = hard_tanh(fc(x)), one unit on two inputs.
//   input scale 0.5, zero point 1; weights [2, -3] x 0.25; bias 10 (scale
//   0.5 x 0.25 = 0.125); fc output scale 0.25, zero point 0; hard_tanh output
//   scale 1/64, zero point 0.
constexpr std::string_view kInt8Spec = R"(name = "tiny"
[input]
shape = [1, 2]
scale = 0.5
zero_point = 1

[[layer]]
kind = "fully_connected"
name = "fc"
units = 1
weights = [[2, -3]]
weight_scale = 0.25
bias = [10]
output_scale = 0.25
output_zero_point = 0

[[layer]]
kind = "hard_tanh"
output_scale = 0.015625
output_zero_point = 0
)";

TEST(RuntimeModelSpec, Int8SpecBecomesAModel) {
  SpecDir dir;
  const Model model = load_model_spec(dir.write("tiny.toml", kInt8Spec));
  ASSERT_EQ(model.operators.size(), 2u);
  EXPECT_EQ(model.operators[0].kind, OpKind::FullyConnected);
  EXPECT_EQ(model.operators[1].kind, OpKind::HardTanh);
  const Tensor& bias = model.tensors[static_cast<std::size_t>(model.operators[0].inputs[2])];
  EXPECT_EQ(bias.type, ElementType::Int32);
  EXPECT_FLOAT_EQ(bias.scale(), 0.125f);  // input scale x weight scale
  const Tensor& out = model.tensors[static_cast<std::size_t>(model.outputs[0])];
  EXPECT_EQ(out.name, "hard_tanh_1");  // an unnamed layer is named <kind>_<index>
  EXPECT_EQ(out.shape, (std::vector<std::int32_t>{1, 1}));
}

TEST(RuntimeModelSpec, Int8SpecRunsBitExactAgainstAHandWorkedCase) {
  SpecDir dir;
  const Model model = load_model_spec(dir.write("tiny.toml", kInt8Spec));
  HostInterpreter interpreter(model);
  const int fc_output = model.operators[0].outputs[0];
  struct Case {
    std::int8_t x0, x1;
    std::int8_t fc, out;
  };
  // acc = (x0 - 1) * 2 + (x1 - 1) * -3 + 10; the fc multiplier is
  // 0.5 * 0.25 / 0.25 = 0.5 (2^30, shift 0), so fc = acc / 2 rounded as
  // SaturatingRoundingDoublingHighMul does (ties toward +inf); hard_tanh
  // multiplies by 0.25 / (1/64) = 16 and clamps to q(+-1) = +-64.
  const std::vector<Case> cases{
      {5, -3, 15, 64},   // acc 30 -> 15 (3.75), clamped to 1.0
      {1, 2, 4, 64},     // acc 7 -> 3.5 -> 4
      {0, 4, 0, 0},      // acc -1 -> -0.5 -> 0 (the tie goes up)
      {1, 3, 2, 32},     // acc 4 -> 2 (0.5) -> 32 (0.5)
      {-2, 3, -1, -16},  // acc -2 -> -1 (-0.25) -> -16 (-0.25)
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> input{static_cast<std::uint8_t>(c.x0), static_cast<std::uint8_t>(c.x1)};
    interpreter.set_input(0, input);
    interpreter.invoke();
    EXPECT_EQ(static_cast<std::int8_t>(interpreter.tensor(fc_output)[0]), c.fc) << int{c.x0} << ", " << int{c.x1};
    EXPECT_EQ(static_cast<std::int8_t>(interpreter.output(0)[0]), c.out) << int{c.x0} << ", " << int{c.x1};
  }
}

TEST(RuntimeModelSpec, FloatSpecWithConvPoolAndSoftmaxIsQuantized) {
  SpecDir dir;
  // 4x4x1 input -> conv 2 filters 3x3 same -> max pool 2x2 -> flatten -> fc 3 -> softmax.
  std::vector<float> calibration;
  for (int i = 0; i < 3 * 16; ++i) calibration.push_back(static_cast<float>((i * 7) % 11) / 10.0f - 0.5f);
  dir.write("cal.npy", npy_floats({3, 4, 4, 1}, calibration));
  std::vector<float> conv(2 * 3 * 3 * 1);
  for (std::size_t i = 0; i < conv.size(); ++i) conv[i] = static_cast<float>(i % 5) * 0.1f - 0.2f;
  dir.write("conv_w.npy", npy_floats({2, 3, 3, 1}, conv));
  std::vector<float> fc(3 * 8);
  for (std::size_t i = 0; i < fc.size(); ++i) fc[i] = static_cast<float>(i % 7) * 0.1f - 0.3f;
  dir.write("fc_w.npy", npy_floats({3, 8}, fc));
  const auto spec = dir.write("net.toml", R"(name = "small-cnn"
[input]
shape = [1, 4, 4, 1]
calibration = "cal.npy"
[[layer]]
kind = "conv_2d"
filters = 2
kernel = 3
padding = "same"
activation = "relu"
weights = "conv_w.npy"
bias = [0.1, -0.1]
[[layer]]
kind = "max_pool_2d"
pool = 2
[[layer]]
kind = "flatten"
[[layer]]
kind = "fully_connected"
units = 3
weights = "fc_w.npy"
[[layer]]
kind = "softmax"
)");
  const Model model = load_model_spec(spec);
  ASSERT_EQ(model.operators.size(), 5u);
  const Tensor& pooled = model.tensors[static_cast<std::size_t>(model.operators[1].outputs[0])];
  EXPECT_EQ(pooled.shape, (std::vector<std::int32_t>{1, 2, 2, 2}));
  const Tensor& conv_out = model.tensors[static_cast<std::size_t>(model.operators[0].outputs[0])];
  EXPECT_EQ(pooled.scale(), conv_out.scale());  // pooling keeps its input's quantization
  const Tensor& out = model.tensors[static_cast<std::size_t>(model.outputs[0])];
  EXPECT_EQ(out.scale(), 1.0f / 256.0f);
  EXPECT_EQ(out.zero_point(), -128);
  HostInterpreter interpreter(model);
  interpreter.set_input(0, std::vector<std::uint8_t>(16, 0));
  interpreter.invoke();
  int sum = 0;  // softmax outputs add up to about 1.0 = 256 steps
  for (std::uint8_t q : interpreter.output(0)) sum += static_cast<std::int8_t>(q) + 128;
  EXPECT_NEAR(sum, 256, 3);
}

// ---- errors: one test each; every message names the spec, the place, and
// comes with advice ---------------------------------------------------------------

constexpr std::string_view kFloatHead = R"(name = "m"
[input]
shape = [1, 2]
calibration = "cal.npy"
)";

class RuntimeModelSpecErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("cal.npy", npy_floats({2, 2}, {0.0f, 1.0f, -1.0f, 0.5f}));
    dir_.write("w.npy", npy_floats({3, 2}, {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}));
  }
  // The error loading `text` gives; `line` is where it must point.
  std::string error(std::string_view text, int line) {
    const auto spec = dir_.write("spec.toml", text);
    const std::string m = bad_input_message([&] { load_model_spec(spec); });
    EXPECT_NE(m.find(spec.string() + ":" + std::to_string(line) + ":"), std::string::npos)
        << "expected line " << line << " in: " << m;
    return m;
  }
  SpecDir dir_;
};

TEST_F(RuntimeModelSpecErrors, MissingSpecFile) {
  const std::string m = bad_input_message([&] { load_model_spec(dir_.path() / "absent.toml"); });
  EXPECT_NE(m.find("absent.toml: cannot open the model spec"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, TomlSyntax) {
  const std::string m = error("name = \"m\"\n[input\n", 2);
  EXPECT_NE(m.find("TOML syntax error"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, MisspeltTopLevelKey) {
  const std::string m = error(std::string(kFloatHead) + "[[layers]]\nkind = \"relu\"\n", 5);
  EXPECT_NE(m.find("unknown key 'layers' at the top level; did you mean 'layer'?"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, InputWithoutCalibrationOrQuantization) {
  const std::string m = error("name = \"m\"\n[input]\nshape = [1, 2]\n[[layer]]\nkind = \"relu\"\n", 2);
  EXPECT_NE(m.find("[input] needs a calibration set or its int8 quantization"), std::string::npos) << m;
  EXPECT_NE(m.find("calibration = "), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, UnknownLayerKind) {
  const std::string m = error(std::string(kFloatHead) + "[[layer]]\nkind = \"fully_conected\"\nunits = 3\n", 6);
  EXPECT_NE(m.find("unknown layer kind 'fully_conected' in layer 0; did you mean 'fully_connected'?"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("hard_tanh"), std::string::npos) << m;  // the advice lists the kinds
}

TEST_F(RuntimeModelSpecErrors, UnknownActivation) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"fully_connected\"\nunits = 3\nactivation = \"hardtanh\"\n"
                                  "weights = \"w.npy\"\n",
                              8);
  EXPECT_NE(m.find("unknown activation 'hardtanh' in layer 0 ('fully_connected_0'); did you mean 'hard_tanh'?"),
            std::string::npos)
      << m;
}

TEST_F(RuntimeModelSpecErrors, MisspeltLayerKey) {
  const std::string m = error(std::string(kFloatHead) + "[[layer]]\nkind = \"fully_connected\"\nunit = 3\n", 7);
  EXPECT_NE(m.find("unknown key 'unit' in layer 0 ('fully_connected_0'); did you mean 'units'?"), std::string::npos)
      << m;
  EXPECT_NE(m.find("write units = 16"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, MissingNpyFile) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"fully_connected\"\nname = \"fc1\"\nunits = 3\n"
                                  "weights = \"missing.npy\"\n",
                              9);
  EXPECT_NE(m.find("weights in layer 0 ('fc1'): "), std::string::npos) << m;
  EXPECT_NE(m.find("missing.npy: cannot open the .npy file"), std::string::npos) << m;
  EXPECT_NE(m.find("relative to the spec file's folder"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, WeightsOfTheWrongShape) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"fully_connected\"\nname = \"fc1\"\nunits = 4\n"
                                  "weights = \"w.npy\"\n",
                              9);
  EXPECT_NE(m.find("weights in layer 0 ('fc1') have shape (3, 2), expected (4, 2)"), std::string::npos) << m;
  EXPECT_NE(m.find("[units, inputs]"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, LayerThatCannotTakeItsInput) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"conv_2d\"\nfilters = 2\nkernel = 3\nweights = \"w.npy\"\n",
                              5);
  EXPECT_NE(m.find("conv_2d in layer 0 ('conv_2d_0') cannot take its input of shape [1, 2]"), std::string::npos)
      << m;
  EXPECT_NE(m.find("add a reshape layer"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, ReshapeToTheWrongSize) {
  const std::string m = error(std::string(kFloatHead) + "[[layer]]\nkind = \"reshape\"\nshape = [1, 3]\n", 5);
  EXPECT_NE(m.find("shape [1, 3] holds 3 elements, the input 2"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, CalibrationSetOfTheWrongShape) {
  dir_.write("cal3.npy", npy_floats({2, 3}, {0, 0, 0, 0, 0, 0}));
  const std::string m =
      error("name = \"m\"\n[input]\nshape = [1, 2]\ncalibration = \"cal3.npy\"\n[[layer]]\nkind = \"relu\"\n", 4);
  EXPECT_NE(m.find("calibration set has shape (2, 3), which is not samples x input shape [1, 2]"), std::string::npos)
      << m;
}

TEST_F(RuntimeModelSpecErrors, Int8KeyInAFloatSpec) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"fully_connected\"\nunits = 3\nweights = \"w.npy\"\n"
                                  "output_scale = 0.1\n",
                              9);
  EXPECT_NE(m.find("output_scale in layer 0 ('fully_connected_0') belongs in an int8 spec"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, FloatWeightsInAnInt8Spec) {
  const std::string m = error(
      "name = \"m\"\n[input]\nshape = [1, 2]\nscale = 0.5\nzero_point = 0\n[[layer]]\nkind = \"fully_connected\"\n"
      "units = 3\nweights = \"w.npy\"\nweight_scale = 0.1\noutput_scale = 0.1\noutput_zero_point = 0\n",
      9);
  EXPECT_NE(m.find("w.npy holds float32, expected int8"), std::string::npos) << m;
  EXPECT_NE(m.find("weight_scale"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, Int8WeightOfMinus128) {
  const std::string m = error(
      "name = \"m\"\n[input]\nshape = [1, 2]\nscale = 0.5\nzero_point = 0\n[[layer]]\nkind = \"fully_connected\"\n"
      "units = 1\nweights = [[-128, 1]]\nweight_scale = 0.1\noutput_scale = 0.1\noutput_zero_point = 0\n",
      9);
  EXPECT_NE(m.find("hold -128"), std::string::npos) << m;
  EXPECT_NE(m.find("[-127, 127]"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, PerChannelScalesThatDoNotMatchTheChannels) {
  const std::string m = error(
      "name = \"m\"\n[input]\nshape = [1, 2]\nscale = 0.5\nzero_point = 0\n[[layer]]\nkind = \"fully_connected\"\n"
      "units = 2\nweights = [[1, 1], [2, 2]]\nweight_scale = [0.1, 0.2, 0.3]\noutput_scale = 0.1\n"
      "output_zero_point = 0\n",
      10);
  EXPECT_NE(m.find("weight_scale in layer 0 ('fully_connected_0') has 3 scales for 2 output channels"),
            std::string::npos)
      << m;
}

TEST_F(RuntimeModelSpecErrors, MissingOutputQuantizationInAnInt8Spec) {
  const std::string m = error(
      "name = \"m\"\n[input]\nshape = [1, 2]\nscale = 0.5\nzero_point = 0\n[[layer]]\nkind = \"relu\"\n", 6);
  EXPECT_NE(m.find("missing required key 'output_scale' in layer 0 ('relu_0')"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, AddOfAnUnknownLayer) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"relu\"\nname = \"r1\"\n[[layer]]\nkind = \"relu\"\n"
                                  "[[layer]]\nkind = \"add\"\nwith = \"r2\"\n",
                              12);
  EXPECT_NE(m.find("adds 'r2', which is no earlier layer; did you mean 'r1'?"), std::string::npos) << m;
}

TEST_F(RuntimeModelSpecErrors, DuplicateLayerName) {
  const std::string m = error(std::string(kFloatHead) +
                                  "[[layer]]\nkind = \"relu\"\nname = \"a\"\n[[layer]]\nkind = \"relu\"\nname = \"a\"\n",
                              10);
  EXPECT_NE(m.find("layer name 'a' in layer 1 is empty, reserved or used before"), std::string::npos) << m;
}

}  // namespace
}  // namespace mcusim::compiler
