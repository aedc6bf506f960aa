// `mcusim export` end to end: the exported sources, built into a firmware of
// the test's own (its own main, the start-up of runtime/device, the file lists
// and defines of the export's mcusim_model.mk), give the outputs and the
// cycles `mcusim run --json` reports for the same input
// (tools/mcusim/export_command.cpp, export_package.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "profiler/model_profile.hpp"
#include "runtime/firmware/firmware_builder.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A fresh folder per test, removed at the end.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("mcusim-export-test-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The items of a `NAME := \` list of mcusim_model.mk, "$(MCUSIM_MODEL_DIR)/" removed.
std::vector<std::string> make_list(const std::string& makefile, const std::string& name) {
  std::istringstream lines(makefile);
  std::vector<std::string> items;
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == name + " := \\") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    std::string item = line;
    const bool more = !item.empty() && item.back() == '\\';
    if (more) item.pop_back();
    item = std::regex_replace(item, std::regex(R"(^\s+|\s+$)"), "");
    const std::string prefix = "$(MCUSIM_MODEL_DIR)/";
    if (item.rfind(prefix, 0) == 0) item = item.substr(prefix.size());
    if (!item.empty()) items.push_back(item);
    if (!more) break;
  }
  return items;
}

std::vector<std::string> make_words(const std::string& makefile, const std::string& name) {
  std::smatch match;
  const std::regex line("(^|\n)" + name + " := ([^\n]*)");
  std::vector<std::string> words;
  if (!std::regex_search(makefile, match, line)) return words;
  std::istringstream in(match[2].str());
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::uint32_t header_define(const std::string& header, const std::string& name) {
  std::smatch match;
  if (!std::regex_search(header, match, std::regex("#define " + name + " ([0-9]+)u"))) return 0;
  return static_cast<std::uint32_t>(std::stoul(match[1].str()));
}

// The test's firmware: its own main calls the exported API twice on the
// embedded input and hands each output to the host (MCUSIM_CAPTURE tag 1, as
// the run harness does, so profile_model_run reads it).
constexpr const char* kTestMain = R"(#include <stdint.h>
#include "mcusim_model.h"
#include "runtime/harness/mcusim_capture.h"

extern const uint8_t test_input[];
static uint8_t arena[MCUSIM_MODEL_ARENA_BYTES] __attribute__((aligned(16)));
static int8_t output[MCUSIM_MODEL_OUTPUT_BYTES];

int main(void) {
  if (mcusim_model_init(arena, sizeof arena) != 0) return 10;
  for (int i = 0; i < 2; ++i) {
    if (mcusim_model_invoke((const int8_t*)test_input, output) != 0) return 11;
    mcusim_capture(MCUSIM_CAPTURE_OUTPUT, output, sizeof output);
  }
  return 0;
}
)";

// Copies the start-up and capture headers the test firmware needs, and only
// those, so a header the export forgot is not found in the source tree.
fs::path support_tree(const fs::path& dir) {
  for (const char* file : {"runtime/device/startup.c", "runtime/device/startup.h", "runtime/device/semihosting.h",
                           "runtime/device/device_symbols.h", "runtime/harness/mcusim_capture.h",
                           "runtime/harness/mcusim_capture_tags.h"}) {
    fs::create_directories((dir / file).parent_path());
    fs::copy_file(source_path(file), dir / file, fs::copy_options::overwrite_existing);
  }
  return dir;
}

struct ExportCase {
  const char* workload;
  const char* target;
  const char* variant;
};

class ExportMatchesRun : public ::testing::TestWithParam<ExportCase> {};

