// runtime/firmware/toolchain.cpp — finding clang-14 / ld.lld-14 and the
// per-core flags.
#include "runtime/firmware/toolchain.hpp"

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include "runtime/firmware/process.hpp"
#include "sim/error.hpp"

namespace mcusim::firmware {
namespace {

constexpr const char* kInstallAdvice =
    "install the cross toolchain with tools/install-deps.sh (Debian packages clang-14 and lld-14), "
    "or point MCUSIM_CLANG / MCUSIM_LLD at it";

std::optional<std::filesystem::path> on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::istringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::filesystem::path locate(const char* env, const std::string& name, const char* built_in) {
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  if (auto found = on_path(name)) return *found;
  if (*built_in != '\0' && ::access(built_in, X_OK) == 0) return built_in;
  throw_bad_input(kInstallAdvice, "{} not found on PATH (and ${} is not set)", name, env);
}

std::string first_line_of_version(const std::filesystem::path& program) {
  const ProcessResult result = run_process({program.string(), "--version"});
  if (result.exit_code != 0) {
    throw_bad_input(kInstallAdvice, "{} --version failed (exit {}): {}", program.string(), result.exit_code,
                    result.output);
  }
  return result.output.substr(0, result.output.find('\n'));
}

}  // namespace

Toolchain find_toolchain() {
  Toolchain toolchain;
  toolchain.clang = locate("MCUSIM_CLANG", "clang-14", MCUSIM_DEFAULT_CLANG);
  toolchain.lld = locate("MCUSIM_LLD", "ld.lld-14", MCUSIM_DEFAULT_LLD);
  toolchain.clang_version = first_line_of_version(toolchain.clang);
  toolchain.lld_version = first_line_of_version(toolchain.lld);
  return toolchain;
}

std::vector<std::string> core_compile_flags(CoreModel core) {
  switch (core) {
    case CoreModel::CortexM0: return {"--target=thumbv6m-none-eabi", "-mcpu=cortex-m0"};
    case CoreModel::CortexM0Plus: return {"--target=thumbv6m-none-eabi", "-mcpu=cortex-m0plus"};
    case CoreModel::CortexM4: return {"--target=thumbv7em-none-eabi", "-mcpu=cortex-m4", "-mfloat-abi=soft"};
    case CoreModel::CortexM4F:
      return {"--target=thumbv7em-none-eabi", "-mcpu=cortex-m4", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"};
  }
  return {};
}

std::vector<std::string> common_compile_flags(Optimization optimization) {
  return {"-ffreestanding", "-nostdlib", "-ffunction-sections", "-fdata-sections", "-g",
          optimization == Optimization::Os ? "-Os" : "-O2", "-Wall", "-Wextra"};
}

std::filesystem::path soft_float_library(CoreModel core) {
  // The libgcc multilib of the core: cmake/guest_toolchain.cmake's MCUSIM_LIBGCC_FLAGS_*.
  std::vector<std::string> argv = {"arm-none-eabi-gcc", "-mthumb"};
  switch (core) {
    case CoreModel::CortexM0: argv.push_back("-mcpu=cortex-m0"); break;
    case CoreModel::CortexM0Plus: argv.push_back("-mcpu=cortex-m0plus"); break;
    case CoreModel::CortexM4: argv.insert(argv.end(), {"-mcpu=cortex-m4", "-mfloat-abi=soft"}); break;
    case CoreModel::CortexM4F:
      argv.insert(argv.end(), {"-mcpu=cortex-m4", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"});
      break;
  }
  argv.push_back("-print-libgcc-file-name");
  const ProcessResult result = run_process(argv);
  std::string path = result.output.substr(0, result.output.find('\n'));
  if (result.exit_code != 0 || path.empty() || !std::filesystem::exists(path)) {
    throw_bad_input("install gcc-arm-none-eabi with tools/install-deps.sh",
                    "no soft-float library for {}: arm-none-eabi-gcc -print-libgcc-file-name failed: {}",
                    core_name(core), result.output);
  }
  return path;
}

}  // namespace mcusim::firmware
