// tools/mcusim/model_run.cpp — see model_run.hpp.
#include "tools/mcusim/model_run.hpp"

#include "profiler/energy.hpp"
#include "profiler/execution_profiler.hpp"
#include "profiler/flash_breakdown.hpp"
#include "profiler/model_profile.hpp"
#include "runtime/compiler/kernel_variants.hpp"
#include "runtime/compiler/synthetic_values.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "runtime/firmware/firmware_builder.hpp"
#include "runtime/firmware/runtime_dir.hpp"
#include "runtime/firmware/toolchain.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/error.hpp"
#include "tools/mcusim/workloads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;
using compiler::Model;
using compiler::OpKind;

// Multiply-accumulates of one operator: the figure cycles per MAC divides by.
std::int64_t macs_of(const Model& model, const compiler::Operator& op) {
  const auto& out = model.tensors.at(static_cast<std::size_t>(op.outputs.at(0)));
  const auto& filter = [&]() -> const compiler::Tensor& {
    return model.tensors.at(static_cast<std::size_t>(op.inputs.at(1)));
  };
  switch (op.kind) {
    case OpKind::FullyConnected:  // [out][in] weights: one MAC per weight per batch row
      return out.element_count() / std::max(1, filter().shape.at(0)) * filter().element_count();
    case OpKind::Conv2D: {  // every output element sums filter_h x filter_w x filter_c products
      const auto& f = filter().shape;
      return out.element_count() * std::int64_t{f.at(1)} * f.at(2) * f.at(3);
    }
    case OpKind::DepthwiseConv2D: {
      const auto& f = filter().shape;
      return out.element_count() * std::int64_t{f.at(1)} * f.at(2);
    }
    default: return 0;
  }
}

}  // namespace

std::vector<profiler::LayerInfo> layer_infos(const Model& model) {
  std::vector<profiler::LayerInfo> layers;
  for (const compiler::Operator& op : model.operators) {
    const auto& out = model.tensors.at(static_cast<std::size_t>(op.outputs.at(0)));
    layers.push_back({out.name, std::string(compiler::op_kind_name(op.kind)), macs_of(model, op)});
  }
  return layers;
}

namespace {

// Deterministic inputs when the user gives none: a SplitMix64 stream per
// inference (compiler/synthetic_values.hpp), its top byte per element, so
// every machine feeds the same bytes.
std::vector<std::uint8_t> generated_input(std::uint32_t bytes, std::uint32_t inference) {
  compiler::SplitMix64 random(0x6D63'7573'696D'0000ull + inference);
  std::vector<std::uint8_t> out(bytes);
  for (auto& b : out) b = static_cast<std::uint8_t>(random.next() >> 56);
  return out;
}

std::vector<std::uint8_t> write_inputs(const fs::path& file, const ModelRunRequest& request,
                                       std::uint32_t input_bytes, std::uint32_t count) {
  std::vector<std::uint8_t> first;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::vector<std::uint8_t> input =
        request.inputs.empty() ? generated_input(input_bytes, i) : request.inputs[i % request.inputs.size()];
    if (input.size() != input_bytes) {
      throw Error(ErrorKind::BadInput,
                  fmt::format("input {} has {} bytes, but the model's input tensor takes {}", i % std::max<std::size_t>(1, request.inputs.size()),
                              input.size(), input_bytes),
                  "give the input tensor as raw int8 bytes (or an int8 .npy) of exactly that size");
    }
    out.write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
    if (i == 0) first = input;
  }
  if (!out) throw Error(ErrorKind::Internal, fmt::format("cannot write {}", file.string()));
  return first;
}

std::vector<fs::path> sources_in(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::ranges::sort(files);
  return files;
}

bool needs_soft_float(const std::vector<std::string>& defines) {
  return std::ranges::any_of(defines, [](const std::string& d) {
    return d == "MCUSIM_OP_QUANTIZE_F32" || d == "MCUSIM_OP_DEQUANTIZE";
  });
}

}  // namespace

compiler::PlanBlob model_plan(const Model& model, std::string_view variant) {
  // The variant's blocks (weight layouts, folded constants) go into its plan.
  compiler::PlanOptions options;
  options.variant = std::string(variant);
  return compiler::write_plan(model, options);
}

