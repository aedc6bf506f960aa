// tests/runtime/plan/plan_reference_test.cpp — plans compiled from the TFLite
// Micro data of ../shared, run on the host build of the engine: every
// single-operator case of reference/ops and the three models of models/ on
// their three inputs give TFLite Micro's outputs byte for byte, and the
// planned arena of each model is at or below TFLite Micro's own.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/plan/plan_test_model.hpp"
#include "tests/runtime/shared_data.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kReferenceDir = test::shared_dir() / "reference";
const fs::path kModelsDir = test::shared_dir() / "models";

class PlanReferenceOps : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanReferenceOps, EngineOutputBitExactWithTfliteMicro) {
  MCUSIM_REQUIRE_SHARED_PATH(test::reference_ops_dir());
  const fs::path dir = test::reference_ops_dir() / GetParam();
  const Model model = read_tflite_file(dir / "model.tflite");
  const PlanBlob plan = write_plan(model);
  std::vector<std::vector<std::uint8_t>> inputs;
  for (std::size_t i = 0; i < model.inputs.size(); ++i) {
    inputs.push_back(test::read_bytes(dir / ("input" + std::to_string(i) + ".bin")));
  }
  const test::PlanRun run = test::run_plan(plan.bytes, inputs);
  ASSERT_EQ(run.init, MCUSIM_PLAN_OK) << mcusim_plan_status_name(run.init);
  ASSERT_EQ(run.outputs.size(), 1u);
  EXPECT_TRUE(run.outputs[0] == test::read_bytes(dir / "output.bin")) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, PlanReferenceOps, ::testing::ValuesIn(test::reference_op_case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

struct ModelCase {
  std::string model;
  std::string input;
};
void PrintTo(const ModelCase& c, std::ostream* os) { *os << c.model << "/" << c.input; }

std::vector<ModelCase> model_cases() {
  std::vector<ModelCase> out;
  for (const char* model : {"hello_world_int8", "micro_speech_quantized", "person_detect"}) {
    for (const char* input : {"zp", "prng1", "prng2"}) out.push_back({model, input});
  }
  return out;
}

class PlanReferenceModels : public ::testing::TestWithParam<ModelCase> {};

TEST_P(PlanReferenceModels, EngineOutputBitExactWithTfliteMicro) {
  const ModelCase& c = GetParam();
  const fs::path dir = kReferenceDir / c.model / c.input;
  MCUSIM_REQUIRE_SHARED_PATH(dir);
  std::ifstream index_file(dir / "index.json");
  const nlohmann::json index = nlohmann::json::parse(index_file);
  const Model model = read_tflite_file(kModelsDir / (c.model + ".tflite"));
  ASSERT_EQ(model.outputs.size(), 1u);
  std::string output_file;
  for (const nlohmann::json& t : index["tensors"]) {
    if (t["index"].get<int>() == model.outputs[0]) output_file = t["file"].get<std::string>();
  }
  ASSERT_FALSE(output_file.empty()) << "no reference file for the output tensor";

  const PlanBlob plan = write_plan(model);
  const test::PlanRun run = test::run_plan(plan.bytes, {test::read_bytes(dir / "input.bin")});
  ASSERT_EQ(run.init, MCUSIM_PLAN_OK) << mcusim_plan_status_name(run.init);
  ASSERT_EQ(run.outputs.size(), 1u);
  EXPECT_TRUE(run.outputs[0] == test::read_bytes(dir / output_file)) << c.model << "/" << c.input;
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, PlanReferenceModels, ::testing::ValuesIn(model_cases()),
                         [](const ::testing::TestParamInfo<ModelCase>& param) {
                           return param.param.model + "_" + param.param.input;
                         });

// TFLite Micro's arena_used_bytes for these models with its reference kernels
// (TIMING-FACTS.md, "TFLite Micro's own arena for the models in ../models/":
// hello_world 676, micro_speech 6,788, person_detect 82,292; 772, 6,836 and
// 82,308 with CMSIS-NN). Theirs includes the interpreter's persistent
// allocations; ours is the activations and scratch the plan needs.
struct ArenaCase {
  std::string model;
  std::uint32_t tflite_micro_bytes;
};
void PrintTo(const ArenaCase& c, std::ostream* os) { *os << c.model; }

class PlanArena : public ::testing::TestWithParam<ArenaCase> {};

TEST_P(PlanArena, AtOrBelowTfliteMicro) {
  const fs::path file = kModelsDir / (GetParam().model + ".tflite");
  MCUSIM_REQUIRE_SHARED_PATH(file);
  const PlanBlob plan = write_plan(read_tflite_file(file));
  std::printf("[ arena    ] %s: planned %u B, naive %u B, TFLite Micro %u B; weights %u B, blob %zu B\n",
              GetParam().model.c_str(), plan.arena_bytes, plan.naive_arena_bytes, GetParam().tflite_micro_bytes,
              plan.weights_bytes, plan.bytes.size());
  RecordProperty("arena_bytes", std::to_string(plan.arena_bytes));
  EXPECT_LE(plan.arena_bytes, GetParam().tflite_micro_bytes);
  EXPECT_LT(plan.arena_bytes, plan.naive_arena_bytes);
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, PlanArena,
                         ::testing::Values(ArenaCase{"hello_world_int8", 676},
                                           ArenaCase{"micro_speech_quantized", 6788},
                                           ArenaCase{"person_detect", 82292}),
                         [](const ::testing::TestParamInfo<ArenaCase>& param) { return param.param.model; });

}  // namespace
}  // namespace mcusim::compiler
