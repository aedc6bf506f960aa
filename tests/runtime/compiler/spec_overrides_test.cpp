// tests/runtime/compiler/spec_overrides_test.cpp — `--set LAYER.KEY=VALUE`
// on a model spec (runtime/compiler/spec_overrides.*): the text's form, the
// change reaching the parsed network, generated weights where the .npy files
// no longer fit, and each mistake named with the override that made it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/compiler/model_spec.hpp"
#include "sim/error.hpp"
#include "tests/runtime/compiler/spec_files.hpp"

namespace mcusim::compiler {
namespace {

// The trained touch classifier: fc1 36 -> 16, fc2 16 -> 16, logits 16 -> 3,
// float weights in .npy files.
const std::filesystem::path kTouch = std::filesystem::path(MCUSIM_SOURCE_DIR) / "workloads/touch/model.toml";

SpecNetwork touch_with(const std::vector<std::string>& sets) {
  std::vector<SpecOverride> overrides;
  for (const std::string& text : sets) overrides.push_back(parse_spec_override(text));
  return parse_model_spec(kTouch, overrides);
}

TEST(SpecOverride, TextIsLayerDotKeyEqualsValue) {
  const SpecOverride o = parse_spec_override("conv1.kernel=[3, 5]");
  EXPECT_EQ(o.layer, "conv1");
  EXPECT_EQ(o.key, "kernel");
  EXPECT_EQ(o.value, "[3, 5]");
  EXPECT_EQ(o.text, "conv1.kernel=[3, 5]");
  for (const char* bad : {"fc1units=3", "fc1.units", ".units=3", "fc1.=3", "fc1.units="}) {
    try {
      (void)parse_spec_override(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Usage) << bad;
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(SpecOverride, AShapeChangeGeneratesTheWeightsThatNoLongerFit) {
  const SpecNetwork plain = touch_with({});
  const SpecNetwork wider = touch_with({"fc1.units=32"});
  ASSERT_EQ(wider.layers.size(), 3u);
  EXPECT_EQ(wider.layers[0].units, 32);
  EXPECT_EQ(wider.layers[0].weight_shape, (std::vector<std::int32_t>{32, 36}));
  EXPECT_EQ(wider.layers[1].weight_shape, (std::vector<std::int32_t>{16, 32}));  // fc2 takes 32 inputs now
  EXPECT_EQ(wider.layers[0].weights.size(), 32u * 36u);
  EXPECT_EQ(wider.layers[0].bias, std::vector<float>(32, 0.0f));
  // The logits layer still fits its file: its weights are the trained ones.
  EXPECT_EQ(wider.layers[2].weights, plain.layers[2].weights);
  ASSERT_EQ(wider.notes.size(), 2u);
  EXPECT_NE(wider.notes[0].find("'fc1'"), std::string::npos) << wider.notes[0];
  EXPECT_NE(wider.notes[1].find("'fc2'"), std::string::npos) << wider.notes[1];
  EXPECT_TRUE(plain.notes.empty());
}

TEST(SpecOverride, AChangeThatKeepsTheShapesKeepsTheWeights) {
  const SpecNetwork plain = touch_with({});
  const SpecNetwork relu = touch_with({"fc2.activation=relu"});  // a bare word is a string
  EXPECT_EQ(relu.layers[1].activation, Activation::Relu);
  EXPECT_EQ(plain.layers[1].activation, Activation::ReluN1To1);
  for (std::size_t i = 0; i < plain.layers.size(); ++i) EXPECT_EQ(relu.layers[i].weights, plain.layers[i].weights);
  EXPECT_TRUE(relu.notes.empty());
}

TEST(SpecOverride, LayersWithoutANameGoByKindAndIndex) {
  const test::SpecDir dir;
  const auto spec = dir.write("model.toml", R"(name = "unnamed"
[input]
shape = [1, 8]
calibration = { distribution = "uniform", low = -1.0, high = 1.0, samples = 4, seed = 1 }
[[layer]]
kind = "fully_connected"
units = 4
weights = { init = "glorot_uniform", seed = 2 }
[[layer]]
kind = "relu"
)");
  const SpecOverride o = parse_spec_override("fully_connected_0.units=6");
  const SpecNetwork net = parse_model_spec(spec, std::vector<SpecOverride>{o});
  EXPECT_EQ(net.layers[0].output_shape, (std::vector<std::int32_t>{1, 6}));
  EXPECT_TRUE(net.notes.empty());  // generated weights follow the shape by themselves
}

std::string refusal(const std::vector<std::string>& sets) {
  return test::bad_input_message([&] { (void)touch_with(sets); });
}

TEST(SpecOverride, MistakesNameTheOverride) {
  const std::string no_layer = refusal({"fc9.units=3"});
  EXPECT_NE(no_layer.find("--set fc9.units=3"), std::string::npos) << no_layer;
  EXPECT_NE(no_layer.find("did you mean 'fc1'"), std::string::npos) << no_layer;
  EXPECT_NE(no_layer.find("fc1, fc2, logits"), std::string::npos) << no_layer;

  const std::string no_key = refusal({"fc1.unitz=3"});
  EXPECT_NE(no_key.find("no key 'unitz'; did you mean 'units'"), std::string::npos) << no_key;

  const std::string kind = refusal({"fc1.kind=conv_2d"});
  EXPECT_NE(kind.find("kind cannot be set"), std::string::npos) << kind;

  const std::string not_toml = refusal({"fc1.units=[1, 2"});
  EXPECT_NE(not_toml.find("is not a TOML value"), std::string::npos) << not_toml;

  // What the parser finds wrong in the changed spec says it was changed.
  const std::string zero = refusal({"fc1.units=0"});
  EXPECT_NE(zero.find("out of range"), std::string::npos) << zero;
  EXPECT_NE(zero.find("(the spec as changed by --set fc1.units=0)"), std::string::npos) << zero;
}

}  // namespace
}  // namespace mcusim::compiler
