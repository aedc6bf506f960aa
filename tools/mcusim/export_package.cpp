// tools/mcusim/export_package.cpp — see export_package.hpp.
#include "tools/mcusim/export_package.hpp"

#include "runtime/firmware/runtime_dir.hpp"
#include "runtime/firmware/toolchain.hpp"
#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    throw Error(ErrorKind::Internal, fmt::format("cannot read runtime source {}", file.string()),
                "check the mcusim source tree (or MCUSIM_RUNTIME_DIR) is complete");
  }
  return text.str();
}

// "runtime/kernels/m0/conv2d_s8.c": the path every #include "runtime/..." uses.
fs::path export_path(const fs::path& runtime_file) {
  return fs::path("runtime") / runtime_file.lexically_relative(firmware::bundled_runtime_dir());
}

// The EABI helpers and mem* of runtime/device, without the start-up: the
// user's firmware has its own vector table and reset handler.
std::vector<fs::path> helper_sources() {
  std::vector<fs::path> helpers;
  for (const fs::path& source : firmware::device_runtime_sources()) {
    if (source.stem() != "startup") helpers.push_back(source);
  }
  return helpers;
}

const compiler::Tensor& only_tensor(const compiler::Model& model, const std::vector<int>& ids, const char* what) {
  if (ids.size() != 1) {
    throw_bad_input("export a model with one input tensor and one output tensor",
                    "the model has {} {} tensors; the exported API passes exactly one", ids.size(), what);
  }
  return model.tensors.at(static_cast<std::size_t>(ids[0]));
}

std::string c_type(compiler::ElementType type) {
  switch (type) {
    case compiler::ElementType::Int8: return "int8_t";
    case compiler::ElementType::UInt8: return "uint8_t";
    case compiler::ElementType::Int16: return "int16_t";
    case compiler::ElementType::Int32: return "int32_t";
    case compiler::ElementType::Float32: return "float";
    default: return "void";
  }
}

std::string shape_text(const compiler::Tensor& tensor) {
  return fmt::format("[{}]", fmt::join(tensor.shape, ", "));
}

// " * input: [1, 36] int8, real = 0.0392 * (q - -128)" and the macros after it.
std::string tensor_macros(const std::string& prefix, const compiler::Tensor& tensor) {
  std::string text = fmt::format("#define MCUSIM_MODEL_{}_BYTES {}u\n", prefix, tensor.byte_size());
  if (tensor.quantization) {
    text += fmt::format("#define MCUSIM_MODEL_{}_SCALE {:.9g}f\n", prefix, tensor.scale());
    text += fmt::format("#define MCUSIM_MODEL_{}_ZERO_POINT ({})\n", prefix, tensor.zero_point());
  }
  return text;
}

// "'input', shape [1, 36], int8, real = 0.0392 * (q - (-128))"
std::string tensor_description(const compiler::Tensor& tensor) {
  std::string text = fmt::format("'{}', shape {}, {}", tensor.name, shape_text(tensor),
                                 compiler::element_type_name(tensor.type));
  if (tensor.quantization) {
    text += fmt::format(", real = {:.9g} * (q - ({}))", tensor.scale(), tensor.zero_point());
  }
  return text;
}

std::string tensor_comment(const char* what, const compiler::Tensor& tensor) {
  return fmt::format(" *   {}: {}\n", what, tensor_description(tensor));
}

std::string cycles_line(const ExportMeasurement& m, const Target& target) {
  const double mhz = static_cast<double>(target.clock_hz) / 1e6;
  return fmt::format("{} cycles cold ({:.3f} us), {} warm ({:.3f} us) at {:.0f} MHz", m.cold_cycles,
                     static_cast<double>(m.cold_cycles) / mhz, m.warm_cycles,
                     static_cast<double>(m.warm_cycles) / mhz, mhz);
}

