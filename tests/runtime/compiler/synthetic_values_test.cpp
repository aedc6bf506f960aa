// tests/runtime/compiler/synthetic_values_test.cpp — the SplitMix64 generator
// behind generated weights and calibration sets (synthetic_values.hpp), and
// the spec keys that use it (model_spec_synthetic.cpp): fixed values for fixed
// seeds, the layers' fans, `from`, and every mistake refused with the place
// and advice.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/compiler/float_reference.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "runtime/compiler/synthetic_values.hpp"
#include "tests/runtime/compiler/spec_files.hpp"

namespace mcusim::compiler {
namespace {

using test::bad_input_message;
using test::SpecDir;

TEST(RuntimeSyntheticValues, SplitMix64MatchesTheReferenceSequence) {
  // Seed 0: the first output 0xE220A8397B1DCDAF is the value Vigna's
  // splitmix64.c gives; all three follow from the update and mix steps in
  // synthetic_values.hpp (evaluated by hand with 64-bit wrap-around).
  SplitMix64 zero(0);
  EXPECT_EQ(zero.next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(zero.next(), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(zero.next(), 0x06C45D188009454FULL);
  SplitMix64 seven(7);
  EXPECT_EQ(seven.next(), 0x63CBE1E459320DD7ULL);
}

TEST(RuntimeSyntheticValues, UnitIsTheTop24BitsOverTwoToThe24) {
  // Seed 7: next() = 0x63CBE1E459320DD7, 0x044C3CD7F43C661C: top 24 bits
  // 0x63CBE1 = 6540257 and 0x044C3C = 281660.
  SplitMix64 rng(7);
  EXPECT_EQ(rng.unit(), 6540257.0 / 16777216.0);
  EXPECT_EQ(rng.unit(), 281660.0 / 16777216.0);
  SplitMix64 again(7);
  EXPECT_EQ(again.uniform(-1.0, 1.0), static_cast<float>(-1.0 + 2.0 * (6540257.0 / 16777216.0)));
}

TEST(RuntimeSyntheticValues, GlorotUniformDrawsFromItsLimit) {
  // fan_in 3, fan_out 2: limit sqrt(6 / 5); value = -limit + 2 limit x unit.
  const std::vector<float> v = synthetic_values({SyntheticInit::GlorotUniform, 7, 0, 0}, 6, 3.0, 2.0);
  const double limit = std::sqrt(6.0 / 5.0);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0], static_cast<float>(-limit + 2.0 * limit * (6540257.0 / 16777216.0)));
  EXPECT_EQ(v[1], static_cast<float>(-limit + 2.0 * limit * (281660.0 / 16777216.0)));
  EXPECT_FLOAT_EQ(v[0], -0.2413710504770279f);
  EXPECT_FLOAT_EQ(v[2], 0.8780226111412048f);
  for (float x : v) EXPECT_LE(std::abs(x), limit);
  // He-uniform: limit sqrt(6 / fan_in), the same draws.
  const std::vector<float> he = synthetic_values({SyntheticInit::HeUniform, 7, 0, 0}, 1, 3.0, 2.0);
  EXPECT_EQ(he[0], static_cast<float>(-std::sqrt(2.0) + 2.0 * std::sqrt(2.0) * (6540257.0 / 16777216.0)));
  // Zeros ignore the seed; another seed gives other values.
  EXPECT_EQ(synthetic_values({SyntheticInit::Zeros, 7, 0, 0}, 3, 1, 1), std::vector<float>(3, 0.0f));
  EXPECT_NE(synthetic_values({SyntheticInit::GlorotUniform, 8, 0, 0}, 6, 3.0, 2.0), v);
}

constexpr std::string_view kGeneratedSpec = R"(name = "generated"
[input]
shape = [1, 3]
calibration = { distribution = "uniform", low = -1.0, high = 1.0, samples = 4, seed = 1 }

[[layer]]
kind = "fully_connected"
name = "fc"
units = 2
activation = "relu"
weights = { init = "glorot_uniform", seed = 7 }
bias = { init = "uniform", low = -0.5, high = 0.5, seed = 9 }

[[layer]]
kind = "fully_connected"
name = "side"
from = "input"
units = 3
weights = { init = "he_uniform", seed = 11 }

[[layer]]
kind = "add"
with = "input"
)";

TEST(RuntimeModelSpecSynthetic, GeneratedArraysFollowTheSeeds) {
  SpecDir dir;
  const SpecNetwork net = parse_model_spec(dir.write("model.toml", kGeneratedSpec));
  ASSERT_TRUE(net.is_float);
  EXPECT_EQ(net.calibration_samples, 4);
  EXPECT_EQ(net.calibration, synthetic_values({SyntheticInit::Uniform, 1, -1.0, 1.0}, 12, 1, 1));
  // fc: [2 units, 3 inputs], fan_in 3, fan_out 2 — the values of the test above.
  EXPECT_EQ(net.layers[0].weights, synthetic_values({SyntheticInit::GlorotUniform, 7, 0, 0}, 6, 3.0, 2.0));
  EXPECT_EQ(net.layers[0].bias, synthetic_values({SyntheticInit::Uniform, 9, -0.5, 0.5}, 2, 1, 1));
  EXPECT_FALSE(net.layers[1].has_bias);
  // `from = "input"`: side takes the model input, not fc's output.
  EXPECT_EQ(net.layers[1].input_shape, (std::vector<std::int32_t>{1, 3}));
  EXPECT_EQ(net.source_of(1), -1);
  EXPECT_EQ(net.source_of(2), 1);
  EXPECT_EQ(net.layers[1].weights, synthetic_values({SyntheticInit::HeUniform, 11, 0, 0}, 9, 3.0, 3.0));
  // The float pass: add = side(x) + x, whatever fc computed.
  const std::vector<float> x{0.25f, -0.5f, 1.0f};
  const auto outs = float_forward(net, x);
  for (int u = 0; u < 3; ++u) {
    double side = 0.0;
    for (int i = 0; i < 3; ++i) side += static_cast<double>(net.layers[1].weights[static_cast<std::size_t>(u * 3 + i)]) * x[static_cast<std::size_t>(i)];
    EXPECT_NEAR(outs[2][static_cast<std::size_t>(u)], side + x[static_cast<std::size_t>(u)], 1e-6);
  }
  // Loads, quantizes and builds: side's operator reads the model input.
  const Model model = load_model_spec(dir.path() / "model.toml");
  ASSERT_EQ(model.operators.size(), 3u);
  EXPECT_EQ(model.operators[1].inputs[0], model.inputs[0]);
}

TEST(RuntimeModelSpecSynthetic, ConvFansCountTheKernel) {
  SpecDir dir;
  const SpecNetwork net = parse_model_spec(dir.write("model.toml", R"(name = "c"
[input]
shape = [1, 4, 4, 2]
calibration = { distribution = "uniform", low = 0.0, high = 1.0, samples = 1, seed = 1 }
[[layer]]
kind = "conv_2d"
filters = 3
kernel = 3
padding = "same"
weights = { init = "glorot_uniform", seed = 5 }
[[layer]]
kind = "depthwise_conv_2d"
kernel = 3
depth_multiplier = 2
weights = { init = "glorot_uniform", seed = 6 }
)"));
  // conv_2d [3, 3, 3, 2]: fan_in 3 x 3 x 2 = 18, fan_out 3 x 3 x 3 = 27.
  EXPECT_EQ(net.layers[0].weights, synthetic_values({SyntheticInit::GlorotUniform, 5, 0, 0}, 54, 18.0, 27.0));
  // depthwise [1, 3, 3, 6]: fan_in 3 x 3 = 9 taps, fan_out 9 x multiplier 2 = 18.
  EXPECT_EQ(net.layers[1].weights, synthetic_values({SyntheticInit::GlorotUniform, 6, 0, 0}, 54, 9.0, 18.0));
}

std::string spec_error(const SpecDir& dir, std::string_view text) {
  const auto path = dir.write("model.toml", text);
  return bad_input_message([&] { parse_model_spec(path); });
}

constexpr std::string_view kHead = R"(name = "bad"
[input]
shape = [1, 2]
)";

TEST(RuntimeModelSpecSynthetic, MistakesAreRefusedWithThePlaceAndAdvice) {
  SpecDir dir;
  const std::string good_input = "calibration = { distribution = \"uniform\", low = -1.0, high = 1.0, samples = 2, seed = 1 }\n";
  const std::string fc = "[[layer]]\nkind = \"fully_connected\"\nunits = 1\n";
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases{
      {std::string(kHead) + good_input + fc + "weights = { init = \"glorot_unifrom\", seed = 1 }\n",
       "model.toml:8:20: unknown init 'glorot_unifrom' in weights in layer 0 ('fully_connected_0'); did you mean 'glorot_uniform'?"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"glorot_uniform\" }\n", "seed"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"glorot_uniform\", seed = -1 }\n", "out of range"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"glorot_uniform\", sead = 1 }\n", "'seed'"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"he_uniform\", seed = 1, low = 0.0 }\n",
       "low in weights in layer 0 ('fully_connected_0') applies to init = \"uniform\" only"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"uniform\", seed = 1, low = 1.0, high = 1.0 }\n",
       "is not above low"},
      {std::string(kHead) + good_input + fc + "weights = { init = \"zeros\" }\nbias = { seed = 3 }\n", "init"},
      {std::string(kHead) + "calibration = { distribution = \"normal\", low = 0.0, high = 1.0, samples = 2, seed = 1 }\n" + fc +
           "weights = { init = \"zeros\" }\n",
       "model.toml:4:32: unknown distribution 'normal' in calibration in [input]"},
      {std::string(kHead) + "calibration = { distribution = \"uniform\", low = 0.0, high = 1.0, samples = 0, seed = 1 }\n" + fc +
           "weights = { init = \"zeros\" }\n",
       "samples in calibration in [input] = 0 is out of range"},
      {std::string(kHead) + "calibration = { distribution = \"uniform\", low = 0.0, high = 1.0, seed = 1 }\n" + fc +
           "weights = { init = \"zeros\" }\n",
       "samples"},
      {std::string(kHead) + "scale = 0.5\nzero_point = 0\n" + fc +
           "weights = { init = \"zeros\" }\nweight_scale = 0.1\noutput_scale = 0.1\noutput_zero_point = 0\n",
       "is generated ({ init = ... }) in an int8 spec"},
      {std::string(kHead) + good_input + fc + "from = \"inptu\"\nweights = { init = \"zeros\" }\n",
       "takes its input from 'inptu', which is no earlier layer; did you mean 'input'?"},
  };
  for (const Case& c : cases) {
    const std::string message = spec_error(dir, c.text);
    EXPECT_NE(message.find(c.expected), std::string::npos) << "spec:\n" << c.text << "\nmessage:\n" << message;
  }
}

}  // namespace
}  // namespace mcusim::compiler
