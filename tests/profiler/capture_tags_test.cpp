// The guest's capture tags and paint words (runtime/harness/mcusim_capture.h,
// runtime/device/startup.h) are the numbers the profiler reads them by.
#include "profiler/model_profile.hpp"

extern "C" {
#include "runtime/harness/mcusim_capture_tags.h"
}

#include <gtest/gtest.h>

namespace mcusim::profiler {
namespace {

constexpr std::uint32_t kStartupStackPaint = 0xC5C5C5C5u;  // MCUSIM_STACK_PAINT, startup.h

TEST(CaptureTags, GuestAndHostAgree) {
  EXPECT_EQ(MCUSIM_CAPTURE_OUTPUT, capture_tag::kOutput);
  EXPECT_EQ(MCUSIM_CAPTURE_ARENA, capture_tag::kArena);
  EXPECT_EQ(MCUSIM_CAPTURE_STACK, capture_tag::kStack);
  EXPECT_EQ(MCUSIM_CAPTURE_TENSOR_BASE, capture_tag::kTensorBase);
  EXPECT_EQ(MCUSIM_ARENA_PAINT, kArenaPaint);
  EXPECT_EQ(kStartupStackPaint, kStackPaint);
}

}  // namespace
}  // namespace mcusim::profiler
