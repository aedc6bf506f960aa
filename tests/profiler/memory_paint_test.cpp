// Stack and arena high-water marks by paint and scan (profiler/memory_paint.cpp).
#include "profiler/memory_paint.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace mcusim::profiler {
namespace {

constexpr std::uint32_t kPaint = 0xC0DE'5AA5u;

std::vector<std::uint8_t> painted(std::size_t size) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(kPaint >> (8 * (i % 4)));
  return bytes;
}

TEST(StackDepth, UntouchedStackIsZeroDeep) { EXPECT_EQ(stack_depth_bytes(painted(64), kPaint), 0u); }

TEST(StackDepth, DepthRunsFromTheTopToTheLowestWrittenWord) {
  auto stack = painted(64);
  stack[63] = 0;  // the top word
  EXPECT_EQ(stack_depth_bytes(stack, kPaint), 4u);
  stack[21] = 0x11;  // a byte of the word at offset 20: 64 - 20 bytes deep
  EXPECT_EQ(stack_depth_bytes(stack, kPaint), 44u);
}

TEST(StackDepth, AWordRewrittenWithThePaintIsNotSeen) {
  auto stack = painted(32);
  stack[30] = 1;
  // The deeper word at offset 8 was written with the paint value itself:
  // indistinguishable, so the depth is that of offset 28.
  EXPECT_EQ(stack_depth_bytes(stack, kPaint), 4u);
}

TEST(ArenaUsed, RunsFromTheStartToTheHighestWrittenWord) {
  auto arena = painted(40);
  EXPECT_EQ(arena_used_bytes(arena, kPaint), 0u);
  arena[0] = 0;
  EXPECT_EQ(arena_used_bytes(arena, kPaint), 4u);
  arena[17] = 0;  // inside the word at 16: used up to 20
  EXPECT_EQ(arena_used_bytes(arena, kPaint), 20u);
}

TEST(ArenaUsed, AnArenaOfOddSizeCountsItsTailBytes) {
  auto arena = painted(10);  // words at 0, 4 and a 2-byte tail at 8
  arena[9] = 0;
  EXPECT_EQ(arena_used_bytes(arena, kPaint), 10u);
  arena[9] = static_cast<std::uint8_t>(kPaint >> 8);  // repaint it
  arena[5] = 0;
  EXPECT_EQ(arena_used_bytes(arena, kPaint), 8u);
}

}  // namespace
}  // namespace mcusim::profiler
