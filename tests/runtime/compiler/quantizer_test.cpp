// tests/runtime/compiler/quantizer_test.cpp — the int8 quantizer against
// values worked out on paper from the TFLite int8 quantization specification
// (tensorflow.org/lite/performance/quantization_spec): activations
// scale = (max - min) / 255 and zero point round(-128 - min / scale) over a
// range widened to include 0; weights scale = max|w| / 127 per output channel,
// values round(w / scale); bias scale = input scale x weight scale.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "runtime/compiler/quantizer.hpp"
#include "tests/runtime/compiler/one_unit_network.hpp"

namespace mcusim::compiler {
namespace {

TEST(RuntimeQuantizer, ActivationRangeOnBothSidesOfZero) {
  // [-0.5, 1.5]: scale 2/255; zero point -128 + 0.5 * 255/2 = -64.25 -> -64.
  const ActivationQuant q = asymmetric_quantization({-0.5f, 1.5f});
  EXPECT_FLOAT_EQ(q.scale, 2.0f / 255.0f);
  EXPECT_EQ(q.zero_point, -64);
}

TEST(RuntimeQuantizer, ActivationRangeIsWidenedToIncludeZero) {
  // [0.2, 1.0] -> [0, 1]: scale 1/255, zero point -128 (0.0 is q = -128).
  const ActivationQuant positive = asymmetric_quantization({0.2f, 1.0f});
  EXPECT_FLOAT_EQ(positive.scale, 1.0f / 255.0f);
  EXPECT_EQ(positive.zero_point, -128);
  // [-3, -1] -> [-3, 0]: scale 3/255, zero point -128 + 255 = 127.
  const ActivationQuant negative = asymmetric_quantization({-3.0f, -1.0f});
  EXPECT_FLOAT_EQ(negative.scale, 3.0f / 255.0f);
  EXPECT_EQ(negative.zero_point, 127);
}

TEST(RuntimeQuantizer, HardTanhRangeRoundsItsHalfStepAwayFromZero) {
  // [-1, 1]: scale 2/255 = 0.0078431372...; as a float it is 0.0078431377,
  // a hair above, so -128 - (-1 / scale) is -0.5000076 in float, which
  // rounds to -1.
  const ActivationQuant q = asymmetric_quantization({-1.0f, 1.0f});
  EXPECT_FLOAT_EQ(q.scale, 2.0f / 255.0f);
  EXPECT_EQ(q.zero_point, -1);
}

TEST(RuntimeQuantizer, AllZeroRangeGetsAUsableScale) {
  const ActivationQuant q = asymmetric_quantization({0.0f, 0.0f});
  EXPECT_GT(q.scale, 0.0f);
  EXPECT_EQ(q.zero_point, -128);
}

TEST(RuntimeQuantizer, TwoWeightsOneChannel) {
  // max|w| = 0.5: scale 0.5/127; 0.5 -> 127, -0.2 * 254 = -50.8 -> -51.
  const std::vector<float> w{0.5f, -0.2f};
  const std::vector<std::int32_t> shape{1, 2};
  const SymmetricWeights q = quantize_weights_symmetric(w, shape, 0, WeightGranularity::PerChannel);
  ASSERT_EQ(q.scales.size(), 1u);
  EXPECT_FLOAT_EQ(q.scales[0], 0.5f / 127.0f);
  EXPECT_EQ(q.values, (std::vector<std::int8_t>{127, -51}));
}

TEST(RuntimeQuantizer, WeightsPerChannelAndPerTensor) {
  const std::vector<float> w{0.5f, -0.2f, 0.1f, 0.03f};  // [2, 2]: rows are output channels
  const std::vector<std::int32_t> shape{2, 2};
  // Per channel: row 1 has max 0.1, scale 0.1/127; 0.03 * 1270 = 38.1 -> 38.
  const SymmetricWeights per_channel = quantize_weights_symmetric(w, shape, 0, WeightGranularity::PerChannel);
  ASSERT_EQ(per_channel.scales.size(), 2u);
  EXPECT_FLOAT_EQ(per_channel.scales[1], 0.1f / 127.0f);
  EXPECT_EQ(per_channel.values, (std::vector<std::int8_t>{127, -51, 127, 38}));
  // Per tensor: one scale 0.5/127 (x 254): 0.1 -> 25.4 -> 25, 0.03 -> 7.62 -> 8.
  const SymmetricWeights per_tensor = quantize_weights_symmetric(w, shape, 0, WeightGranularity::PerTensor);
  ASSERT_EQ(per_tensor.scales.size(), 1u);
  EXPECT_EQ(per_tensor.values, (std::vector<std::int8_t>{127, -51, 25, 8}));
}

TEST(RuntimeQuantizer, DepthwiseWeightsAreQuantizedAlongTheLastAxis) {
  // [1, 1, 2, 2]: channels are the last dimension; channel 0 holds 0.5 and
  // 0.25 (scale 0.5/127), channel 1 holds -0.1 and 0.05 (scale 0.1/127).
  const std::vector<float> w{0.5f, -0.1f, 0.25f, 0.05f};
  const std::vector<std::int32_t> shape{1, 1, 2, 2};
  const SymmetricWeights q = quantize_weights_symmetric(w, shape, 3, WeightGranularity::PerChannel);
  ASSERT_EQ(q.scales.size(), 2u);
  EXPECT_FLOAT_EQ(q.scales[0], 0.5f / 127.0f);
  EXPECT_FLOAT_EQ(q.scales[1], 0.1f / 127.0f);
  // 0.25 * 254 = 63.5 exactly in float: halves go away from zero -> 64;
  // 0.05 * 1270 = 63.5000009 -> 64.
  EXPECT_EQ(q.values, (std::vector<std::int8_t>{127, -127, 64, 64}));
}

TEST(RuntimeQuantizer, BiasScaleIsInputScaleTimesWeightScale) {
  // 0.1 / (0.5 * 0.01) = 20; -0.3 / (0.5 * 0.02) = -30.
  const std::vector<float> bias{0.1f, -0.3f};
  const std::vector<float> weight_scales{0.01f, 0.02f};
  EXPECT_EQ(quantize_bias(bias, 0.5f, weight_scales), (std::vector<std::int32_t>{20, -30}));
  // A per-tensor weight scale is broadcast; a value beyond int32 saturates.
  const std::vector<float> huge{1.0e6f, -1.0e6f};
  const std::vector<float> tiny{1.0e-6f};
  EXPECT_EQ(quantize_bias(huge, 1.0e-3f, tiny),
            (std::vector<std::int32_t>{std::numeric_limits<std::int32_t>::max(),
                                       -std::numeric_limits<std::int32_t>::max()}));
}

TEST(RuntimeQuantizer, OperatorsWithAFixedOutputQuantization) {
  const ActivationQuant in{0.05f, 3};
  const auto softmax = fixed_output_quantization(LayerKind::Softmax, in);
  ASSERT_TRUE(softmax.has_value());
  EXPECT_EQ(softmax->scale, 1.0f / 256.0f);
  EXPECT_EQ(softmax->zero_point, -128);
  const auto tanh = fixed_output_quantization(LayerKind::Tanh, in);
  ASSERT_TRUE(tanh.has_value());
  EXPECT_EQ(tanh->scale, 1.0f / 128.0f);
  EXPECT_EQ(tanh->zero_point, 0);
  for (LayerKind kind : {LayerKind::MaxPool2D, LayerKind::AveragePool2D, LayerKind::Reshape, LayerKind::Relu6}) {
    const auto same = fixed_output_quantization(kind, in);
    ASSERT_TRUE(same.has_value());
    EXPECT_EQ(same->scale, in.scale);
    EXPECT_EQ(same->zero_point, in.zero_point);
  }
  EXPECT_FALSE(fixed_output_quantization(LayerKind::FullyConnected, in).has_value());
  EXPECT_FALSE(fixed_output_quantization(LayerKind::Relu, in).has_value());
}

using test::one_unit;  // y = x0 - x1 + 0.25, calibrated on (1, 0) and (0, 2)

TEST(RuntimeQuantizer, CalibrationRangesComeFromTheFloatForwardPass) {
  const SpecNetwork net = one_unit(Activation::None);
  const std::vector<FloatRange> ranges = calibration_ranges(net);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].min, 0.0f);  // input
  EXPECT_EQ(ranges[0].max, 2.0f);
  EXPECT_EQ(ranges[1].min, -1.75f);  // 0 - 2 + 0.25
  EXPECT_EQ(ranges[1].max, 1.25f);   // 1 - 0 + 0.25
}

