// runtime/firmware/firmware_builder.cpp — compile, measure, check, link.
//
// Order: compile every source; link once with a measuring script (limits
// lifted, linker_script.hpp) and read the size breakdown from it, so an
// image that does not fit is refused with our own numbers rather than lld's
// "section will not fit"; then link for real with the target's map and check
// the segments against it.
#include "runtime/firmware/firmware_builder.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "runtime/firmware/linker_script.hpp"
#include "runtime/firmware/process.hpp"
#include "runtime/firmware/runtime_dir.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/error.hpp"

namespace mcusim::firmware {
namespace {

namespace fs = std::filesystem;

// Paths as they appear in the image's DWARF, whatever the machine: the
// builder's work directory and the runtime sources.
constexpr const char* kStableWorkDir = "/mcusim/work";
constexpr const char* kStableRuntimeRoot = "/mcusim/src";

void check_name(const std::string& name, const char* what) {
  const bool ok = !name.empty() && name != "." && name != ".." &&
                  name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
                      std::string::npos;
  if (!ok) {
    throw_bad_input("use letters, digits, '-', '_' and '.'", "{} '{}' is not a plain file name", what, name);
  }
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    throw Error(ErrorKind::Internal, fmt::format("cannot write {}", file.string()),
                "check the work directory is writable and the disk not full");
  }
}

fs::path make_dir(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    throw_bad_input("choose a writable work directory", "cannot create {}: {}", dir.string(), error.message());
  }
  return dir;
}

}  // namespace

FirmwareBuilder::FirmwareBuilder(fs::path work_dir) : FirmwareBuilder(std::move(work_dir), find_toolchain()) {}

FirmwareBuilder::FirmwareBuilder(fs::path work_dir, Toolchain toolchain)
    : work_dir_(fs::absolute(std::move(work_dir)).lexically_normal()), toolchain_(std::move(toolchain)) {}

fs::path FirmwareBuilder::compile(const Target& target, const FirmwareSpec& spec, const fs::path& source,
                                  const fs::path& object) const {
  std::vector<std::string> argv = {toolchain_.clang.string()};
  for (std::string& flag : core_compile_flags(target.core)) argv.push_back(std::move(flag));
  for (std::string& flag : common_compile_flags(spec.optimization)) argv.push_back(std::move(flag));
  argv.push_back("-Wno-unused-command-line-argument");
  // Determinism: no absolute path of this machine reaches the DWARF.
  argv.push_back("-fdebug-compilation-dir=" + std::string(kStableWorkDir));
  argv.push_back("-fdebug-prefix-map=" + work_dir_.string() + "=" + kStableWorkDir);
  if (spec.device_runtime) {
    argv.push_back("-fdebug-prefix-map=" + runtime_include_root().string() + "=" + kStableRuntimeRoot);
    argv.push_back("-I" + runtime_include_root().string());
  }
  for (const fs::path& dir : spec.include_dirs) argv.push_back("-I" + dir.string());
  for (const std::string& define : spec.defines) argv.push_back("-D" + define);
  for (const std::string& flag : spec.compile_flags) argv.push_back(flag);
  if (spec.paint_stack) argv.push_back("-DMCUSIM_DEVICE_PAINT_STACK");
  // Files the builder wrote (generated sources, blobs) are named relative to
  // the image's directory and compiled from there: clang-14's assembler
  // ignores -fdebug-prefix-map, and a relative name needs no mapping.
  const fs::path dir = object.parent_path().parent_path();
  const fs::path relative = source.lexically_relative(dir);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  argv.insert(argv.end(), {"-c", inside ? relative.string() : source.string(), "-o", object.string()});
  const ProcessResult result = run_process(argv, dir);
  if (result.exit_code != 0) {
    throw Error(ErrorKind::BadInput,
                fmt::format("compiling {} for {} failed ({} exit {}):\n{}", source.string(), core_name(target.core),
                            toolchain_.clang.filename().string(), result.exit_code, result.output),
                fmt::format("fix the source at the places the compiler names; the command was: {}",
                            command_text(argv)));
  }
  return object;
}

