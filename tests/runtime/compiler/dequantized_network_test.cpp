// tests/runtime/compiler/dequantized_network_test.cpp — the int8 model's
// parameters in real numbers (dequantized_network) and the float pass that
// rounds every activation to its int8 grid, against values worked on paper
// with TFLite's real = scale × (q − zero point).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "runtime/compiler/dequantized_network.hpp"
#include "runtime/compiler/float_reference.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "tests/runtime/compiler/one_unit_network.hpp"

namespace mcusim::compiler {
namespace {

// y = x0 - x1 + 0.25 calibrated on (1, 0) and (0, 2), as quantizer_test's:
// input scale 2/255 (zero point -128), output scale 3/255 (zero point 21),
// weights +-127 at scale 1/127, bias 4048.
SpecNetwork quantized_one_unit() {
  SpecNetwork net = test::one_unit(Activation::None);
  quantize_network(net);
  return net;
}

TEST(RuntimeDequantizedNetwork, WeightsAndBiasAreTheInt8ValuesTheyStandFor) {
  const SpecNetwork net = dequantized_network(quantized_one_unit());
  ASSERT_TRUE(net.is_float);
  const SpecLayer& fc = net.layers[0];
  // +-127 x 1/127.
  EXPECT_FLOAT_EQ(fc.weights[0], 1.0f);
  EXPECT_FLOAT_EQ(fc.weights[1], -1.0f);
  // 4048 x 2/255 x 1/127 = 8096/32385 = 0.2499923, not the 0.25 the spec gave.
  EXPECT_FLOAT_EQ(fc.bias[0], static_cast<float>(4048.0 * (2.0 / 255.0) * (1.0 / 127.0)));
  EXPECT_NE(fc.bias[0], 0.25f);
  EXPECT_EQ(fc.output_quant->zero_point, 21);  // the quantizations are kept
}

// A layer with per-channel scales {0.5, 0.25} and weights 1, 2, 3, 4.
SpecNetwork two_channels(LayerKind kind, std::vector<std::int32_t> weight_shape) {
  SpecNetwork net;
  net.input_quant = ActivationQuant{1.0f, 0};
  SpecLayer layer;
  layer.kind = kind;
  layer.weight_shape = std::move(weight_shape);
  layer.weights_q = {1, 2, 3, 4};
  layer.weight_scales = {0.5f, 0.25f};
  layer.bias_q = {10, 10};
  layer.output_quant = ActivationQuant{1.0f, 0};
  net.layers.push_back(layer);
  return net;
}

TEST(RuntimeDequantizedNetwork, ConvScalesRunAlongTheFirstAxis) {
  // [filters 2, h 1, w 1, in 2]: filter 0 is {1, 2}, filter 1 is {3, 4}.
  const SpecLayer conv = dequantized_network(two_channels(LayerKind::Conv2D, {2, 1, 1, 2})).layers[0];
  EXPECT_EQ(conv.weights, (std::vector<float>{0.5f, 1.0f, 0.75f, 1.0f}));
  EXPECT_EQ(conv.bias, (std::vector<float>{5.0f, 2.5f}));  // 10 x 1 x scale
}

TEST(RuntimeDequantizedNetwork, DepthwiseScalesRunAlongTheLastAxis) {
  // [1, h 1, w 2, channels 2]: channels alternate, {1, 3} and {2, 4}.
  const SpecLayer dw = dequantized_network(two_channels(LayerKind::DepthwiseConv2D, {1, 1, 2, 2})).layers[0];
  EXPECT_EQ(dw.weights, (std::vector<float>{0.5f, 0.5f, 1.5f, 1.0f}));
}

TEST(RuntimeDequantizedNetwork, TheGridPassRoundsAndSaturatesEachActivation) {
  const SpecNetwork net = dequantized_network(quantized_one_unit());
  const double step = 3.0 / 255.0;
  // (1, 0): 1 + 0.2499923 = 1.2499923 = 106.2493 steps above zero point 21:
  // level 21 + 106 = 127.
  const std::vector<float> top = {1.0f, 0.0f};
  EXPECT_NEAR(float_forward(net, top, FloatPassRounding::ToActivationGrid)[0][0], 106 * step, 1e-6);
  EXPECT_NEAR(float_forward(net, top)[0][0], 1.2499923, 1e-6);
  // (0, 2): -1.7500077 = -148.7507 steps: level 21 - 149 = -128, the lowest.
  const std::vector<float> bottom = {0.0f, 2.0f};
  EXPECT_NEAR(float_forward(net, bottom, FloatPassRounding::ToActivationGrid)[0][0], -149 * step, 1e-6);
  // (0, 3), beyond the calibrated range: -2.7500077 saturates to -128 too.
  const std::vector<float> beyond = {0.0f, 3.0f};
  EXPECT_NEAR(float_forward(net, beyond, FloatPassRounding::ToActivationGrid)[0][0], -149 * step, 1e-6);
}

}  // namespace
}  // namespace mcusim::compiler
