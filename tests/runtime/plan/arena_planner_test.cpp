// tests/runtime/plan/arena_planner_test.cpp — the greedy arena planner on
// hand-made lifetimes. Expected offsets are worked out by hand with TFLite
// Micro's rule (arena_planner.hpp): largest first (ties in request order),
// each buffer at the lowest gap among the already placed buffers alive at the
// same time.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "runtime/compiler/arena_planner.hpp"
#include "tests/runtime/plan/plan_test_model.hpp"

namespace mcusim::compiler {
namespace {

TEST(ArenaPlanner, ChainOfFourBuffers) {
  // t0 32 B ops 0-1, t1 48 B ops 1-2, t2 16 B ops 2-3, t3 48 B op 3.
  // Order t1, t3, t0, t2. t1 -> 0. t3 misses t1 in time -> 0. t0 meets t1
  // (op 1): no gap below t1 -> 48. t2 meets t1 and t3 (both at 0..48) -> 48;
  // it misses t0 in time, so it shares 48..64 with t0.
  const std::vector<BufferRequest> buffers = {{32, 0, 1}, {48, 1, 2}, {16, 2, 3}, {48, 3, 3}};
  const ArenaPlan plan = plan_arena(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<std::uint32_t>{48, 0, 48, 0}));
  EXPECT_EQ(plan.planned_bytes, 80u);  // t0 ends at 48 + 32
  EXPECT_EQ(plan.naive_bytes, 144u);   // 32 + 48 + 16 + 48
}

TEST(ArenaPlanner, FillsTheGapBelowALaterBuffer) {
  // a 64 B ops 0-1, b 48 B ops 1-2, c 40 B (48 aligned) ops 2-3, d 16 B op 3.
  // a -> 0. b meets a -> 64. c meets b only: the gap 0..64 below b holds 48 -> 0.
  // d meets c only (0..48): the next gap starts at 48 and nothing alive at op 3
  // lies above it -> 48.
  const std::vector<BufferRequest> buffers = {{64, 0, 1}, {48, 1, 2}, {40, 2, 3}, {16, 3, 3}};
  const ArenaPlan plan = plan_arena(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<std::uint32_t>{0, 64, 0, 48}));
  EXPECT_EQ(plan.planned_bytes, 112u);  // b ends at 64 + 48
  EXPECT_EQ(plan.naive_bytes, 176u);    // 64 + 48 + 48 + 16
}

TEST(ArenaPlanner, GapTooSmallIsSkipped) {
  // W 40 B op 1, Y 32 B ops 1-2, X 32 B op 2, Z 24 B op 2; alignment 4.
  // Order W, Y, X, Z. W -> 0. Y meets W -> 40. X meets Y only; 0..40 below Y
  // holds 32 -> 0. Z meets X (0..32) and Y (40..72): the 8 B gap 32..40 is
  // too small -> 72.
  const std::vector<BufferRequest> buffers = {{40, 1, 1}, {32, 1, 2}, {32, 2, 2}, {24, 2, 2}};
  const ArenaPlan plan = plan_arena(buffers, 4);
  EXPECT_EQ(plan.offsets, (std::vector<std::uint32_t>{0, 40, 0, 72}));
  EXPECT_EQ(plan.planned_bytes, 96u);
  EXPECT_EQ(plan.naive_bytes, 128u);
}

TEST(ArenaPlanner, SizesAreAlignedUp) {
  // 20 B and 10 B alive together: at alignment 16 they take 32 + 16, at 4 they
  // take 20 + 12; the larger goes first.
  const std::vector<BufferRequest> buffers = {{10, 0, 1}, {20, 0, 1}};
  EXPECT_EQ(plan_arena(buffers, 16).offsets, (std::vector<std::uint32_t>{32, 0}));
  EXPECT_EQ(plan_arena(buffers, 16).planned_bytes, 48u);
  EXPECT_EQ(plan_arena(buffers, 4).offsets, (std::vector<std::uint32_t>{20, 0}));
  EXPECT_EQ(plan_arena(buffers, 4).planned_bytes, 32u);
  EXPECT_EQ(plan_arena(buffers, 4).naive_bytes, 32u);
}

TEST(ArenaPlanner, ModelLifetimesFromOperatorOrder) {
  // plan_test_model: x (32 B, input: ops 0-0), c (48 B, ops 0-1), f (5 B -> 16,
  // ops 1-2), y (5 B -> 16, output: op 2). Order c, x, f, y (ties by tensor
  // index). c -> 0; x meets c -> 48; f meets c -> 48; y meets f only, and the
  // 0..48 gap below f holds it -> 0.
  const Model model = test::plan_test_model();
  const std::vector<std::vector<int>> kernel_inputs = {{0, 1, 2}, {3, 4, 5}, {6}};
  const ModelArena arena = plan_model_arena(model, kernel_inputs);
  EXPECT_EQ(arena.tensor_offsets, (std::vector<std::int64_t>{48, -1, -1, 0, -1, -1, 48, 0}));
  EXPECT_EQ(arena.plan.planned_bytes, 80u);
  EXPECT_EQ(arena.plan.naive_bytes, 112u);  // 32 + 48 + 16 + 16
}

TEST(ArenaPlanner, ScratchLivesDuringItsOperatorOnly) {
  // A 64 B scratch buffer for operator 1 (FULLY_CONNECTED) goes first: 0.
  // c (ops 0-1) meets it -> 64; x (op 0) meets c only, and 0..64 below c
  // holds it -> 0; f (ops 1-2) meets the scratch and c -> 112; y (op 2) meets
  // f only -> 0.
  const Model model = test::plan_test_model();
  const std::vector<std::vector<int>> kernel_inputs = {{0, 1, 2}, {3, 4, 5}, {6}};
  const std::vector<std::uint32_t> scratch = {0, 64, 0};
  const ModelArena arena = plan_model_arena(model, kernel_inputs, scratch);
  EXPECT_EQ(arena.scratch_offsets, (std::vector<std::uint32_t>{0, 0, 0}));
  EXPECT_EQ(arena.tensor_offsets, (std::vector<std::int64_t>{0, -1, -1, 64, -1, -1, 112, 0}));
  EXPECT_EQ(arena.plan.planned_bytes, 128u);
  EXPECT_EQ(arena.plan.naive_bytes, 176u);
}

}  // namespace
}  // namespace mcusim::compiler
