// tools/mcusim/variant_compare.cpp: the first tensor that differs between two
// runs of one model, in operator order, named by layer and element.
#include "tools/mcusim/variant_compare.hpp"

#include <gtest/gtest.h>

namespace mcusim::cli {
namespace {

// input t0 -> op 0 -> t1 -> op 1 -> t2 (int8), t3 float32 from op 1 too.
compiler::Model two_ops() {
  compiler::Model model;
  for (int i = 0; i < 4; ++i) {
    compiler::Tensor t;
    t.name = "t" + std::to_string(i);
    t.type = i == 3 ? compiler::ElementType::Float32 : compiler::ElementType::Int8;
    t.shape = {1, 8};
    model.tensors.push_back(t);
  }
  compiler::Operator a;
  a.kind = compiler::OpKind::FullyConnected;
  a.index = 0;
  a.inputs = {0};
  a.outputs = {1};
  compiler::Operator b = a;
  b.kind = compiler::OpKind::Relu;
  b.index = 1;
  b.inputs = {1};
  b.outputs = {2, 3};
  model.operators = {a, b};
  model.inputs = {0};
  model.outputs = {2};
  return model;
}

profiler::ModelProfile with_tensors(std::vector<profiler::TensorDump> dumps) {
  profiler::ModelProfile profile;
  profile.tensors = std::move(dumps);
  return profile;
}

const std::vector<std::uint8_t> kBytes = {1, 2, 3, 4, 5, 6, 7, 8};

TEST(VariantCompare, SameBytesNoMismatch) {
  const auto model = two_ops();
  const auto a = with_tensors({{0, 1, kBytes}, {0, 2, kBytes}});
  EXPECT_FALSE(first_tensor_mismatch(model, a, a, "m0"));
}

TEST(VariantCompare, FirstDifferenceInOperatorOrderWithItsElement) {
  const auto model = two_ops();
  auto changed = kBytes;
  changed[5] = 0xF3;  // int8 -13
  // The later operator's tensor listed first, and a warm inference's
  // difference (inference 1) that must be ignored.
  const auto base = with_tensors({{0, 2, kBytes}, {0, 1, kBytes}, {1, 1, kBytes}});
  const auto other = with_tensors({{0, 2, changed}, {0, 1, changed}, {1, 1, kBytes}});
  const auto mismatch = first_tensor_mismatch(model, base, other, "m0");
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->layer, 0u);
  EXPECT_EQ(mismatch->tensor, 1u);
  EXPECT_EQ(mismatch->element, 5u);
  EXPECT_EQ(describe_mismatch(model, *mismatch, "ref"),
            "m0 differs from ref in layer 0 't1' (FULLY_CONNECTED), tensor 1, element 5: 6 vs -13");
}

TEST(VariantCompare, ElementOfAWiderTypeAndAMissingTensor) {
  const auto model = two_ops();
  auto changed = kBytes;
  changed[6] = 0;  // byte 6 of a float32 tensor: element 1
  const auto base = with_tensors({{0, 1, kBytes}, {0, 3, kBytes}});
  const auto other = with_tensors({{0, 1, kBytes}, {0, 3, changed}});
  const auto mismatch = first_tensor_mismatch(model, base, other, "m4");
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->tensor, 3u);
  EXPECT_EQ(mismatch->layer, 1u);
  EXPECT_EQ(mismatch->element, 1u);
  EXPECT_EQ(mismatch->expected, (std::vector<std::uint8_t>{5, 6, 7, 8}));
  EXPECT_EQ(mismatch->got, (std::vector<std::uint8_t>{5, 6, 0, 8}));

  const auto lacking = with_tensors({{0, 1, kBytes}});
  const auto missing = first_tensor_mismatch(model, base, lacking, "m4");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->tensor, 3u);
  EXPECT_TRUE(missing->got.empty());
  EXPECT_NE(describe_mismatch(model, *missing, "ref").find("(absent)"), std::string::npos);
}

}  // namespace
}  // namespace mcusim::cli
