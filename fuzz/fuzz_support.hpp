// fuzz/fuzz_support.hpp — what every fuzz target shares: the one rule of the
// fuzzing contract, and a scratch file for the loaders that only take a path.
//
// The contract (docs/fuzzing.md): a loader given any bytes either returns or
// throws mcusim::Error. Error is caught here; anything else — a
// std::bad_alloc, std::out_of_range, nlohmann::json::type_error, a sanitizer
// report — escapes and libFuzzer records it as a crash.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace mcusim::fuzz {

inline std::span<const std::uint8_t> bytes_of(const std::uint8_t* data, std::size_t size) noexcept {
  return {data, size};
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `load`; mcusim::Error is the expected way to refuse bad input.
template <typename Load>
void expect_only_mcusim_errors(Load&& load) {
  try {
    load();
  } catch (const mcusim::Error&) {
    // Refused with a message: what the loader must do.
  }
}

// A folder of this process's own in /dev/shm (memory, not disk: the loaders
// that only take a path are handed one file rewritten per execution),
// removed when the process exits normally; a crash leaves it behind.
inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
    std::filesystem::path d = base / ("mcusim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  // Registered once `dir` is made, so it runs before `dir` is destroyed.
  static const bool removed_at_exit = std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }) == 0;
  (void)removed_at_exit;
  return dir;
}

inline std::filesystem::path write_scratch(std::string_view name, std::span<const std::uint8_t> bytes) {
  const std::filesystem::path path = scratch_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace mcusim::fuzz