std::string header_text(const ExportInputs& in, const compiler::Tensor& input, const compiler::Tensor& output) {
  const std::string in_type = c_type(input.type), out_type = c_type(output.type);
  std::string measured;
  if (in.measured) {
    measured = fmt::format(" * Measured by mcusim on {}: {}", in.target->name, cycles_line(*in.measured, *in.target));
    if (in.measured->stack_peak_bytes) {
      measured += fmt::format(";\n * stack peak {} bytes (the whole firmware's, init and invoke included)",
                              *in.measured->stack_peak_bytes);
    }
    measured += ".\n";
  }
  return fmt::format(
      R"(/* mcusim_model.h — {model}, exported by `mcusim export` for {target} ({core}),
 * kernels '{variant}'. Generated: do not edit; export again instead.
 *
 *   static uint8_t arena[MCUSIM_MODEL_ARENA_BYTES] __attribute__((aligned(16)));
 *   if (mcusim_model_init(arena, sizeof arena) != 0) ...   // once
 *   mcusim_model_invoke(input, output);                      // per inference
 *
 * Tensors:
{input_comment}{output_comment} *
{measured} * Return values: 0, or an mcusim_plan_status of runtime/include/mcusim_engine.h
 * (8 = MCUSIM_PLAN_E_ARENA_TOO_SMALL, 1 = invoke before a successful init).
 */
#ifndef MCUSIM_MODEL_H
#define MCUSIM_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {{
#endif

/* The arena the plan needs (scratch included), and its alignment. */
#define MCUSIM_MODEL_ARENA_BYTES {arena}u
#define MCUSIM_MODEL_ARENA_ALIGNMENT 16u
/* The plan blob (mcusim_model_plan.c): weights, tensors, operators; {plan_place}. */
#define MCUSIM_MODEL_PLAN_BYTES {plan}u
{input_macros}{output_macros}
/* Checks the plan and binds it to `arena` (at least MCUSIM_MODEL_ARENA_BYTES,
 * 4-byte aligned; 16 as measured). The arena must stay untouched between calls. */
int mcusim_model_init(void* arena, uint32_t arena_size);

/* One inference: copies MCUSIM_MODEL_INPUT_BYTES from `input` into the arena,
 * runs every operator, copies MCUSIM_MODEL_OUTPUT_BYTES to `output`. Either
 * may be NULL: the input is then taken as already written to
 * mcusim_model_input(), the output is left in mcusim_model_output(). */
int mcusim_model_invoke(const {in_type}* input, {out_type}* output);

/* The input and output tensors inside the arena (NULL before init). */
{in_type}* mcusim_model_input(void);
const {out_type}* mcusim_model_output(void);

#ifdef __cplusplus
}}
#endif

#endif /* MCUSIM_MODEL_H */
)",
      fmt::arg("model", in.model_name), fmt::arg("target", in.target->name),
      fmt::arg("core", core_name(in.target->core)), fmt::arg("variant", in.variant),
      fmt::arg("input_comment", tensor_comment("input", input)),
      fmt::arg("output_comment", tensor_comment("output", output)), fmt::arg("measured", measured),
      fmt::arg("arena", in.plan->arena_bytes), fmt::arg("plan", in.plan->bytes.size()),
      fmt::arg("plan_place", in.weights_in_ram ? "in RAM, copied from flash by the start-up with .data"
                                               : "in flash"),
      fmt::arg("input_macros", tensor_macros("INPUT", input)),
      fmt::arg("output_macros", tensor_macros("OUTPUT", output)), fmt::arg("in_type", in_type),
      fmt::arg("out_type", out_type));
}

// The inference markers are the run harness's (runtime/harness/inference_main.c:
// port 3 before invoke, port 4 after), so that a firmware built with
// -DMCUSIM_TRACE_MARKERS times the same instructions `mcusim run` timed.
std::string model_c_text(const compiler::Tensor& input, const compiler::Tensor& output, bool plan_in_ram) {
  return fmt::format(
      R"(/* mcusim_model.c — the two-function API of mcusim_model.h on the mcusim
 * engine (runtime/include/mcusim_engine.h). Generated by `mcusim export`.
 *
 * With MCUSIM_TRACE_MARKERS defined the engine and this file write mcusim's
 * trace markers (ITM stimulus ports 1 and 2 around each layer, 3 and 4 around
 * the inference, docs/guest-conventions.md), as the firmware `mcusim run`
 * measured did: build so to compare cycles under `mcusim exec`. Leave it
 * undefined in production: a Cortex-M0 has no ITM. */
#include "mcusim_model.h"

#include "runtime/include/mcusim_engine.h"

extern {plan_const}uint8_t mcusim_model_plan[];

#if defined(MCUSIM_TRACE_MARKERS)
#define MCUSIM_MODEL_MARKER(port, value) (*(volatile uint32_t*)(0xE0000000u + 4u * (port)) = (value))
#else
#define MCUSIM_MODEL_MARKER(port, value) ((void)(value))
#endif

static mcusim_plan_ctx ctx;
static uint32_t inferences; /* the markers' value, as the harness's loop index */

int mcusim_model_init(void* arena, uint32_t arena_size) {{
  inferences = 0u;
  return (int)mcusim_plan_init(&ctx, mcusim_model_plan, MCUSIM_MODEL_PLAN_BYTES, arena, arena_size);
}}

int mcusim_model_invoke(const {in_type}* input, {out_type}* output) {{
  if (ctx.ready != 1u) return (int)MCUSIM_PLAN_E_ARGUMENT;
  if (input != 0) __builtin_memcpy(mcusim_plan_input(&ctx, 0u), input, MCUSIM_MODEL_INPUT_BYTES);
  const uint32_t i = inferences++;
  MCUSIM_MODEL_MARKER(3u, i);
  const mcusim_plan_status status = mcusim_plan_invoke(&ctx);
  MCUSIM_MODEL_MARKER(4u, i);
  if (status != MCUSIM_PLAN_OK) return (int)status;
  if (output != 0) __builtin_memcpy(output, mcusim_plan_output(&ctx, 0u), MCUSIM_MODEL_OUTPUT_BYTES);
  return 0;
}}

{in_type}* mcusim_model_input(void) {{ return ({in_type}*)mcusim_plan_input(&ctx, 0u); }}

const {out_type}* mcusim_model_output(void) {{ return (const {out_type}*)mcusim_plan_output(&ctx, 0u); }}
)",
      fmt::arg("in_type", c_type(input.type)), fmt::arg("out_type", c_type(output.type)),
      fmt::arg("plan_const", plan_in_ram ? "" : "const "));
}