TEST(RuntimeQuantizer, QuantizeNetworkChainsScales) {
  SpecNetwork net = one_unit(Activation::None);
  quantize_network(net);
  // Input [0, 2]: scale 2/255, zero point -128.
  ASSERT_TRUE(net.input_quant.has_value());
  EXPECT_FLOAT_EQ(net.input_quant->scale, 2.0f / 255.0f);
  EXPECT_EQ(net.input_quant->zero_point, -128);
  // Output [-1.75, 1.25]: scale 3/255; -128 + 1.75 * 85 = 20.75 -> 21.
  const SpecLayer& fc = net.layers[0];
  ASSERT_TRUE(fc.output_quant.has_value());
  EXPECT_FLOAT_EQ(fc.output_quant->scale, 3.0f / 255.0f);
  EXPECT_EQ(fc.output_quant->zero_point, 21);
  // Weights +-1: scale 1/127, values +-127; bias 0.25 / (2/255 * 1/127) =
  // 4048.125 -> 4048.
  EXPECT_EQ(fc.weights_q, (std::vector<std::int8_t>{127, -127}));
  EXPECT_FLOAT_EQ(fc.weight_scales[0], 1.0f / 127.0f);
  EXPECT_EQ(fc.bias_q, (std::vector<std::int32_t>{4048}));
}

TEST(RuntimeQuantizer, FusedHardTanhOutputsMinusOneToOne) {
  SpecNetwork net = one_unit(Activation::ReluN1To1);
  quantize_network(net);
  // Calibration sees [-1, 1] after the clamp anyway; the range is [-1, 1]
  // by definition: scale 2/255, zero point -1 (see the test above).
  EXPECT_FLOAT_EQ(net.layers[0].output_quant->scale, 2.0f / 255.0f);
  EXPECT_EQ(net.layers[0].output_quant->zero_point, -1);
}

}  // namespace
}  // namespace mcusim::compiler
