// tests/runtime/plan/plan_fc_sparse_block_test.cpp — the m0 plan of a
// FULLY_CONNECTED layer whose weights have zero blocks (four rows by one input
// pair, as tools/train_touch prunes them) carries the sparse 'MLS2' block
// (mcusim_plan.h), and the engine's init refuses every inconsistent count and
// offset in it before a kernel could read outside the input row or the block.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "runtime/include/mcusim_plan.h"
#include "tests/runtime/plan/plan_test_model.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::test {
namespace {

// x [1, 8] -> FULLY_CONNECTED with weights [5, 8] -> y [1, 5]: two quads of
// rows (the second holds row 4 and three padding rows), four input pairs.
// Zero steps: quad 0 pairs 1 and 3, quad 1 pairs 0 and 2 — half of them.
compiler::Model sparse_fc_model() {
  std::vector<std::int8_t> w(5 * 8);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<std::int8_t>((i * 41 + 3) % 251 - 125);
  auto zero_step = [&](int first_row, int last_row, int pair) {
    for (int r = first_row; r <= last_row; ++r) {
      w[static_cast<std::size_t>(r * 8 + 2 * pair)] = 0;
      w[static_cast<std::size_t>(r * 8 + 2 * pair + 1)] = 0;
    }
  };
  zero_step(0, 3, 1);
  zero_step(0, 3, 3);
  zero_step(4, 4, 0);
  zero_step(4, 4, 2);
  ModelSpec m;
  m.tensors.push_back(int8_tensor("x", {1, 8}, 0.05f, -3));
  m.tensors.push_back({"w", {5, 8}, tflite::TensorType_INT8, {0.01f}, {0}, 0, bytes_of(w)});
  m.tensors.push_back({"b", {5}, tflite::TensorType_INT32, {0.0005f}, {0}, 0,
                       bytes_of(std::vector<std::int32_t>{300, -200, 0, 1000, -50})});
  m.tensors.push_back(int8_tensor("y", {1, 5}, 0.04f, 2));
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_FULLY_CONNECTED, {0, 1, 2}, {3},
                         tflite::BuiltinOptions_FullyConnectedOptions,
                         [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateFullyConnectedOptions(b).Union(); },
                         {}});
  m.inputs = {0};
  m.outputs = {3};
  return compiler::read_tflite(build_tflite(m), "sparse_fc.tflite");
}

class PlanFcSparseBlock : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = sparse_fc_model();
    compiler::PlanOptions options;
    options.variant = "m0";
    blob_ = compiler::write_plan(model_, options).bytes;
    for (std::size_t at = 0; at + 4 <= blob_.size(); at += 4) {
      std::uint32_t word = 0;
      std::memcpy(&word, blob_.data() + at, 4);
      if (word == MCUSIM_PLAN_BLOCK_FC_M0_SPARSE) block_ = at;
    }
  }
  std::int32_t word(std::size_t i) const {
    std::int32_t v = 0;
    std::memcpy(&v, blob_.data() + block_ + 4 * i, 4);
    return v;
  }
  // init's verdict on the blob with block word i set to v.
  mcusim_plan_status init_with(std::size_t i, std::int32_t v) const {
    std::vector<std::uint8_t> blob = blob_;
    std::memcpy(blob.data() + block_ + 4 * i, &v, 4);
    return run_plan(blob, {input()}).init;
  }
  static std::vector<std::uint8_t> input() {
    std::vector<std::uint8_t> x(8);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::uint8_t>(i * 53 + 9);
    return x;
  }

  compiler::Model model_;
  std::vector<std::uint8_t> blob_;
  std::size_t block_ = 0;
};

// Layout by mcusim_plan.h: header 5 words; quad 0: n = 2, steps for pairs 0
// and 2 (offsets 0, 4); quad 1: n = 2, pairs 1 and 3 (offsets 2, 6); each step
// five words; then 2 quads x 4 rows x 10 channel words.
TEST_F(PlanFcSparseBlock, SkipsTheZeroStepsAndRunsLikeTheReference) {
  ASSERT_NE(block_, 0u) << "no 'MLS2' block in the m0 plan";
  EXPECT_EQ(word(2), 2);  // quads
  EXPECT_EQ(word(3), 4);  // pairs
  EXPECT_EQ(word(5), 2);
  EXPECT_EQ(word(5 + 1 + 2), 0);
  EXPECT_EQ(word(5 + 1 + 5 + 2), 4);
  const std::size_t quad1 = 5 + 1 + 2 * 5;
  EXPECT_EQ(word(quad1), 2);
  EXPECT_EQ(word(quad1 + 1 + 2), 2);
  EXPECT_EQ(word(quad1 + 1 + 5 + 2), 6);
  const std::size_t channels = quad1 + 1 + 2 * 5;
  EXPECT_EQ(word(4), static_cast<std::int32_t>(channels));
  EXPECT_EQ(word(1), static_cast<std::int32_t>(channels + 2 * 4 * 10));

  const PlanRun run = run_plan(blob_, {input()});
  ASSERT_EQ(run.init, MCUSIM_PLAN_OK);
  compiler::HostInterpreter host(model_);
  host.set_input(0, input());
  host.invoke();
  const auto want = host.output(0);
  ASSERT_EQ(run.outputs.size(), 1u);
  EXPECT_EQ(run.outputs[0], std::vector<std::uint8_t>(want.begin(), want.end()));
}

TEST_F(PlanFcSparseBlock, InitRefusesBadCountsAndOffsets) {
  ASSERT_NE(block_, 0u);
  const std::size_t quad1 = 5 + 1 + 2 * 5;
  EXPECT_EQ(init_with(5, 5), MCUSIM_PLAN_E_PARAMS) << "a count above the pairs";
  EXPECT_EQ(init_with(5, -1), MCUSIM_PLAN_E_PARAMS) << "a negative count";
  EXPECT_EQ(init_with(5, 3), MCUSIM_PLAN_E_PARAMS) << "a count that moves the channels";
  EXPECT_EQ(init_with(5 + 1 + 2, 1), MCUSIM_PLAN_E_PARAMS) << "an odd offset";
  EXPECT_EQ(init_with(5 + 1 + 5 + 2, 0), MCUSIM_PLAN_E_PARAMS) << "an offset that does not rise";
  EXPECT_EQ(init_with(quad1 + 1 + 5 + 2, 8), MCUSIM_PLAN_E_PARAMS) << "an offset past the input row";
  EXPECT_EQ(init_with(quad1 + 1 + 2, -2), MCUSIM_PLAN_E_PARAMS) << "a negative offset";
  EXPECT_EQ(init_with(4, word(4) + 1), MCUSIM_PLAN_E_PARAMS) << "channels that do not follow the steps";
  EXPECT_EQ(init_with(quad1, 0), MCUSIM_PLAN_E_PARAMS) << "steps left over before the channels";
}

}  // namespace
}  // namespace mcusim::test
