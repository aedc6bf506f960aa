// One model run's profile from its markers and captures (profiler/model_profile.cpp).
#include "profiler/model_profile.hpp"

#include "sim/error.hpp"

#include <gtest/gtest.h>

namespace mcusim::profiler {
namespace {

using namespace marker_port;

TraceMarker at(std::uint8_t port, std::uint32_t value, std::uint64_t cycle) { return {port, value, cycle, 0}; }

// Start-up until cycle 50, then two inferences of two layers each.
RunResult two_inferences() {
  RunResult run;
  run.markers = {at(kInferenceBegin, 0, 50), at(kLayerBegin, 0, 55),  at(kLayerEnd, 0, 95),
                 at(kLayerBegin, 1, 100),    at(kLayerEnd, 1, 120),   at(kInferenceEnd, 0, 130),
                 at(kInferenceBegin, 1, 200), at(kLayerBegin, 0, 204), at(kLayerEnd, 0, 234),
                 at(kLayerBegin, 1, 238),    at(kLayerEnd, 1, 258),   at(kInferenceEnd, 1, 262)};
  std::vector<std::uint8_t> arena(16, 0);
  for (std::size_t i = 0; i < arena.size(); ++i) arena[i] = static_cast<std::uint8_t>(kArenaPaint >> (8 * (i % 4)));
  arena[5] = 0;  // used up to the end of the second word
  std::vector<std::uint8_t> stack(16, 0xC5);
  stack[5] = 0;
  run.captures = {{capture_tag::kTensorBase + 3, 0, 90, {9}},
                  {capture_tag::kOutput, 0, 131, {1, 2}},
                  {capture_tag::kOutput, 0, 263, {3, 4}},
                  {capture_tag::kArena, 0, 270, arena},
                  {capture_tag::kStack, 0, 271, stack}};
  return run;
}

const std::vector<LayerInfo> kLayers = {{"fc1", "FULLY_CONNECTED", 576}, {"act1", "RELU_N1_TO_1", 0}};

TEST(ModelProfile, SplitsColdAndWarmInferencesAndLayers) {
  const ModelProfile profile = profile_model_run(two_inferences(), kLayers);
  EXPECT_EQ(profile.startup_cycles, 50u);
  EXPECT_EQ(profile.cold_cycles, 80u);  // 130 - 50
  EXPECT_EQ(profile.warm.count, 1u);
  EXPECT_EQ(profile.warm.max, 62u);      // 262 - 200
  EXPECT_EQ(profile.worst_cycles, 80u);
  EXPECT_EQ(profile.between_layers_cycles_cold, 20u);  // 80 - 40 - 20
  ASSERT_EQ(profile.layers.size(), 2u);
  EXPECT_EQ(profile.layers[0].cold_cycles, 40u);
  EXPECT_EQ(profile.layers[0].warm.mean, 30.0);
  EXPECT_EQ(profile.layers[1].info.op, "RELU_N1_TO_1");
  EXPECT_EQ(profile.outputs, (std::vector<std::vector<std::uint8_t>>{{1, 2}, {3, 4}}));
  EXPECT_EQ(profile.arena_peak_bytes, 8u);
  EXPECT_EQ(profile.stack_peak_bytes, 12u);  // 16 - 4: the word at offset 4 is the lowest written
  ASSERT_EQ(profile.tensors.size(), 1u);
  EXPECT_EQ(profile.tensors[0].tensor, 3u);
  EXPECT_EQ(profile.tensors[0].inference, 0u);
}

TEST(ModelProfile, AMissingOutputIsAnInternalError) {
  RunResult run = two_inferences();
  run.captures.erase(run.captures.begin() + 2);
  EXPECT_THROW(profile_model_run(run, kLayers), Error);
}

TEST(ModelProfile, ALayerThePlanDoesNotHaveIsAnInternalError) {
  EXPECT_THROW(profile_model_run(two_inferences(), {kLayers[0]}), Error);
}

TEST(ModelProfile, ARunWithoutInferencesIsAnInternalError) {
  EXPECT_THROW(profile_model_run(RunResult{}, kLayers), Error);
}

}  // namespace
}  // namespace mcusim::profiler
