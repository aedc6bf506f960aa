// tests/runtime/plan/m4_matmul_plan_test.cpp — the m4 variant block
// (mcusim_plan.h, MCUSIM_PLAN_BLOCK_M4_MATMUL) in a plan: write_plan with
// variant m4 gives a 1x1 CONV_2D and a FULLY_CONNECTED their block, a ref plan
// none; the engine accepts the block and refuses every corrupt one with an
// error status before a kernel could read outside the blob or past its stack
// buffer: a size word past the blob or not matching the counts, row or input
// quads that do not match the operator, a depth above the kernel's buffer, a
// shift outside 1..31, a block on a convolution that is not 1x1 and a filter
// offset beside the block. (The device kernel on the block: tests/tools/
// m4_matmul_run_test.cpp; the host kernel: tests/runtime/kernels/
// m4_matmul_block_test.cpp.)
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/compiler/plan_writer.hpp"
#include "runtime/include/mcusim_engine.h"
#include "runtime/include/mcusim_plan.h"
#include "tests/runtime/plan/plan_test_model.hpp"

namespace mcusim::compiler {
namespace {

using test::run_plan;

// x [1,4,4,8] -> 1x1 CONV_2D, 6 filters, per channel, RELU -> c [1,4,4,6]
// -> FULLY_CONNECTED [5,6] over the 16 pixels -> y [1,4,4,5].
Model pointwise_model() {
  test::ModelSpec m;
  std::vector<std::int8_t> filter(6 * 8), weights(5 * 6);
  for (std::size_t i = 0; i < filter.size(); ++i) filter[i] = static_cast<std::int8_t>((i * 37 + 11) % 255 - 127);
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<std::int8_t>((i * 53 + 7) % 255 - 127);
  m.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 8}, 0.1f, 3));
  m.tensors.push_back({"filter", {6, 1, 1, 8}, tflite::TensorType_INT8, {0.01f, 0.02f, 0.015f, 0.01f, 0.03f, 0.02f},
                       {0, 0, 0, 0, 0, 0}, 0, test::bytes_of(filter)});
  m.tensors.push_back({"conv_bias", {6}, tflite::TensorType_INT32,
                       {0.001f, 0.002f, 0.0015f, 0.001f, 0.003f, 0.002f}, {0, 0, 0, 0, 0, 0}, 0,
                       test::bytes_of(std::vector<std::int32_t>{100, -250, 40, 7, -9, 300})});
  m.tensors.push_back(test::int8_tensor("c", {1, 4, 4, 6}, 0.05f, -128));
  m.tensors.push_back({"weights", {5, 6}, tflite::TensorType_INT8, {0.02f}, {0}, 0, test::bytes_of(weights)});
  m.tensors.push_back({"fc_bias", {5}, tflite::TensorType_INT32, {0.001f}, {0}, 0,
                       test::bytes_of(std::vector<std::int32_t>{500, -300, 0, 1200, -42})});
  m.tensors.push_back(test::int8_tensor("y", {1, 4, 4, 5}, 0.2f, 1));
  m.ops.push_back(test::OpSpec{tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
                               [](flatbuffers::FlatBufferBuilder& b) {
                                 return tflite::CreateConv2DOptions(b, tflite::Padding_VALID, 1, 1,
                                                                    tflite::ActivationFunctionType_RELU)
                                     .Union();
                               },
                               {}});
  m.ops.push_back(test::OpSpec{tflite::BuiltinOperator_FULLY_CONNECTED, {3, 4, 5}, {6},
                               tflite::BuiltinOptions_FullyConnectedOptions,
                               [](flatbuffers::FlatBufferBuilder& b) {
                                 return tflite::CreateFullyConnectedOptions(b).Union();
                               },
                               {}});
  m.inputs = {0};
  m.outputs = {6};
  return read_tflite(test::build_tflite(m), "pointwise.tflite");
}

class M4MatmulPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_ = write_plan(pointwise_model(), PlanOptions{.variant = "m4"}).bytes;
    std::memcpy(&header_, plan_.data(), sizeof header_);
    conv_block_ = block_offset(plan_, 0);
    fc_block_ = block_offset(plan_, 1);
  }
  mcusim_plan_op op(const std::vector<std::uint8_t>& blob, std::uint32_t i) const {
    mcusim_plan_op o{};
    std::memcpy(&o, blob.data() + header_.ops_offset + i * sizeof o, sizeof o);
    return o;
  }
  // The variant_block field of op i's params (CONV_2D, then FULLY_CONNECTED).
  std::uint32_t field_offset(const std::vector<std::uint8_t>& blob, std::uint32_t i) const {
    const mcusim_plan_op o = op(blob, i);
    return o.params_offset + static_cast<std::uint32_t>(i == 0 ? offsetof(mcusim_plan_conv_2d, variant_block)
                                                                : offsetof(mcusim_plan_fully_connected, variant_block));
  }
  std::uint32_t block_offset(const std::vector<std::uint8_t>& blob, std::uint32_t i) const {
    std::uint32_t v = 0;
    std::memcpy(&v, blob.data() + field_offset(blob, i), 4);
    return v;
  }
  static std::int32_t word(const std::vector<std::uint8_t>& blob, std::uint32_t at) {
    std::int32_t v = 0;
    std::memcpy(&v, blob.data() + at, 4);
    return v;
  }
  static void set_word(std::vector<std::uint8_t>& blob, std::uint32_t at, std::int32_t v) {
    std::memcpy(blob.data() + at, &v, 4);
  }
  // The plan with word `index` of a block (at `block`) set to `value`.
  std::vector<std::uint8_t> with_block_word(std::uint32_t block, std::uint32_t index, std::int32_t value) const {
    std::vector<std::uint8_t> blob = plan_;
    set_word(blob, block + 4 * index, value);
    return blob;
  }
  static mcusim_plan_status init(const std::vector<std::uint8_t>& blob) {
    return run_plan(blob, {std::vector<std::uint8_t>(128, 5)}).init;
  }

  std::vector<std::uint8_t> plan_;
  mcusim_plan_header header_{};
  std::uint32_t conv_block_ = 0, fc_block_ = 0;
};

