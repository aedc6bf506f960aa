// runtime/compiler/user_kernels.cpp — see user_kernels.hpp.
#include "runtime/compiler/user_kernels.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

// Plan operator (mcusim_plan.h's MCUSIM_PLAN_OP_*) -> the runtime/kernels/
// file that defines its kernel function(s) (runtime/include/mcusim_kernels.h
// lists them).
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kKernelFiles = {{
    {"FULLY_CONNECTED", "fully_connected_s8.c"},
    {"CONV_2D", "conv2d_s8.c"},
    {"DEPTHWISE_CONV_2D", "depthwise_conv2d_s8.c"},
    {"AVERAGE_POOL_2D", "average_pool_s8.c"},
    {"MAX_POOL_2D", "max_pool_s8.c"},
    {"ADD", "add_s8.c"},
    {"MUL", "mul_s8.c"},
    {"SOFTMAX", "softmax_s8.c"},
    {"LOGISTIC", "logistic_s8.c"},
    {"TANH", "tanh_s8.c"},
    {"RELU", "relu_s8.c"},
    {"HARD_TANH", "hard_tanh_s8.c"},
    {"RELU6", "relu6_s8.c"},
    {"CONCATENATION", "concatenation_s8.c"},
    {"MEAN", "mean_s8.c"},
    {"PAD", "pad_s8.c"},
    {"REQUANTIZE", "quantize_s8.c"},
    {"QUANTIZE_F32", "quantize_s8.c"},
    {"DEQUANTIZE", "dequantize_s8.c"},
    {"RESHAPE", "reshape.c"},
}};

}  // namespace

std::string_view kernel_file_of(std::string_view op) noexcept {
  for (const auto& [name, file] : kKernelFiles) {
    if (name == op) return file;
  }
  return {};
}

std::string user_kernel_ops() {
  std::string names;
  for (const auto& [name, file] : kKernelFiles) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

UserKernel parse_user_kernel(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    throw Error(ErrorKind::Usage, fmt::format("--kernel '{}' is not OP=FILE", text),
                "write e.g. --kernel FULLY_CONNECTED=my_fc.c");
  }
  UserKernel kernel{std::string(text.substr(0, eq)), fs::path(std::string(text.substr(eq + 1)))};
  if (kernel_file_of(kernel.op).empty()) {
    throw Error(ErrorKind::Usage, fmt::format("--kernel: unknown operator '{}'", kernel.op),
                "use one of: " + user_kernel_ops());
  }
  std::error_code ec;
  if (!fs::is_regular_file(kernel.source, ec)) {
    throw_bad_input("give the path of your kernel's C file", "--kernel {}: file {} does not exist", kernel.op,
                    kernel.source.string());
  }
  kernel.source = fs::absolute(kernel.source, ec);
  return kernel;
}

std::vector<fs::path> with_user_kernels(std::vector<fs::path> sources, const std::vector<UserKernel>& kernels) {
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    const std::string_view file = kernel_file_of(kernels[i].op);
    for (std::size_t j = 0; j < i; ++j) {
      if (kernel_file_of(kernels[j].op) == file) {
        throw Error(ErrorKind::Usage,
                    fmt::format("--kernel {} and --kernel {} both replace {}", kernels[j].op, kernels[i].op, file),
                    "give one file defining both operators' functions (runtime/include/mcusim_kernels.h)");
      }
    }
    for (fs::path& source : sources) {
      if (source.filename() == file) source = kernels[i].source;
    }
  }
  return sources;
}

}  // namespace mcusim::compiler
