// runtime/compiler/kernel_variants.hpp — which C files make up each kernel
// variant, for the host code that builds firmware at run time.
//
// A variant is a folder runtime/kernels/<variant>/ whose files replace the
// reference file of the same name (m4/fully_connected_s8.c replaces
// kernels/fully_connected_s8.c); `ref` is the reference files alone. The
// CMake build applies the same rule (cmake/kernel_variants.cmake).
//
//   ref  portable C, the specification (runtime/kernels/*.c)
//   m0   ARMv6-M: unrolled loops, no 64-bit multiply call in requantization
//   m4   ARMv7E-M DSP: SXTB16/SXTAB16 + SMLAD, SMLAL, SSAT; needs a core with
//        the DSP extension and the compile flags of kernel_variant_compile_flags
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::compiler {

// The valid variant names, in a fixed order: ref, m0, m4.
std::span<const std::string_view> kernel_variant_names();

// Whether `variant` is one of kernel_variant_names().
bool is_kernel_variant(std::string_view variant);

// The C sources of `variant`, sorted by file name: every runtime_dir/kernels/*.c,
// replaced by runtime_dir/kernels/<variant>/<same name> where that exists.
// runtime_dir is the runtime/ folder of the source tree. Throws mcusim::Error
// (BadInput, exit 2) for an unknown variant (the message lists the valid
// names) or a runtime_dir without kernels.
std::vector<std::filesystem::path> kernel_variant_sources(const std::filesystem::path& runtime_dir,
                                                          std::string_view variant);

// Extra clang flags the variant needs on the device: m0 and m4
// -fomit-frame-pointer -mllvm -disable-lsr (their loops are laid out for the
// registers), m4 also -munaligned-access (its kernels load int8 data a word at
// a time). Throws as above.
std::vector<std::string> kernel_variant_compile_flags(std::string_view variant);

// Whether the variant's instructions exist on an ARMv6-M core (ref and m0 run
// on every core; m4 needs ARMv7E-M's DSP extension). Throws as above.
bool kernel_variant_runs_on_armv6m(std::string_view variant);

}  // namespace mcusim::compiler
