// runtime/firmware/toolchain.hpp — the pinned cross toolchain (clang-14 and
// ld.lld-14) and the compile flags of each core.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/target/target.hpp"

namespace mcusim::firmware {

struct Toolchain {
  std::filesystem::path clang;  // clang-14
  std::filesystem::path lld;    // ld.lld-14
  std::string clang_version;    // first line of --version: "Debian clang version 14.0.6"
  std::string lld_version;      // "Debian LLD 14.0.6 (compatible with GNU linkers)"

  // "Debian clang version 14.0.6; Debian LLD 14.0.6 (...)": the report's `toolchain`.
  std::string description() const { return clang_version + "; " + lld_version; }
};

// Finds clang and ld.lld: $MCUSIM_CLANG / $MCUSIM_LLD if set, else clang-14 /
// ld.lld-14 on PATH, else the paths CMake found when mcusim was built. Asks
// each for its version. Throws mcusim::Error (BadInput) naming what is
// missing and how to install it (tools/install-deps.sh).
Toolchain find_toolchain();

// --target / -mcpu / float ABI of a core, as cmake/guest_toolchain.cmake
// builds the test guests: thumbv6m for cortex-m0 and m0plus, thumbv7em with
// the soft-float ABI for cortex-m4, hard-float with fpv4-sp-d16 for m4f.
std::vector<std::string> core_compile_flags(CoreModel core);

enum class Optimization { O2, Os };

// Freestanding, no libc, one section per function and object (for
// --gc-sections), DWARF, the optimisation level.
std::vector<std::string> common_compile_flags(Optimization optimization);

// arm-none-eabi-gcc's libgcc for `core` (soft-float helpers such as
// __aeabi_fmul, which the integer runtime does not need but QUANTIZE from
// float and DEQUANTIZE at a model's edges do). Throws mcusim::Error when
// arm-none-eabi-gcc is not installed.
std::filesystem::path soft_float_library(CoreModel core);

}  // namespace mcusim::firmware
