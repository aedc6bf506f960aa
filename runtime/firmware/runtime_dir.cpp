// runtime/firmware/runtime_dir.cpp — finding the runtime's device sources.
#include "runtime/firmware/runtime_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "sim/error.hpp"

namespace mcusim::firmware {

std::filesystem::path bundled_runtime_dir() {
  if (const char* dir = std::getenv("MCUSIM_RUNTIME_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return MCUSIM_SOURCE_RUNTIME_DIR;
}

std::filesystem::path runtime_include_root() { return bundled_runtime_dir().parent_path(); }

std::vector<std::filesystem::path> device_runtime_sources() {
  const std::filesystem::path dir = bundled_runtime_dir() / "device";
  std::vector<std::filesystem::path> sources;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".c" || extension == ".S")) sources.push_back(entry.path());
  }
  if (sources.empty()) {
    throw_bad_input("set MCUSIM_RUNTIME_DIR to the runtime/ directory of an mcusim source tree",
                    "no device runtime sources (*.c, *.S) in {}", dir.string());
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

}  // namespace mcusim::firmware
