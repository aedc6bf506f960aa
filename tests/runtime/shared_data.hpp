// tests/runtime/shared_data.hpp — where the TFLite Micro reference data lives
// (../shared beside the checkout), and what to do when it is absent: skip with
// a message, or fail when MCUSIM_REQUIRE_SHARED=1 (CI sets it).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::test {

inline std::filesystem::path shared_dir() { return std::filesystem::path(MCUSIM_SHARED_DIR); }

inline bool shared_data_required() {
  const char* v = std::getenv("MCUSIM_REQUIRE_SHARED");
  return v != nullptr && std::string_view(v) == "1";
}

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace mcusim::test

// Skips the test (or fails it under MCUSIM_REQUIRE_SHARED=1) when `path` does
// not exist. Use at the top of a test body.
#define MCUSIM_REQUIRE_SHARED_PATH(path)                                                               \
  do {                                                                                                 \
    if (!std::filesystem::exists(path)) {                                                              \
      if (::mcusim::test::shared_data_required()) {                                                    \
        FAIL() << "reference data missing: " << (path).string()                                        \
               << " (MCUSIM_REQUIRE_SHARED=1 makes this a failure; put ../shared beside the checkout)"; \
      }                                                                                                \
      GTEST_SKIP() << "reference data not found at " << (path).string()                                \
                   << "; these tests need ../shared beside the checkout";                              \
    }                                                                                                  \
  } while (false)
