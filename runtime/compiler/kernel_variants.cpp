// runtime/compiler/kernel_variants.cpp — the kernel variants' source lists.
#include "runtime/compiler/kernel_variants.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include <fmt/format.h>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 3> kVariants = {"ref", "m0", "m4"};

void require_variant(std::string_view variant) {
  if (is_kernel_variant(variant)) return;
  throw_bad_input(fmt::format("choose one of: {}", fmt::join(kVariants, ", ")),
                  "unknown kernel variant '{}'", variant);
}

// The *.c files directly inside `dir`, sorted by name (directory order is not
// deterministic).
std::vector<fs::path> c_files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".c") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return files;
}

}  // namespace

std::span<const std::string_view> kernel_variant_names() { return kVariants; }

bool is_kernel_variant(std::string_view variant) {
  return std::find(kVariants.begin(), kVariants.end(), variant) != kVariants.end();
}

std::vector<fs::path> kernel_variant_sources(const fs::path& runtime_dir, std::string_view variant) {
  require_variant(variant);
  const fs::path kernels = runtime_dir / "kernels";
  std::vector<fs::path> sources = c_files_in(kernels);
  if (sources.empty()) {
    throw_bad_input("pass the runtime/ folder of an mcusim source tree", "{}: no kernel sources (*.c) found",
                    kernels.string());
  }
  if (variant == "ref") return sources;
  const fs::path variant_dir = kernels / std::string(variant);
  for (fs::path& source : sources) {
    const fs::path replacement = variant_dir / source.filename();
    std::error_code ec;
    if (fs::is_regular_file(replacement, ec)) source = replacement;
  }
  return sources;
}

std::vector<std::string> kernel_variant_compile_flags(std::string_view variant) {
  require_variant(variant);
  // Keep in step with cmake/kernel_variants.cmake.
  // m4: ARMv7-M LDR accepts unaligned addresses (ARMv7-M ARM DDI 0403E §A3.2)
  // and clang's bare-metal default is strict alignment. m0 and m4: their loops
  // are laid out for the registers (runtime/kernels/m0/dot_s8.h,
  // m4/dot_s8.h): no frame pointer in r7, and no loop strength reduction
  // turning a shared index into one pointer per array.
  if (variant == "m4") return {"-munaligned-access", "-fomit-frame-pointer", "-mllvm", "-disable-lsr"};
  if (variant == "m0") return {"-fomit-frame-pointer", "-mllvm", "-disable-lsr"};
  return {};
}

bool kernel_variant_runs_on_armv6m(std::string_view variant) {
  require_variant(variant);
  return variant != "m4";
}

}  // namespace mcusim::compiler
