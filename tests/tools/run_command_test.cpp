// `mcusim run` end to end: the real binary builds the firmware with clang/lld,
// runs it in the simulator and reports (tools/mcusim/run_command.cpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/npy_reader.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "runtime/kernels/kernels.h"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json run_json(std::vector<std::string> args) {
  args.insert(args.begin(), {"run", "--json"});
  const CommandResult result = run_mcusim(args);
  EXPECT_LE(result.exit_code, 1) << result.err;
  return json::parse(result.out);
}

TEST(RunCommand, NoArgumentsRunsTheTouchWorkloadOnTouchM0AgainstItsBudget) {
  const CommandResult result = run_mcusim({"run"});
  ASSERT_LE(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("mcusim run: touch on touch-m0 (cortex-m0, 48 MHz), kernels 'm0'"), std::string::npos)
      << result.out;
  for (const char* budget : {"latency_us", "ram_bytes", "flash_bytes"}) {
    EXPECT_NE(result.out.find(budget), std::string::npos) << result.out;
  }
  // Issue 7: the default run meets the touch budget, says so, and exits 0.
  EXPECT_NE(result.out.find("\nPASS: 3 of 3 budgets met"), std::string::npos) << result.out;
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("latency_us        100.000"), std::string::npos) << result.out;
}

TEST(RunCommand, JsonCarriesTheModelFields) {
  const json report = run_json({"--inferences", "2"});
  EXPECT_EQ(report["schema"], "mcusim.report/1");
  EXPECT_EQ(report["command"], "run");
  EXPECT_EQ(report["workload"], "touch");
  // Its place in the repository, the same in every checkout.
  EXPECT_EQ(report["model"], "workloads/touch/model.toml");
  EXPECT_EQ(report["target"], "touch-m0");
  EXPECT_EQ(report["variant"], "m0");
  EXPECT_TRUE(report["elf"].is_null());  // a temporary build is not named
  EXPECT_EQ(report["inferences"]["count"], 3);  // the cold one and two warm
  ASSERT_EQ(report["layers"].size(), 3u);
  // MACs from the shapes: 36 inputs x 16 units, 16 x 16, 16 x 3.
  EXPECT_EQ(report["layers"][0]["macs"], 36 * 16);
  EXPECT_EQ(report["layers"][1]["macs"], 16 * 16);
  EXPECT_EQ(report["layers"][2]["macs"], 16 * 3);
  EXPECT_EQ(report["layers"][0]["op"], "FULLY_CONNECTED");
  ASSERT_EQ(report["outputs"].size(), 3u);
  EXPECT_EQ(report["outputs"][0].size(), 3u);
  // The layers lie inside the inference.
  const std::uint64_t cold = report["inferences"]["cold_cycles"];
  std::uint64_t in_layers = 0;
  for (const auto& layer : report["layers"]) in_layers += layer["cycles"].get<std::uint64_t>();
  EXPECT_EQ(in_layers + report["inferences"]["between_layers_cycles_cold"].get<std::uint64_t>(), cold);
  // 48 MHz: latency = cycles / 48, on the report's 1/1000 µs grid.
  const std::uint64_t worst = report["inferences"]["worst_cycles"];
  // Rounded to the grid, it lies within half a step (a tie rounds away).
  EXPECT_NEAR(report["inferences"]["worst_latency_us"].get<double>(), static_cast<double>(worst) / 48.0,
              0.0005 + 1e-9);
  // The flash parts add up; the measured arena never exceeds the planned one.
  EXPECT_EQ(report["flash_bytes"]["total"].get<std::uint64_t>(),
            report["flash_bytes"]["code"].get<std::uint64_t>() + report["flash_bytes"]["weights"].get<std::uint64_t>());
  EXPECT_GT(report["arena_peak_bytes"].get<std::uint64_t>(), 0u);
  EXPECT_LE(report["arena_peak_bytes"].get<std::uint64_t>(), report["arena_bytes"].get<std::uint64_t>());
  EXPECT_GT(report["stack_peak_bytes"].get<std::uint64_t>(), 0u);
  EXPECT_LE(report["stack_peak_bytes"].get<std::uint64_t>(), report["stack_reserved_bytes"].get<std::uint64_t>());
  ASSERT_EQ(report["budgets"].size(), 3u);
  EXPECT_EQ(report["budgets"][0]["name"], "latency_us");
  EXPECT_EQ(report["budgets"][0]["value"].get<double>(), report["inferences"]["worst_latency_us"].get<double>());
}

// The harness reads its inference count at run time (inference_main.c):
// the firmware, and so the flash reported, is the same for any count.
TEST(RunCommand, FlashDoesNotDependOnTheNumberOfInferences) {
  const json one = run_json({"--inferences", "0"});
  const json several = run_json({"--inferences", "5"});
  EXPECT_EQ(one["flash_bytes"], several["flash_bytes"]);
  EXPECT_EQ(one["flash_breakdown"], several["flash_breakdown"]);
  EXPECT_EQ(one["ram_bytes"], several["ram_bytes"]);
}

