// The runtime's markers become inferences and layers (profiler/inference_markers.cpp).
#include "profiler/inference_markers.hpp"

#include "sim/error.hpp"

#include <gtest/gtest.h>

namespace mcusim::profiler {
namespace {

using namespace marker_port;

TraceMarker at(std::uint8_t port, std::uint32_t value, std::uint64_t cycle) {
  return TraceMarker{port, value, cycle, 0x100};
}

TEST(InferenceSpans, LayersNestInsideTheirInference) {
  const std::vector<TraceMarker> markers = {
      at(kInferenceBegin, 0, 100), at(kLayerBegin, 0, 110), at(kLayerEnd, 0, 150),
      at(kLayerBegin, 1, 160),     at(kLayerEnd, 1, 200),   at(kInferenceEnd, 0, 210),
      at(5, 42, 220),  // a port the runtime does not use: the firmware's own
      at(kInferenceBegin, 1, 300), at(kLayerBegin, 0, 305), at(kLayerEnd, 0, 340),
      at(kInferenceEnd, 1, 350)};
  const auto spans = inference_spans(markers);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].cycles(), 110u);  // 210 - 100
  ASSERT_EQ(spans[0].layers.size(), 2u);
  EXPECT_EQ(spans[0].layers[0].cycles(), 40u);
  EXPECT_EQ(spans[0].layers[1].layer, 1u);
  EXPECT_EQ(spans[0].layers[1].cycles(), 40u);
  // 110 in the inference, 80 in its layers: 30 in the engine between them.
  EXPECT_EQ(spans[0].between_layers_cycles(), 30u);
  EXPECT_EQ(spans[1].index, 1u);
  EXPECT_EQ(spans[1].cycles(), 50u);
  EXPECT_EQ(spans[1].between_layers_cycles(), 15u);
}

TEST(InferenceSpans, NoMarkersNoInferences) { EXPECT_TRUE(inference_spans({}).empty()); }

void expect_malformed(const std::vector<TraceMarker>& markers, const std::string& words) {
  try {
    inference_spans(markers);
    FAIL() << "accepted markers that do not nest";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Internal);
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  }
}

TEST(InferenceSpans, MarkersThatDoNotNestAreRefused) {
  expect_malformed({at(kInferenceBegin, 0, 1), at(kInferenceBegin, 1, 2)}, "inside another");
  expect_malformed({at(kLayerBegin, 0, 1)}, "outside an inference");
  expect_malformed({at(kInferenceEnd, 0, 1)}, "did not begin");
  expect_malformed({at(kInferenceBegin, 0, 1), at(kInferenceEnd, 1, 2)}, "did not begin");
  expect_malformed({at(kInferenceBegin, 0, 1), at(kLayerBegin, 3, 2), at(kLayerEnd, 4, 3)},
                   "did not begin");
  expect_malformed({at(kInferenceBegin, 0, 1), at(kLayerBegin, 0, 2), at(kInferenceEnd, 0, 3)},
                   "inside a layer");
  expect_malformed({at(kInferenceBegin, 0, 1)}, "never ended");
}

}  // namespace
}  // namespace mcusim::profiler