std::string plan_c_text(const ExportInputs& in) {
  std::string text = fmt::format(
      "/* mcusim_model_plan.c — the plan blob of {} (runtime/include/mcusim_plan.h):\n"
      " * {} bytes, the same bytes `mcusim run` measured. Generated by `mcusim export`. */\n"
      "#include \"mcusim_model.h\"\n\n"
      "/* 16-aligned, as the measured firmware placed it; the engine needs 4.{}*/\n"
      "__attribute__((aligned(16))) {}uint8_t mcusim_model_plan[MCUSIM_MODEL_PLAN_BYTES] = {{\n",
      in.model_name, in.plan->bytes.size(),
      in.weights_in_ram ? "\n * Not const: in RAM (.data), copied from flash at start-up, as measured\n"
                          " * (--weights-in ram): no flash wait states on its reads. "
                        : " ",
      in.weights_in_ram ? "" : "const ");
  const auto& bytes = in.plan->bytes;
  for (std::size_t i = 0; i < bytes.size(); i += 16) {
    text += " ";
    for (std::size_t j = i; j < std::min(bytes.size(), i + 16); ++j) text += fmt::format(" 0x{:02x},", bytes[j]);
    text += "\n";
  }
  return text + "};\n";
}

struct SourceLists {
  std::vector<std::string> runtime;  // mcusim_model.c, the plan, engine and kernels
  std::vector<std::string> helpers;  // runtime/device EABI helpers and mem*
  std::vector<std::string> flags;    // the variant's
};

std::string make_list(const std::string& name, const std::vector<std::string>& items, const char* prefix) {
  std::string text = name + " := \\\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    text += fmt::format("  {}{}{}\n", prefix, items[i], i + 1 < items.size() ? " \\" : "");
  }
  return text;
}

std::string makefile_text(const ExportInputs& in, const SourceLists& lists) {
  std::vector<std::string> measured_flags = firmware::core_compile_flags(in.target->core);
  for (std::string& flag : firmware::common_compile_flags(firmware::Optimization::O2)) measured_flags.push_back(flag);
  std::string text = fmt::format(
      "# mcusim_model.mk — {} for {} ({}), kernels '{}'. Generated by `mcusim export`.\n"
      "#   include path/to/export/mcusim_model.mk\n"
      "#   SRCS   += $(MCUSIM_MODEL_SRCS)         # and $(MCUSIM_MODEL_HELPER_SRCS) without libgcc/libc\n"
      "#   CFLAGS += $(MCUSIM_MODEL_CFLAGS)\n"
      "#   link with --gc-sections\n"
      "# mcusim compiled them with clang-14 and these flags (MCUSIM_MODEL_MEASURED_FLAGS):\n"
      "#   {}\n\n"
      "MCUSIM_MODEL_DIR ?= $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))\n\n",
      in.model_name, in.target->name, core_name(in.target->core), in.variant, fmt::join(measured_flags, " "));
  text += make_list("MCUSIM_MODEL_SRCS", lists.runtime, "$(MCUSIM_MODEL_DIR)/") + "\n";
  text += make_list("MCUSIM_MODEL_HELPER_SRCS", lists.helpers, "$(MCUSIM_MODEL_DIR)/") + "\n";
  text += make_list("MCUSIM_MODEL_DEFINES", in.runtime->defines, "") + "\n";
  text += fmt::format("# The variant's flags (clang; GCC has no -mllvm: drop those two, the cycles then differ).\n"
                      "MCUSIM_MODEL_VARIANT_FLAGS := {}\n\n",
                      fmt::join(lists.flags, " "));
  text += fmt::format("MCUSIM_MODEL_MEASURED_FLAGS := {}\n\n", fmt::join(measured_flags, " "));
  text += "MCUSIM_MODEL_CFLAGS := -I$(MCUSIM_MODEL_DIR) $(addprefix -D,$(MCUSIM_MODEL_DEFINES)) "
          "$(MCUSIM_MODEL_VARIANT_FLAGS)\n";
  return text;
}