// What-if: --set changes a layer of the spec for this run only; the report
// says what was changed and which weights were generated for the new shapes.
TEST(RunCommand, SetChangesALayerForThisRun) {
  const json plain = run_json({"--inferences", "0"});
  const CommandResult result = run_mcusim({"run", "--json", "--inferences", "0", "--set", "fc1.units=32"});
  ASSERT_LE(result.exit_code, 1) << result.err;
  const json wider = json::parse(result.out);
  EXPECT_EQ(wider["overrides"], json::array({"--set fc1.units=32"}));
  ASSERT_EQ(wider["model_notes"].size(), 2u);  // fc1's and fc2's weights no longer fit their .npy files
  EXPECT_NE(result.err.find("mcusim: note: layer 'fc1'"), std::string::npos) << result.err;
  EXPECT_EQ(wider["layers"][0]["macs"], 36 * 32);
  EXPECT_EQ(wider["layers"][1]["macs"], 32 * 16);
  EXPECT_EQ(wider["layers"][2]["macs"], 16 * 3);
  // Twice fc1's units, no pruned blocks: more cycles and more weight bytes.
  EXPECT_GT(wider["inferences"]["cold_cycles"].get<std::uint64_t>(), plain["inferences"]["cold_cycles"].get<std::uint64_t>());
  EXPECT_GT(wider["flash_bytes"]["weights"].get<std::uint64_t>(), plain["flash_bytes"]["weights"].get<std::uint64_t>());
  EXPECT_EQ(plain["overrides"], json::array());
  EXPECT_EQ(plain["model_notes"], json::array());
}

// What-if on the part: the clock and the flash timing for this run, as a
// sweep point sets them (tools/mcusim/timing_override.hpp).
TEST(RunCommand, TimingFlagsChangeTheTargetForThisRun) {
  const json slow = run_json({"--inferences", "0", "--clock-mhz", "24", "--weights-in", "flash", "--wait-states", "0"});
  EXPECT_EQ(slow["clock_hz"], 24'000'000);
  EXPECT_EQ(slow["overrides"], json::array({"--clock-mhz 24", "--wait-states 0"}));
  const std::uint64_t cycles = slow["inferences"]["worst_cycles"];
  EXPECT_NEAR(slow["inferences"]["worst_latency_us"].get<double>(), static_cast<double>(cycles) / 24.0, 0.0005 + 1e-9);
  // Code and weights read from flash: three wait states on every access
  // cost cycles that zero do not.
  const json waiting = run_json({"--inferences", "0", "--clock-mhz", "24", "--weights-in", "flash", "--wait-states", "3"});
  EXPECT_GT(waiting["inferences"]["worst_cycles"].get<std::uint64_t>(), cycles);
}

TEST(RunCommand, TheSameRunGivesTheSameReport) {
  const CommandResult a = run_mcusim({"run", "--json", "--inferences", "1"});
  const CommandResult b = run_mcusim({"run", "--json", "--inferences", "1"});
  ASSERT_LE(a.exit_code, 1) << a.err;
  EXPECT_EQ(a.out, b.out);
}

// The int8 outputs of the host build of the runtime for the first `count`
// patches of workloads/touch/inputs.npy.
std::vector<std::vector<int>> host_touch_outputs(std::size_t count) {
  const fs::path dir = source_path("workloads/touch");
  compiler::SpecNetwork net = compiler::parse_model_spec(dir / "model.toml");
  compiler::quantize_network(net);
  const compiler::Model model = compiler::build_model(net);
  compiler::HostInterpreter interpreter(model);
  const std::vector<float> patches = compiler::read_npy(dir / "inputs.npy").floats();
  const auto features = static_cast<std::size_t>(net.input_elements());
  std::vector<std::vector<int>> outputs;
  for (std::size_t n = 0; n < count; ++n) {
    quantize_f32_params p{};
    p.size = static_cast<std::int32_t>(features);
    p.scale = net.input_quant->scale;
    p.zero_point = net.input_quant->zero_point;
    std::vector<std::int8_t> q(features);
    quantize_f32_s8(&p, patches.data() + n * features, q.data());
    interpreter.set_input(0, std::vector<std::uint8_t>(q.begin(), q.end()));
    interpreter.invoke();
    const auto out = interpreter.output(0);
    std::vector<int> values;
    for (std::uint8_t b : out) values.push_back(static_cast<std::int8_t>(b));
    outputs.push_back(values);
  }
  return outputs;
}

struct VariantCase {
  const char* target;
  const char* variant;
};

class RunVariants : public ::testing::TestWithParam<VariantCase> {};