std::string FirmwareBuilder::link(const fs::path& script, const std::vector<fs::path>& objects,
                                  const std::vector<fs::path>& libraries, const fs::path& elf, bool& ok,
                                  const fs::path& map_file) const {
  std::vector<std::string> argv = {toolchain_.lld.string(), "-T", script.string(), "--gc-sections",
                                   "-o", elf.string()};
  // The map says which object each input section came from (profiler/flash_breakdown.hpp).
  if (!map_file.empty()) argv.push_back("-Map=" + map_file.string());
  for (const fs::path& object : objects) argv.push_back(object.string());
  for (const fs::path& library : libraries) argv.push_back(library.string());
  const ProcessResult result = run_process(argv);
  ok = result.exit_code == 0;
  return ok ? std::string() : fmt::format("{}\n(command: {})", result.output, command_text(argv));
}

FirmwareImage FirmwareBuilder::build(const Target& target, const FirmwareSpec& spec) const {
  check_name(spec.name, "firmware name");
  const fs::path dir = make_dir(work_dir_ / spec.name);
  const fs::path object_dir = make_dir(dir / "obj");
  const fs::path generated_dir = make_dir(dir / "generated");

  // Every source, in a fixed order: the device runtime, the caller's files,
  // the generated ones, the blobs.
  std::vector<fs::path> sources;
  if (spec.device_runtime) sources = device_runtime_sources();
  sources.insert(sources.end(), spec.sources.begin(), spec.sources.end());
  for (const GeneratedSource& generated : spec.generated_sources) {
    check_name(generated.file_name, "generated source");
    const fs::path file = generated_dir / generated.file_name;
    write_text(file, generated.text);
    sources.push_back(file);
  }
  for (const Blob& blob : spec.blobs) {
    for (const Blob& other : spec.blobs) {
      if (&other != &blob && other.symbol == blob.symbol) {
        throw_bad_input("give every blob its own symbol", "two blobs are named '{}'", blob.symbol);
      }
    }
    check_blob(blob);
    // Relative to `dir`, where the assembler runs (compile()).
    const fs::path data = fs::path("generated") / (blob.symbol + ".bin");
    write_blob_data(blob, dir / data);
    const fs::path file = generated_dir / (blob.symbol + ".blob.s");
    write_text(file, blob_source_text(blob, data.string()));
    sources.push_back(file);
  }

  std::vector<fs::path> objects;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const fs::path& source = sources[i];
    if (!fs::is_regular_file(source)) {
      throw_bad_input("check the path", "source file {} does not exist", source.string());
    }
    const fs::path object = object_dir / fmt::format("{:03}-{}.o", i, source.filename().string());
    objects.push_back(compile(target, spec, source, object));
  }

  LinkerScriptOptions layout;
  layout.arena_bytes = spec.arena_bytes;
  layout.arena_alignment = spec.arena_alignment;
  layout.stack_bytes = spec.stack_bytes;
  const std::string what = fmt::format("firmware '{}'", spec.name);

  // 1. Measure: limits lifted, so the sizes are known even when they overflow.
  layout.enforce_limits = false;
  const fs::path measure_script = dir / (spec.name + ".measure.ld");
  const fs::path measure_elf = dir / (spec.name + ".measure.elf");
  write_text(measure_script, generate_linker_script(target, layout));
  bool linked = false;
  std::string messages = link(measure_script, objects, spec.libraries, measure_elf, linked);
  if (!linked) {
    throw Error(ErrorKind::BadInput, fmt::format("linking {} failed:\n{}", what, messages),
                "the linker's messages above name the missing or duplicate symbols");
  }
  const SizeBreakdown measured = read_size_breakdown(load_elf(measure_elf));
  std::error_code ignored;
  fs::remove(measure_elf, ignored);
  check_fits(measured, target, what);

  // 2. Link for the target's real memory map.
  layout.enforce_limits = true;
  FirmwareImage image;
  image.linker_script = dir / (spec.name + ".ld");
  image.elf = dir / (spec.name + ".elf");
  image.map_file = dir / (spec.name + ".map");
  write_text(image.linker_script, generate_linker_script(target, layout));
  messages = link(image.linker_script, objects, spec.libraries, image.elf, linked, image.map_file);
  if (!linked) {
    throw Error(ErrorKind::BadInput, fmt::format("linking {} for target '{}' failed:\n{}", what, target.name, messages),
                "the linker's messages above say what went wrong");
  }
  const ElfImage elf = load_elf(image.elf);
  check_segments_fit(elf, target);
  image.sizes = read_size_breakdown(elf);
  check_fits(image.sizes, target, what);
  image.toolchain = toolchain_.description();
  return image;
}

}  // namespace mcusim::firmware