std::string cmake_text(const ExportInputs& in, const SourceLists& lists) {
  auto list = [](const std::vector<std::string>& items, const char* prefix) {
    std::string text;
    for (const std::string& item : items) text += fmt::format("\n  {}{}", prefix, item);
    return text;
  };
  return fmt::format(
      "# mcusim_model.cmake — {model} for {target}, kernels '{variant}'. Generated by `mcusim export`.\n"
      "#   include(path/to/export/mcusim_model.cmake)\n"
      "#   target_link_libraries(app PRIVATE mcusim_model)   # link with --gc-sections\n"
      "#   target_sources(app PRIVATE ${{MCUSIM_MODEL_HELPER_SOURCES}})  # only without libgcc/libc\n"
      "set(MCUSIM_MODEL_DIR ${{CMAKE_CURRENT_LIST_DIR}})\n"
      "add_library(mcusim_model STATIC{sources})\n"
      "target_include_directories(mcusim_model PUBLIC ${{MCUSIM_MODEL_DIR}})\n"
      "target_compile_definitions(mcusim_model PRIVATE{defines})\n"
      "target_compile_options(mcusim_model PRIVATE{flags})\n"
      "set(MCUSIM_MODEL_HELPER_SOURCES{helpers})\n",
      fmt::arg("model", in.model_name), fmt::arg("target", in.target->name), fmt::arg("variant", in.variant),
      fmt::arg("sources", list(lists.runtime, "${MCUSIM_MODEL_DIR}/")),
      fmt::arg("defines", list(in.runtime->defines, "")), fmt::arg("flags", list(lists.flags, "")),
      fmt::arg("helpers", list(lists.helpers, "${MCUSIM_MODEL_DIR}/")));
}

std::string readme_text(const ExportInputs& in, const SourceLists& lists, const compiler::Tensor& input,
                        const compiler::Tensor& output) {
  std::string measured = "Not measured (export ran without a simulation).\n";
  if (in.measured) {
    const ExportMeasurement& m = *in.measured;
    measured = fmt::format("| what | measured |\n| --- | --- |\n| inference | {} |\n", cycles_line(m, *in.target));
    measured += fmt::format("| arena | {} bytes planned", in.plan->arena_bytes);
    if (m.arena_peak_bytes) measured += fmt::format(", {} used", *m.arena_peak_bytes);
    measured += " |\n";
    if (m.stack_peak_bytes) {
      measured += fmt::format("| stack peak | {} bytes: the whole measured firmware (start-up, harness, init, "
                              "invoke); reserve it plus your own |\n",
                              *m.stack_peak_bytes);
    }
    measured += fmt::format("| flash | {} bytes weights and plan, {} bytes code (start-up and harness included) |\n",
                            m.flash_weights_bytes, m.flash_code_bytes);
  }
  const std::string soft_float =
      in.runtime->needs_soft_float
          ? "\nThe model converts float at its edges (QUANTIZE / DEQUANTIZE): link your toolchain's "
            "soft-float helpers (libgcc, `-lgcc`) unless the core has an FPU and the hard-float ABI.\n"
          : "";
  return fmt::format(
      R"(# {model} on {target}: the measured inference runtime

Exported by `mcusim export` for {target} ({core}, kernels `{variant}`): the
same runtime sources and plan bytes the firmware `mcusim run` measured
compiled, so no inference code is written by hand.

## Measured

{measured}
The cycles were measured with `MCUSIM_TRACE_MARKERS` defined (two trace-port
stores per layer, two around the inference). Built without it, as for
production, the code is the same less those stores.

## Use

```c
#include "mcusim_model.h"

static uint8_t arena[MCUSIM_MODEL_ARENA_BYTES] __attribute__((aligned(16)));

if (mcusim_model_init(arena, sizeof arena) != 0) {{ /* the plan was refused */ }}
mcusim_model_invoke(input, output);   /* {in_bytes} bytes in, {out_bytes} bytes out */
```

- input: {input}
- output: {output}

`mcusim_model.h` has the sizes and quantization as macros
(`MCUSIM_MODEL_INPUT_BYTES`, `MCUSIM_MODEL_INPUT_SCALE`, ...).

## Build

Add to your firmware (paths relative to this folder):

- sources: {sources}
- EABI helpers and `mem*` (`runtime/device/`), only if your firmware links no
  libgcc / libc: {helpers}
- include path: this folder (`-I.`: the sources include `"runtime/..."`)
- defines: {defines} — the engine compiles in these operators only
- the variant's flags: `{flags}` (clang; with GCC drop `-mllvm -disable-lsr`,
  and the cycles will differ from the measured ones)
- mcusim compiled with clang-14 `{measured_flags}` and linked with `--gc-sections`
{soft_float}
`mcusim_model.mk` (Makefile) and `mcusim_model.cmake` (CMake) list the same.
)",
      fmt::arg("model", in.model_name), fmt::arg("target", in.target->name),
      fmt::arg("core", core_name(in.target->core)), fmt::arg("variant", in.variant), fmt::arg("measured", measured),
      fmt::arg("in_bytes", input.byte_size()), fmt::arg("out_bytes", output.byte_size()),
      fmt::arg("input", tensor_description(input)), fmt::arg("output", tensor_description(output)),
      fmt::arg("sources", fmt::format("`{}`", fmt::join(lists.runtime, "`, `"))),
      fmt::arg("helpers", fmt::format("`{}`", fmt::join(lists.helpers, "`, `"))),
      fmt::arg("defines", fmt::format("`{}`", fmt::join(in.runtime->defines, "`, `"))),
      fmt::arg("flags", fmt::join(lists.flags, " ")),
      fmt::arg("measured_flags", [&] {
        std::vector<std::string> flags = firmware::core_compile_flags(in.target->core);
        for (std::string& flag : firmware::common_compile_flags(firmware::Optimization::O2)) flags.push_back(flag);
        return fmt::format("{}", fmt::join(flags, " "));
      }()),
      fmt::arg("soft_float", soft_float));
}

}  // namespace