RuntimeBuild runtime_build(const compiler::PlanBlob& plan, std::string_view variant,
                           const std::vector<compiler::UserKernel>& user_kernels) {
  // The engine with the model's operators only, the variant's kernels (the
  // user's in place of theirs for the operators they name).
  const fs::path runtime_dir = firmware::bundled_runtime_dir();
  RuntimeBuild build;
  build.sources = compiler::with_user_kernels(compiler::kernel_variant_sources(runtime_dir, variant), user_kernels);
  for (const fs::path& source : sources_in(runtime_dir / "engine", ".c")) build.sources.push_back(source);
  build.defines = plan.op_defines;
  build.compile_flags = compiler::kernel_variant_compile_flags(variant);
  build.needs_soft_float = needs_soft_float(plan.op_defines);
  return build;
}

std::string resolve_variant(std::string_view variant, CoreModel core) {
  if (variant == "auto") return is_armv6m(core) ? "m0" : "m4";
  if (!compiler::is_kernel_variant(variant)) {
    throw Error(ErrorKind::Usage, fmt::format("unknown kernel variant '{}'", variant),
                "use --variant ref, m0, m4 or auto");
  }
  if (is_armv6m(core) && !compiler::kernel_variant_runs_on_armv6m(variant)) {
    throw Error(ErrorKind::Usage,
                fmt::format("variant '{}' needs the ARMv7E-M DSP instructions, which a {} does not have",
                            variant, core_name(core)),
                "use --variant m0 (or ref, or auto) on an ARMv6-M target, or pick a Cortex-M4 target");
  }
  return std::string(variant);
}

Model load_model(const fs::path& file, std::span<const compiler::SpecOverride> overrides) {
  if (!fs::is_regular_file(file)) {
    throw_bad_input("give a .tflite file or a model spec .toml (docs/model-spec.md), or --workload NAME",
                    "model file {} does not exist", file.string());
  }
  if (file.extension() == ".toml") return compiler::load_model_spec(file, overrides);
  if (!overrides.empty()) {
    throw Error(ErrorKind::Usage, fmt::format("--set {} given for {}, a .tflite file", overrides.front().text, file.string()),
                "--set changes the layers of a model spec (.toml, docs/model-spec.md); a .tflite model is run as it is");
  }
  return compiler::read_tflite_file(file);
}

ModelRunOutcome run_model(const Target& target, const ModelRunRequest& request) {
  return run_model(target, request, build_model_firmware(target, request));
}

ModelFirmware build_model_firmware(const Target& target, const ModelRunRequest& request) {
  ModelFirmware built;
  built.variant = resolve_variant(request.variant, target.core);
  const Model& model = request.model;
  if (model.inputs.size() != 1 || model.outputs.size() != 1) {
    throw_bad_input("the run harness feeds one input tensor and reads one output tensor",
                    "{}: the model has {} inputs and {} outputs", request.model_file.string(),
                    model.inputs.size(), model.outputs.size());
  }
  if (request.battery_mah && !request.rate_hz) {
    throw Error(ErrorKind::Usage, "--battery-mah without --rate",
                "a battery life needs the inference rate: add --rate HZ (inferences per second)");
  }
  if (request.rate_hz && !target.power) {
    throw Error(ErrorKind::Usage,
                fmt::format("--rate needs power figures, and target '{}' has no [power] section", target.name),
                "pick a target with power figures (docs/energy.md lists them) or add [power] to its file");
  }
  if (request.rate_hz) {  // the duty cycle's own checks, before minutes of simulation
    profiler::duty_cycle(profiler::EnergyModel(*target.power, target.clock_hz, profiler::CodeLocation::Flash), 0, 0,
                         *request.rate_hz, request.battery_mah, target.name);
  }
  built.plan = model_plan(model, built.variant);
  const compiler::PlanBlob& plan = built.plan;
  const auto& input = model.tensors.at(static_cast<std::size_t>(model.inputs[0]));
  const auto& output = model.tensors.at(static_cast<std::size_t>(model.outputs[0]));
  built.input_bytes = static_cast<std::uint32_t>(input.byte_size());
  built.output_bytes = static_cast<std::uint32_t>(output.byte_size());
  const std::uint32_t inferences = 1 + request.warm_inferences;

  // The firmware: device start-up and helpers (added by the builder), the
  // runtime (runtime_build: what `mcusim export` ships), the harness.
  const RuntimeBuild runtime = runtime_build(plan, built.variant, request.user_kernels);
  firmware::FirmwareSpec spec;
  spec.name = "model";
  spec.sources = runtime.sources;
  spec.sources.push_back(firmware::bundled_runtime_dir() / "harness" / "inference_main.c");
  spec.include_dirs = {firmware::runtime_include_root()};
  spec.defines = runtime.defines;
  spec.defines.push_back("MCUSIM_TRACE_MARKERS");
  spec.defines.push_back(fmt::format("MCUSIM_INFERENCES={}", inferences));
  if (request.dump_tensors) spec.defines.push_back("MCUSIM_LAYER_DONE_HOOK");
  spec.compile_flags = runtime.compile_flags;
  if (runtime.needs_soft_float) spec.libraries.push_back(firmware::soft_float_library(target.core));
  spec.blobs = {{"mcusim_plan", plan.bytes, 16, request.weights_in_ram}};
  spec.arena_bytes = plan.arena_bytes;
  spec.stack_bytes = request.stack_bytes;
  spec.paint_stack = true;
  built.image = firmware::FirmwareBuilder(request.work_dir).build(target, spec);

  built.input_dir = request.work_dir / "inputs";
  fs::create_directories(built.input_dir);
  built.first_input = write_inputs(built.input_dir / "inputs.bin", request, built.input_bytes, inferences);
  built.elf = load_elf(built.image.elf);
  return built;
}

