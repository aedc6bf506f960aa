// `mcusim run --dump-tensors` on the TFLite Micro models of ../shared/models:
// every tensor the simulated firmware computes equals the one TFLite Micro's
// reference kernels computed (../shared/reference/<model>/<input>/), byte for
// byte, on a generic and a chip target.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "tests/runtime/shared_data.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

struct ReferenceRun {
  const char* model;
  const char* input;
  const char* target;
  const char* variant;
};

class RunReferenceModels : public ::testing::TestWithParam<ReferenceRun> {};

TEST_P(RunReferenceModels, EveryTensorEqualsTfliteMicros) {
  const ReferenceRun& c = GetParam();
  const fs::path model = shared_dir() / "models" / (std::string(c.model) + ".tflite");
  const fs::path reference = shared_dir() / "reference" / c.model / c.input;
  MCUSIM_REQUIRE_SHARED_PATH(model);
  MCUSIM_REQUIRE_SHARED_PATH(reference / "index.json");
  const fs::path dump = fs::temp_directory_path() /
                        (std::string("mcusim_dump_") + c.model + "_" + c.input + "_" + c.target + "_" + c.variant);
  const CommandResult result = run_mcusim({"run", "--model", model.string(), "--target", c.target, "--variant", c.variant,
                                           "--input", (reference / "input.bin").string(), "--inferences", "0",
                                           "--dump-tensors", dump.string()});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;

  const nlohmann::json index = nlohmann::json::parse(read_bytes(reference / "index.json"));
  int compared = 0;
  for (const auto& tensor : index["tensors"]) {
    const std::string file = tensor["file"];
    const fs::path ours = dump / file;
    ASSERT_TRUE(fs::exists(ours)) << file << " (" << tensor["name"] << ") was not dumped";
    EXPECT_EQ(read_bytes(ours), read_bytes(reference / file))
        << "tensor " << tensor["index"] << " '" << tensor["name"] << "' produced by " << tensor["producer"].dump();
    ++compared;
  }
  EXPECT_GT(compared, 1);
  fs::remove_all(dump);
}

std::vector<ReferenceRun> reference_runs() {
  std::vector<ReferenceRun> runs;
  for (const char* input : {"prng1", "prng2", "zp"}) {
    runs.push_back({"hello_world_int8", input, "touch-m0", "m0"});
    runs.push_back({"micro_speech_quantized", input, "generic-m0", "m0"});
    runs.push_back({"person_detect", input, "generic-m4", "m4"});
  }
  runs.push_back({"micro_speech_quantized", "zp", "stm32f405rg", "m4"});
  runs.push_back({"hello_world_int8", "zp", "generic-m0", "ref"});
  return runs;
}

INSTANTIATE_TEST_SUITE_P(SharedModels, RunReferenceModels, ::testing::ValuesIn(reference_runs()),
                         [](const auto& case_info) {
                           std::string name = std::string(case_info.param.model) + "_" + case_info.param.input + "_" +
                                              case_info.param.target + "_" + case_info.param.variant;
                           for (char& ch : name) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return name;
                         });

}  // namespace
}  // namespace mcusim::test