TEST_P(ExportMatchesRun, SameOutputsAndCyclesAsMcusimRun) {
  const ExportCase c = GetParam();
  ScratchDir scratch(std::string(c.workload) + "-" + c.variant);
  const fs::path out = scratch.path() / "export";
  const CommandResult exported =
      run_mcusim({"export", "--workload", c.workload, "--target", c.target, "--variant", c.variant, out.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  for (const char* file : {"README.md", "mcusim_model.h", "mcusim_model.c", "mcusim_model_plan.c",
                           "mcusim_model.mk", "mcusim_model.cmake", "runtime/include/mcusim_engine.h"}) {
    EXPECT_TRUE(fs::is_regular_file(out / file)) << file;
  }
  // Not the start-up nor the harness: the user's firmware has its own.
  EXPECT_FALSE(fs::exists(out / "runtime/device/startup.c"));
  EXPECT_FALSE(fs::exists(out / "runtime/harness"));

  const std::string makefile = read_text(out / "mcusim_model.mk");
  const std::string header = read_text(out / "mcusim_model.h");
  const std::uint32_t input_bytes = header_define(header, "MCUSIM_MODEL_INPUT_BYTES");
  ASSERT_GT(input_bytes, 0u) << header;

  // One deterministic input, for both.
  std::vector<std::uint8_t> input(input_bytes);
  for (std::uint32_t i = 0; i < input_bytes; ++i) input[i] = static_cast<std::uint8_t>((i * 37u + 11u) & 0xFFu);
  const fs::path input_file = scratch.path() / "input.bin";
  std::ofstream(input_file, std::ios::binary).write(reinterpret_cast<const char*>(input.data()),
                                                   static_cast<std::streamsize>(input.size()));
  const CommandResult ran = run_mcusim({"run", "--json", "--workload", c.workload, "--target", c.target, "--variant",
                                        c.variant, "--inferences", "1", "--input", input_file.string()});
  ASSERT_LE(ran.exit_code, 1) << ran.err;
  const json report = json::parse(ran.out);

  // The test's firmware from the export's own lists.
  firmware::FirmwareSpec spec;
  spec.name = "exported";
  spec.device_runtime = false;  // the start-up comes from the support tree, the helpers from the export
  spec.sources = {support_tree(scratch.path() / "support") / "runtime/device/startup.c"};
  for (const std::string& file : make_list(makefile, "MCUSIM_MODEL_SRCS")) spec.sources.push_back(out / file);
  for (const std::string& file : make_list(makefile, "MCUSIM_MODEL_HELPER_SRCS")) spec.sources.push_back(out / file);
  spec.include_dirs = {out, scratch.path() / "support"};
  spec.defines = make_list(makefile, "MCUSIM_MODEL_DEFINES");
  ASSERT_FALSE(spec.defines.empty()) << makefile;
  spec.defines.push_back("MCUSIM_TRACE_MARKERS");  // as measured (README.md "Measured")
  spec.compile_flags = make_words(makefile, "MCUSIM_MODEL_VARIANT_FLAGS");
  spec.generated_sources = {{"test_main.c", kTestMain}};
  spec.blobs = {{"test_input", input, 4}};
  spec.stack_bytes = 2048;
  const Target target = load_target(c.target);
  const firmware::FirmwareImage image = firmware::FirmwareBuilder(scratch.path() / "work").build(target, spec);
  RunOptions options;
  options.console = nullptr;
  const RunResult run = simulate(target, load_elf(image.elf), options);
  ASSERT_FALSE(run.fault) << run.fault->kind << ": " << run.fault->detail;
  ASSERT_EQ(run.exit_status, 0);

  std::vector<profiler::LayerInfo> layers;
  for (const json& layer : report["layers"]) {
    layers.push_back({layer["name"], layer["op"], layer["macs"].get<std::int64_t>()});
  }
  const profiler::ModelProfile profile = profiler::profile_model_run(run, layers);

  // The same outputs, byte for byte, both inferences.
  ASSERT_EQ(profile.outputs.size(), 2u);
  ASSERT_EQ(report["outputs"].size(), 2u);
  for (std::size_t n = 0; n < 2; ++n) {
    std::vector<int> values;
    for (std::uint8_t b : profile.outputs[n]) values.push_back(static_cast<std::int8_t>(b));
    EXPECT_EQ(json(values), report["outputs"][n]) << "inference " << n;
  }
  // The same cycles in every layer: the same engine and kernel instructions
  // on the same plan, between the engine's own markers.
  ASSERT_EQ(profile.layers.size(), report["layers"].size());
  for (std::size_t i = 0; i < profile.layers.size(); ++i) {
    EXPECT_EQ(profile.layers[i].cold_cycles, report["layers"][i]["cycles"].get<std::uint64_t>()) << "layer " << i;
  }
  // The inference: the same but for the few instructions around the call to
  // mcusim_plan_invoke, which the harness's main and mcusim_model_invoke
  // compile each their own way (register moves, and on touch-m0 where the
  // prefetch buffer's fetch lines fall: RM0091 §3.2.2). Measured: 1 cycle on
  // generic-m4, 1 and 3 on touch-m0; more would mean other code.
  constexpr double kGlueCycles = 4;
  std::printf("[ %s on %s ] exported firmware: cold %llu, warm %llu cycles; mcusim run: cold %llu, warm %llu\n",
              GetParam().workload, GetParam().target,
              static_cast<unsigned long long>(profile.cold_cycles), static_cast<unsigned long long>(profile.warm.min),
              report["inferences"]["cold_cycles"].get<unsigned long long>(),
              report["inferences"]["warm"]["min_cycles"].get<unsigned long long>());
  EXPECT_NEAR(static_cast<double>(profile.cold_cycles),
              report["inferences"]["cold_cycles"].get<double>(), kGlueCycles);
  EXPECT_NEAR(static_cast<double>(profile.warm.min),
              report["inferences"]["warm"]["min_cycles"].get<double>(), kGlueCycles);
}

INSTANTIATE_TEST_SUITE_P(Workloads, ExportMatchesRun,
                         ::testing::Values(ExportCase{"touch", "touch-m0", "m0"},
                                           ExportCase{"kws-ds-cnn", "generic-m4", "m4"}),
                         [](const auto& param_info) {
                           return std::regex_replace(std::string(param_info.param.workload) + "_" + param_info.param.target + "_" +
                                                         param_info.param.variant,
                                                     std::regex("[^A-Za-z0-9]"), "_");
                         });

TEST(ExportCommand, BadRequestsExitTwoAndWriteNothing) {
  ScratchDir scratch("bad");
  const fs::path out = scratch.path() / "out";

  CommandResult r = run_mcusim({"export", "--variant", "fast", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown kernel variant 'fast'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ref, m0, m4 or auto"), std::string::npos) << r.err;

  r = run_mcusim({"export", "--target", "touch-m0", "--variant", "m4", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("variant 'm4' needs the ARMv7E-M DSP instructions"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));

  fs::create_directories(out);
  std::ofstream(out / "main.c") << "int main(void) { return 0; }\n";
  r = run_mcusim({"export", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(out.string() + " is not empty"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(out / "main.c"), "int main(void) { return 0; }\n");  // untouched
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 1);
  // No partial folder left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(scratch.path()), fs::directory_iterator()), 1);
}

TEST(ExportCommand, ForceReplacesTheFolderWhole) {
  ScratchDir scratch("force");
  const fs::path out = scratch.path() / "out";
  fs::create_directories(out);
  std::ofstream(out / "stale.c") << "old\n";
  const CommandResult r = run_mcusim({"export", "--force", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(out / "stale.c"));
  EXPECT_TRUE(fs::is_regular_file(out / "mcusim_model.h"));
  EXPECT_EQ(std::distance(fs::directory_iterator(scratch.path()), fs::directory_iterator()), 1);
  // The same export twice gives the same files.
  const fs::path again = scratch.path() / "again";
  ASSERT_EQ(run_mcusim({"export", again.string()}).exit_code, 0);
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = entry.path().lexically_relative(out);
    EXPECT_EQ(read_text(entry.path()), read_text(again / relative)) << relative;
  }
}

}  // namespace
}  // namespace mcusim::test
