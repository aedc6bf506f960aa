// runtime/compiler/user_kernels.hpp — a user's own kernel in place of one
// operator's (`mcusim run/compare --kernel OP=file.c`): the C file replaces
// that operator's kernel source in the variant's list, compiled with the
// same flags, behind the ABI of runtime/include/mcusim_kernels.h.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::compiler {

struct UserKernel {
  std::string op;                // a plan operator name: FULLY_CONNECTED, CONV_2D, ...
  std::filesystem::path source;  // the user's C file
};

// "OP=path" as given on the command line. Throws mcusim::Error (Usage) for a
// missing '=' or an unknown operator (listing the known ones), BadInput for
// a file that does not exist.
UserKernel parse_user_kernel(std::string_view text);

// The runtime's kernel file an operator's kernel lives in
// ("FULLY_CONNECTED" -> "fully_connected_s8.c"), or empty for an unknown name.
std::string_view kernel_file_of(std::string_view op) noexcept;

// The operator names --kernel accepts, comma-separated, for messages and docs.
std::string user_kernel_ops();

// `sources` (a variant's, kernel_variant_sources) with each user kernel in
// place of its operator's file. Two kernels for one operator are refused
// (Usage).
std::vector<std::filesystem::path> with_user_kernels(std::vector<std::filesystem::path> sources,
                                                     const std::vector<UserKernel>& kernels);

}  // namespace mcusim::compiler
