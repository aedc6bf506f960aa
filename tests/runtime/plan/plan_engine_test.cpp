// tests/runtime/plan/plan_engine_test.cpp — the plan blob and the host build of
// the engine, on a model built in the test: the engine's output equals the
// host interpreter's; every kind of bad blob is refused with its own status
// (truncated, bad magic, bad version, an offset out of range, a size that
// overflows, an arena too small, an unknown operator, params that do not fit
// their tensors); and random byte mutations of a valid blob never make init
// or invoke read outside the blob or the arena (the sanitizer build proves it).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/include/mcusim_engine.h"
#include "runtime/include/mcusim_plan.h"
#include "tests/runtime/plan/plan_test_model.hpp"

namespace mcusim::compiler {
namespace {

using test::run_plan;

std::vector<std::uint8_t> host_output(const Model& model, const std::vector<std::uint8_t>& input) {
  HostInterpreter interpreter(model);
  interpreter.set_input(0, input);
  interpreter.invoke();
  const auto out = interpreter.output(0);
  return {out.begin(), out.end()};
}

class PlanEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = test::plan_test_model();
    plan_ = write_plan(model_);
    std::memcpy(&header_, plan_.bytes.data(), sizeof header_);
  }

  // A copy of the blob with the header changed by `edit`.
  template <typename Edit>
  std::vector<std::uint8_t> with_header(Edit edit) const {
    std::vector<std::uint8_t> blob = plan_.bytes;
    mcusim_plan_header h = header_;
    edit(h);
    std::memcpy(blob.data(), &h, sizeof h);
    return blob;
  }
  mcusim_plan_op op(const std::vector<std::uint8_t>& blob, std::uint32_t i) const {
    mcusim_plan_op o{};
    std::memcpy(&o, blob.data() + header_.ops_offset + i * sizeof o, sizeof o);
    return o;
  }
  template <typename Edit>
  std::vector<std::uint8_t> with_op(std::uint32_t i, Edit edit) const {
    std::vector<std::uint8_t> blob = plan_.bytes;
    mcusim_plan_op o = op(blob, i);
    edit(o);
    std::memcpy(blob.data() + header_.ops_offset + i * sizeof o, &o, sizeof o);
    return blob;
  }
  template <typename Edit>
  std::vector<std::uint8_t> with_tensor(std::uint32_t i, Edit edit) const {
    std::vector<std::uint8_t> blob = plan_.bytes;
    mcusim_plan_tensor t{};
    std::memcpy(&t, blob.data() + header_.tensors_offset + i * sizeof t, sizeof t);
    edit(t);
    std::memcpy(blob.data() + header_.tensors_offset + i * sizeof t, &t, sizeof t);
    return blob;
  }
  mcusim_plan_status init(const std::vector<std::uint8_t>& blob) const {
    return run_plan(blob, {test::plan_test_input()}).init;
  }

  Model model_;
  PlanBlob plan_;
  mcusim_plan_header header_{};
};

TEST_F(PlanEngine, OutputEqualsHostInterpreter) {
  const test::PlanRun run = run_plan(plan_.bytes, {test::plan_test_input()});
  ASSERT_EQ(run.init, MCUSIM_PLAN_OK) << mcusim_plan_status_name(run.init);
  ASSERT_EQ(run.invoke, MCUSIM_PLAN_OK);
  ASSERT_EQ(run.outputs.size(), 1u);
  const std::vector<std::uint8_t> want = host_output(model_, test::plan_test_input());
  EXPECT_EQ(run.outputs[0], want);
  // A softmax of int8 outputs at 1/256, zero point -128, sums to about 1:
  // the output is not trivially all -128.
  int sum = 0;
  for (const std::uint8_t v : run.outputs[0]) sum += static_cast<std::int8_t>(v) + 128;
  EXPECT_GT(sum, 240);
}