TEST_F(M4MatmulPlan, WriterAddsTheBlockToBothOperatorsForM4Only) {
  ASSERT_NE(conv_block_, 0u);
  ASSERT_NE(fc_block_, 0u);
  EXPECT_EQ(static_cast<std::uint32_t>(word(plan_, conv_block_)), MCUSIM_PLAN_BLOCK_M4_MATMUL);
  EXPECT_EQ(static_cast<std::uint32_t>(word(plan_, fc_block_)), MCUSIM_PLAN_BLOCK_M4_MATMUL);
  // Conv: 6 rows -> 2 row quads, depth 8 -> 4 input quads: 4 + 2*4*8 + 2*16.
  EXPECT_EQ(word(plan_, conv_block_ + 4), 4 + 64 + 32);
  EXPECT_EQ(word(plan_, conv_block_ + 8), 2);
  EXPECT_EQ(word(plan_, conv_block_ + 12), 4);
  // FC: 5 rows -> 2 row quads, depth 6 -> 4 input quads: the same size.
  EXPECT_EQ(word(plan_, fc_block_ + 4), 4 + 64 + 32);
  EXPECT_EQ(init(plan_), MCUSIM_PLAN_OK);
  const auto ref = write_plan(pointwise_model()).bytes;
  EXPECT_EQ(block_offset(ref, 0), 0u);
  EXPECT_EQ(block_offset(ref, 1), 0u);
  EXPECT_EQ(init(ref), MCUSIM_PLAN_OK);
  // The block's bytes are the plan's difference: 2 x 100 words.
  EXPECT_EQ(plan_.size(), ref.size() + 2 * 100 * 4);
}

TEST_F(M4MatmulPlan, CorruptBlocksAreRefused) {
  for (const std::uint32_t block : {conv_block_, fc_block_}) {
    SCOPED_TRACE(block == conv_block_ ? "CONV_2D" : "FULLY_CONNECTED");
    // The size word: past the blob, one short, one long.
    EXPECT_EQ(init(with_block_word(block, 1, 1 << 20)), MCUSIM_PLAN_E_RANGE);
    EXPECT_EQ(init(with_block_word(block, 1, 99)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 1, 101)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 1, 3)), MCUSIM_PLAN_E_PARAMS);
    // Counts that do not match the operator (the kernel would walk past the
    // weights or its input buffer).
    EXPECT_EQ(init(with_block_word(block, 2, 3)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 2, 0)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 3, 8)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 3, 2)), MCUSIM_PLAN_E_PARAMS);
    // A shift outside 1..31 in a channel (the last channel's e, and the first's).
    EXPECT_EQ(init(with_block_word(block, 99, 0)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 99, 32)), MCUSIM_PLAN_E_PARAMS);
    EXPECT_EQ(init(with_block_word(block, 4 + 64 + 3, -1)), MCUSIM_PLAN_E_PARAMS);
    // An unknown tag is ignored (kernels use only blocks they know).
    EXPECT_EQ(init(with_block_word(block, 0, 0x12345678)), MCUSIM_PLAN_OK);
  }
}

TEST_F(M4MatmulPlan, BlockOnAnOperatorItDoesNotDescribeIsRefused) {
  // A padded convolution is not the block's matrix product.
  std::vector<std::uint8_t> padded = plan_;
  set_word(padded, op(plan_, 0).params_offset + static_cast<std::uint32_t>(offsetof(mcusim_plan_conv_2d, pad_top)), 1);
  EXPECT_EQ(init(padded), MCUSIM_PLAN_E_PARAMS);
  // The block folds no filter offset.
  std::vector<std::uint8_t> filter_offset = plan_;
  set_word(filter_offset,
           op(plan_, 1).params_offset + static_cast<std::uint32_t>(offsetof(mcusim_plan_fully_connected, filter_offset)),
           1);
  EXPECT_EQ(init(filter_offset), MCUSIM_PLAN_E_PARAMS);
  // A block offset that is not word aligned, or past the blob.
  std::vector<std::uint8_t> misaligned = plan_;
  set_word(misaligned, field_offset(plan_, 1), static_cast<std::int32_t>(fc_block_ + 2));
  EXPECT_EQ(init(misaligned), MCUSIM_PLAN_E_ALIGNMENT);
  std::vector<std::uint8_t> outside = plan_;
  set_word(outside, field_offset(plan_, 0), static_cast<std::int32_t>(plan_.size()));
  EXPECT_EQ(init(outside), MCUSIM_PLAN_E_RANGE);
}

}  // namespace
}  // namespace mcusim::compiler