TEST_P(RunVariants, OutputsEqualTheHostBuildByteForByte) {
  // The workload's inputs: the first five held-out patches, quantized by run.
  const json report = run_json({"--target", GetParam().target, "--variant", GetParam().variant, "--inferences", "4"});
  ASSERT_EQ(report["variant"], GetParam().variant);
  const auto expected = host_touch_outputs(5);
  ASSERT_EQ(report["outputs"].size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(report["outputs"][i].get<std::vector<int>>(), expected[i]) << "inference " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Touch, RunVariants,
                         ::testing::Values(VariantCase{"touch-m0", "ref"}, VariantCase{"touch-m0", "m0"},
                                           VariantCase{"generic-m4", "ref"}, VariantCase{"generic-m4", "m0"},
                                           VariantCase{"generic-m4", "m4"}),
                         [](const auto& case_info) {
                           std::string name = std::string(case_info.param.target) + "_" + case_info.param.variant;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(RunCommand, OutputFileHoldsTheLastOutputTensorRaw) {
  const fs::path out = fs::temp_directory_path() / "mcusim_run_output_test.bin";
  fs::remove(out);
  const CommandResult result = run_mcusim({"run", "--inferences", "0", "--output", out.string()});
  ASSERT_LE(result.exit_code, 1) << result.err;
  std::ifstream in(out, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto expected = host_touch_outputs(1)[0];
  ASSERT_EQ(bytes.size(), expected.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) EXPECT_EQ(static_cast<int>(static_cast<std::int8_t>(bytes[i])), expected[i]);
  fs::remove(out);
}

// ---- bad input: one clear message, exit 2 ----------------------------------

void expect_refused(const std::vector<std::string>& args, const std::string& words) {
  const CommandResult result = run_mcusim(args);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
}

TEST(RunCommandBadInput, M4KernelsOnAnM0AreRefused) {
  expect_refused({"run", "--variant", "m4"}, "needs the ARMv7E-M DSP instructions");
}

TEST(RunCommandBadInput, AnUnknownVariantIsRefused) { expect_refused({"run", "--variant", "fast"}, "unknown kernel variant"); }

TEST(RunCommandBadInput, AMisspeltWorkloadGetsASuggestion) {
  expect_refused({"run", "--workload", "tuoch"}, "did you mean 'touch'");
}

TEST(RunCommandBadInput, SetNamesALayerTheSpecHasNot) {
  expect_refused({"run", "--set", "fc9.units=3"}, "--set fc9.units=3: ");
  expect_refused({"run", "--set", "fc9.units=3"}, "has no layer 'fc9'; did you mean 'fc1'?");
}

TEST(RunCommandBadInput, SetOnATfliteModelIsRefused) {
  const fs::path model = fs::temp_directory_path() / "mcusim_run_set.tflite";
  std::ofstream(model, std::ios::binary) << "not read: --set is refused first";
  expect_refused({"run", "--model", model.string(), "--set", "fc1.units=3"}, "a .tflite file");
  fs::remove(model);
}

TEST(RunCommandBadInput, AClockAboveThePartsMaximumIsRefused) {
  expect_refused({"run", "--clock-mhz", "500"}, "500 MHz is above touch-m0's maximum clock of 48 MHz");
}

TEST(RunCommandBadInput, AnUnknownPrefetchSettingIsRefused) {
  expect_refused({"run", "--prefetch", "maybe"}, "--prefetch");
}

TEST(RunCommandBadInput, AMissingModelFileIsNamed) {
  expect_refused({"run", "--model", "no/such/model.tflite"}, "no/such/model.tflite does not exist");
}

TEST(RunCommandBadInput, AnInputOfTheWrongSizeIsRefused) {
  const fs::path input = fs::temp_directory_path() / "mcusim_run_bad_input.bin";
  std::ofstream(input, std::ios::binary) << std::string(35, '\0');  // the model takes 36 bytes
  expect_refused({"run", "--input", input.string()}, "not a whole number of 36-byte input tensors");
  fs::remove(input);
}

TEST(RunCommandBadInput, ACorruptTfliteFileIsRefused) {
  const fs::path model = fs::temp_directory_path() / "mcusim_run_corrupt.tflite";
  std::ofstream(model, std::ios::binary) << "this is not a flatbuffer at all, just text";
  const CommandResult result = run_mcusim({"run", "--model", model.string()});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find(model.string()), std::string::npos) << result.err;
  fs::remove(model);
}

TEST(RunCommandBadInput, AFirmwareTooLargeForFlashSaysByHowMuch) {
  // generic-m0 with 4 KiB of flash: the touch firmware needs more.
  std::ifstream in(source_path("targets/generic-m0.toml"));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string from = "size = 0x0010_0000          # 1 MiB";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "size = 0x1000");
  const fs::path target = fs::temp_directory_path() / "mcusim_tiny_flash.toml";
  std::ofstream(target) << text;
  const CommandResult result = run_mcusim({"run", "--target", target.string()});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("does not fit"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("over by"), std::string::npos) << result.err;
  fs::remove(target);
}

}  // namespace
}  // namespace mcusim::test