TEST_F(PlanEngine, HeaderDescribesThePlan) {
  EXPECT_EQ(header_.magic, 0x4E4C504Du);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(plan_.bytes.data()), 4), "MPLN");
  EXPECT_EQ(header_.blob_size, plan_.bytes.size());
  EXPECT_EQ(header_.tensor_count, 8u);
  EXPECT_EQ(header_.op_count, 3u);
  // Arena: hand-planned in ArenaPlanner.ModelLifetimesFromOperatorOrder.
  EXPECT_EQ(header_.arena_size, 80u);
  EXPECT_EQ(header_.naive_arena_size, 112u);
  // Weights: conv filter 54 B (-> 56), conv bias 12, fc weights 240, fc bias 20,
  // per-channel scales of the filter and bias 12 + 12, conv multipliers and
  // shifts 12 + 12: 56 + 12 + 240 + 20 + 24 + 24 = 376.
  EXPECT_EQ(header_.weights_size, 376u);
  EXPECT_EQ(plan_.weights_bytes, 376u);
  EXPECT_EQ(header_.weights_offset % 4, 0u);
  EXPECT_EQ(plan_.op_defines,
            (std::vector<std::string>{"MCUSIM_OP_CONV_2D", "MCUSIM_OP_FULLY_CONNECTED", "MCUSIM_OP_SOFTMAX"}));
  EXPECT_EQ(plan_op_defines(plan_.bytes), plan_.op_defines);
}

TEST_F(PlanEngine, TruncatedBlobIsRefused) {
  std::vector<std::uint8_t> blob = plan_.bytes;
  blob.resize(blob.size() - 4);
  EXPECT_EQ(init(blob), MCUSIM_PLAN_E_TRUNCATED);
  blob.resize(sizeof(mcusim_plan_header) - 1);
  EXPECT_EQ(init(blob), MCUSIM_PLAN_E_TRUNCATED);
  blob.clear();
  EXPECT_EQ(init(blob), MCUSIM_PLAN_E_TRUNCATED);
}

TEST_F(PlanEngine, BadMagicAndVersionAreRefused) {
  EXPECT_EQ(init(with_header([](mcusim_plan_header& h) { h.magic ^= 1u; })), MCUSIM_PLAN_E_MAGIC);
  EXPECT_EQ(init(with_header([](mcusim_plan_header& h) { h.version = MCUSIM_PLAN_VERSION + 1; })), MCUSIM_PLAN_E_VERSION);
  EXPECT_EQ(init(with_header([](mcusim_plan_header& h) { h.version = 0; })), MCUSIM_PLAN_E_VERSION);
}

TEST_F(PlanEngine, OffsetsOutOfRangeAreRefused) {
  const std::uint32_t end = header_.blob_size;
  EXPECT_EQ(init(with_header([&](mcusim_plan_header& h) { h.tensors_offset = end; })), MCUSIM_PLAN_E_RANGE);
  EXPECT_EQ(init(with_header([&](mcusim_plan_header& h) { h.ops_offset = end - 4; })), MCUSIM_PLAN_E_RANGE);
  EXPECT_EQ(init(with_op(1, [&](mcusim_plan_op& o) { o.params_offset = end; })), MCUSIM_PLAN_E_RANGE);
  EXPECT_EQ(init(with_op(1, [&](mcusim_plan_op& o) { o.io_offset = 0xFFFFFFFCu; })), MCUSIM_PLAN_E_RANGE);
  // The fc weights (tensor 4) one byte past the blob's end.
  EXPECT_EQ(init(with_tensor(4, [&](mcusim_plan_tensor& t) { t.data_offset = end - t.byte_size + 4; })),
            MCUSIM_PLAN_E_RANGE);
  // An activation one element past the planned arena.
  EXPECT_EQ(init(with_tensor(3, [&](mcusim_plan_tensor& t) { t.data_offset = header_.arena_size - 47; })),
            MCUSIM_PLAN_E_RANGE);
  EXPECT_EQ(init(with_op(0, [&](mcusim_plan_op& o) { o.scratch_offset = 64, o.scratch_size = 17; })),
            MCUSIM_PLAN_E_RANGE);
}

TEST_F(PlanEngine, SizeOverflowIsRefused) {
  // 0x4EC4EC4F tensors of 52 bytes: the table size wraps 32 bits to 4.
  EXPECT_EQ(init(with_header([](mcusim_plan_header& h) { h.tensor_count = 0x4EC4EC4Fu; })), MCUSIM_PLAN_E_OVERFLOW);
  // A shape whose product does not fit: 65536 x 65536 x 4 x 2 int8.
  EXPECT_EQ(init(with_tensor(0,
                             [](mcusim_plan_tensor& t) {
                               t.dims[0] = 65536;
                               t.dims[1] = 65536;
                             })),
            MCUSIM_PLAN_E_OVERFLOW);
  // An offset near 2^32 plus a size: no wrap-around into range.
  EXPECT_EQ(init(with_tensor(4, [](mcusim_plan_tensor& t) { t.data_offset = 0xFFFFFF00u; })), MCUSIM_PLAN_E_RANGE);
}