ModelRunOutcome run_model(const Target& target, const ModelRunRequest& request, const ModelFirmware& built) {
  ModelRunOutcome outcome;
  outcome.variant = built.variant;
  outcome.model = request.model;
  outcome.input_bytes = built.input_bytes;
  outcome.output_bytes = built.output_bytes;
  outcome.first_input = built.first_input;
  const compiler::PlanBlob& plan = built.plan;
  const firmware::FirmwareImage& image = built.image;
  const ElfImage& elf = built.elf;
  const auto& output = outcome.model.tensors.at(static_cast<std::size_t>(outcome.model.outputs[0]));
  outcome.elf = image.elf;
  outcome.toolchain = image.toolchain;

  RunOptions options = request.limits;
  options.semihosting_root = built.input_dir;
  if (request.profile) {
    profiler::ProfiledRun profiled = profiler::simulate_profiled(target, elf, options);
    outcome.run = std::move(profiled.run);
    outcome.execution = std::move(profiled.profile);
  } else {
    outcome.run = simulate(target, elf, options);
  }

  ModelRunFacts& facts = outcome.facts;
  facts.workload = request.workload;
  // A bundled workload's model by its place in the repository, not this
  // checkout's absolute path, so that two checkouts write the same report.
  facts.model = request.workload.empty()
                    ? request.model_file.string()
                    : request.model_file.lexically_relative(bundled_workloads_dir().parent_path()).generic_string();
  facts.overrides = request.overrides;
  facts.model_notes = request.model.notes;
  facts.variant = outcome.variant;
  facts.arena_bytes = plan.arena_bytes;
  facts.arena_naive_bytes = plan.naive_arena_bytes;
  facts.stack_reserved_bytes = image.sizes.stack;
  facts.flash.code_bytes = std::uint64_t{image.sizes.code} + image.sizes.rodata + image.sizes.data;
  facts.flash.weights_bytes = std::uint64_t{image.sizes.blobs} + image.sizes.ram_blobs;
  facts.weights_in_ram = request.weights_in_ram;
  for (const compiler::UserKernel& kernel : request.user_kernels) {
    facts.user_kernels.push_back({kernel.op, kernel.source.string()});
  }
  facts.flash.total_bytes = image.sizes.flash_bytes();
  facts.ram_bytes = image.sizes.ram_bytes();
  facts.output_is_int8 = output.type == compiler::ElementType::Int8;
  facts.flash_breakdown = profiler::flash_breakdown(profiler::read_link_map(image.map_file), elf,
                                                    *target.first_of(RegionKind::Flash), plan.weights_bytes);
  // The firmware runs in place from flash (runtime/firmware/linker_script.cpp).
  const auto energy = profiler::energy_model_for(target, profiler::CodeLocation::Flash);
  if (energy) facts.run_energy = profiler::run_energy(*energy, profiler::run_activity(outcome.run));

  if (outcome.run.fault || outcome.run.exit_status.value_or(1) != 0) return outcome;
  outcome.profile = profiler::profile_model_run(outcome.run, layer_infos(outcome.model));
  if (energy) {
    facts.inference_energy = profiler::inference_energy(*energy, *outcome.profile);
    if (request.rate_hz) {
      const double seconds = static_cast<double>(outcome.profile->worst_cycles) / static_cast<double>(target.clock_hz);
      facts.duty_cycle = profiler::duty_cycle(*energy, facts.inference_energy->worst_uj, seconds, *request.rate_hz,
                                              request.battery_mah, target.name);
    }
  }
  if (request.budget) {
    facts.budgets = judge(*request.budget, [&](const std::string& key) {
      return measured_for_budget(key, outcome.run, *outcome.profile, facts);
    });
  }
  return outcome;
}

}  // namespace mcusim::cli
