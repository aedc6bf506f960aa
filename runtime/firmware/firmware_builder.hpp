// runtime/firmware/firmware_builder.hpp — compiles and links a firmware image
// for a target at run time with clang-14 / ld.lld-14: the device runtime's
// start-up and helpers, the caller's sources, embedded blobs, and a linker
// script generated from the target's memory map (linker_script.hpp).
//
// What `mcusim run` hands it: the sources of runtime/engine, of the chosen
// kernel variant and a generated main (GeneratedSource), the plan as a Blob,
// the planned arena and a stack size:
//
//   firmware::FirmwareSpec spec;
//   spec.name = "touch";
//   spec.sources = engine_and_kernel_sources;
//   spec.generated_sources = {{"main.c", generated_main}};
//   spec.include_dirs = {firmware::runtime_include_root()};
//   spec.blobs = {{"mcusim_plan", plan_bytes, 16}};
//   spec.arena_bytes = planned_arena;
//   spec.stack_bytes = 2048;
//   const firmware::FirmwareImage image =
//       firmware::FirmwareBuilder(work_dir).build(target, spec);
//   // image.elf -> load_elf() -> simulate(); image.sizes for the report.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/firmware/blob_source.hpp"
#include "runtime/firmware/size_breakdown.hpp"
#include "runtime/firmware/toolchain.hpp"
#include "sim/target/target.hpp"

namespace mcusim::firmware {

// Source text written into the work directory and compiled like a file.
struct GeneratedSource {
  std::string file_name;  // "main.c", "glue.S": a plain file name, its extension picks the language
  std::string text;
};

struct FirmwareSpec {
  std::string name = "firmware";  // the ELF is <work>/<name>/<name>.elf; letters, digits, '-', '_', '.'
  std::vector<std::filesystem::path> sources;  // .c, .S (preprocessed) or .s, compiled in this order
  std::vector<GeneratedSource> generated_sources;
  std::vector<std::filesystem::path> include_dirs;
  std::vector<std::string> defines;  // "NAME" or "NAME=value"
  // More clang flags for every source, after the core's and the common ones
  // (a kernel variant's, compiler::kernel_variant_compile_flags).
  std::vector<std::string> compile_flags;
  std::vector<Blob> blobs;
  // Archives linked after the objects, e.g. soft_float_library(core).
  std::vector<std::filesystem::path> libraries;
  std::uint32_t arena_bytes = 0;
  std::uint32_t arena_alignment = 16;
  std::uint32_t stack_bytes = 4096;
  Optimization optimization = Optimization::O2;
  // Link runtime/device (start-up, EABI helpers, mem*) and add
  // runtime_include_root() to the include path. false: the sources bring
  // their own vector table and Reset_Handler.
  bool device_runtime = true;
  // Build the start-up with MCUSIM_DEVICE_PAINT_STACK (startup.h).
  bool paint_stack = false;
};

struct FirmwareImage {
  std::filesystem::path elf;
  std::filesystem::path linker_script;
  std::filesystem::path map_file;  // ld.lld's -Map of the final link: input sections per object
  SizeBreakdown sizes;
  std::string toolchain;  // Toolchain::description(), for the report
};

class FirmwareBuilder {
 public:
  // `work_dir` holds one sub-directory per firmware name (created as needed).
  explicit FirmwareBuilder(std::filesystem::path work_dir);
  FirmwareBuilder(std::filesystem::path work_dir, Toolchain toolchain);

  // Compiles, links and checks the image. The same spec, target and
  // toolchain give a byte-identical ELF, whatever the work directory.
  // Throws mcusim::Error (BadInput, exit 2):
  //   - a compiler or linker failure, its messages verbatim in the message;
  //   - code + rodata + blobs + data larger than the target's first flash
  //     region, or data + bss + arena + stack larger than its first RAM
  //     region: every part's bytes and by how many bytes it overflows
  //     (measured on a link with the limits lifted, not taken from lld).
  FirmwareImage build(const Target& target, const FirmwareSpec& spec) const;

  const Toolchain& toolchain() const noexcept { return toolchain_; }

 private:
  std::filesystem::path compile(const Target& target, const FirmwareSpec& spec,
                                const std::filesystem::path& source, const std::filesystem::path& object) const;
  std::string link(const std::filesystem::path& script, const std::vector<std::filesystem::path>& objects,
                   const std::vector<std::filesystem::path>& libraries, const std::filesystem::path& elf,
                   bool& ok, const std::filesystem::path& map_file = {}) const;

  std::filesystem::path work_dir_;
  Toolchain toolchain_;
};

}  // namespace mcusim::firmware