TEST_F(PlanEngine, ArenaTooSmallIsRefused) {
  EXPECT_EQ(run_plan(plan_.bytes, {test::plan_test_input()}, header_.arena_size - 1).init,
            MCUSIM_PLAN_E_ARENA_TOO_SMALL);
  EXPECT_EQ(run_plan(plan_.bytes, {test::plan_test_input()}, header_.arena_size).init, MCUSIM_PLAN_OK);
}

TEST_F(PlanEngine, UnknownOperatorIsRefused) {
  EXPECT_EQ(init(with_op(2, [](mcusim_plan_op& o) { o.kind = MCUSIM_PLAN_OP_KIND_END; })),
            MCUSIM_PLAN_E_UNKNOWN_OP);
  EXPECT_EQ(init(with_op(2, [](mcusim_plan_op& o) { o.kind = 0; })), MCUSIM_PLAN_E_UNKNOWN_OP);
}

TEST_F(PlanEngine, ParamsThatDoNotFitTheirTensorsAreRefused) {
  // FULLY_CONNECTED reading one more input element than c holds.
  const mcusim_plan_op fc = op(plan_.bytes, 1);
  std::vector<std::uint8_t> blob = plan_.bytes;
  mcusim_plan_fully_connected p{};
  std::memcpy(&p, blob.data() + fc.params_offset, sizeof p);
  EXPECT_EQ(p.accum_depth, 48);
  p.accum_depth = 49;
  std::memcpy(blob.data() + fc.params_offset, &p, sizeof p);
  EXPECT_EQ(init(blob), MCUSIM_PLAN_E_PARAMS);
  // A params block of the wrong size.
  EXPECT_EQ(init(with_op(1, [](mcusim_plan_op& o) { o.params_size -= 4; })), MCUSIM_PLAN_E_PARAMS);
  // An output written into the weights: c (CONV_2D's output) made a constant.
  EXPECT_EQ(init(with_tensor(3,
                             [&](mcusim_plan_tensor& t) {
                               t.storage = MCUSIM_PLAN_STORAGE_CONSTANT;
                               t.data_offset = header_.weights_offset;
                             })),
            MCUSIM_PLAN_E_IO);
}

TEST_F(PlanEngine, MisalignedBlobAndMissingContextAreRefused) {
  std::vector<std::uint8_t> shifted(plan_.bytes.size() + 1);
  std::memcpy(shifted.data() + 1, plan_.bytes.data(), plan_.bytes.size());
  std::vector<std::uint8_t> arena(header_.arena_size);
  mcusim_plan_ctx ctx;
  EXPECT_EQ(mcusim_plan_init(&ctx, shifted.data() + 1, header_.blob_size, arena.data(), header_.arena_size),
            MCUSIM_PLAN_E_ALIGNMENT);
  EXPECT_EQ(mcusim_plan_invoke(&ctx), MCUSIM_PLAN_E_ARGUMENT);  // not ready after a failed init
  EXPECT_EQ(mcusim_plan_output(&ctx, 0), nullptr);
  EXPECT_EQ(mcusim_plan_init(nullptr, plan_.bytes.data(), header_.blob_size, arena.data(), header_.arena_size),
            MCUSIM_PLAN_E_ARGUMENT);
  EXPECT_EQ(mcusim_plan_invoke(nullptr), MCUSIM_PLAN_E_ARGUMENT);
}

// Random byte mutations: init either refuses the blob or accepts one whose
// every access stays inside blob and arena (both allocated to their exact
// sizes, so AddressSanitizer catches a byte too far). Most mutations land in
// the tables and params, where they matter; some in the weights.
TEST_F(PlanEngine, MutatedBlobsNeverCrash) {
  std::mt19937 rng(6);  // fixed seed: the same mutations every run
  const std::size_t structure_end = header_.weights_offset;
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    std::vector<std::uint8_t> blob = plan_.bytes;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      const std::size_t limit = (rng() % 8 == 0) ? blob.size() : structure_end;
      const std::size_t at = rng() % limit;
      switch (rng() % 3) {
        case 0: blob[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
        case 1: blob[at] = static_cast<std::uint8_t>(rng()); break;
        default: blob[at] = (rng() % 2) ? 0xFF : 0x00; break;
      }
    }
    const test::PlanRun run = run_plan(blob, {test::plan_test_input()}, header_.arena_size);
    if (run.init == MCUSIM_PLAN_OK) {
      EXPECT_EQ(run.invoke, MCUSIM_PLAN_OK);
      ++accepted;
    } else {
      ++refused;
    }
  }
  // Both paths were exercised.
  EXPECT_GT(accepted, 100);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace mcusim::compiler