std::vector<fs::path> included_headers(const std::vector<fs::path>& sources) {
  static const std::regex include_line(R"re(^\s*#\s*include\s*"(runtime/[^"]+)")re");
  const fs::path root = firmware::runtime_include_root();
  std::set<fs::path> seen(sources.begin(), sources.end());
  std::vector<fs::path> pending = sources, headers;
  while (!pending.empty()) {
    const fs::path file = pending.back();
    pending.pop_back();
    std::istringstream lines(read_text(file));
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (!std::regex_search(line, match, include_line)) continue;
      const fs::path header = (root / match[1].str()).lexically_normal();
      if (!fs::is_regular_file(header) || !seen.insert(header).second) continue;
      headers.push_back(header);
      pending.push_back(header);
    }
  }
  std::ranges::sort(headers);
  return headers;
}

std::vector<ExportFile> export_files(const ExportInputs& in) {
  const compiler::Tensor& input = only_tensor(*in.model, in.model->inputs, "input");
  const compiler::Tensor& output = only_tensor(*in.model, in.model->outputs, "output");

  const std::vector<fs::path> helpers = helper_sources();
  std::vector<fs::path> all_sources = in.runtime->sources;
  all_sources.insert(all_sources.end(), helpers.begin(), helpers.end());

  std::vector<ExportFile> files;
  SourceLists lists;
  lists.runtime = {"mcusim_model.c", "mcusim_model_plan.c"};
  lists.flags = in.runtime->compile_flags;
  for (const fs::path& source : in.runtime->sources) lists.runtime.push_back(export_path(source).generic_string());
  for (const fs::path& source : helpers) lists.helpers.push_back(export_path(source).generic_string());
  for (const fs::path& file : all_sources) files.push_back({export_path(file), read_text(file)});
  for (const fs::path& file : included_headers(all_sources)) files.push_back({export_path(file), read_text(file)});

  files.push_back({"mcusim_model.h", header_text(in, input, output)});
  files.push_back({"mcusim_model.c", model_c_text(input, output, in.weights_in_ram)});
  files.push_back({"mcusim_model_plan.c", plan_c_text(in)});
  files.push_back({"mcusim_model.mk", makefile_text(in, lists)});
  files.push_back({"mcusim_model.cmake", cmake_text(in, lists)});
  files.push_back({"README.md", readme_text(in, lists, input, output)});
  std::ranges::sort(files, {}, &ExportFile::relative);
  return files;
}

}  // namespace mcusim::cli
