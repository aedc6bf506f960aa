// tests/runtime/shared_data.hpp — where the TFLite Micro reference data lives
// (../shared beside the checkout), and what to do when it is absent: skip with
// a message, or fail when MCUSIM_REQUIRE_SHARED=1 (CI sets it).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
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

// The single-operator cases of ../shared/reference/ops, sorted; when there
// are none, one placeholder name so the parameterized suite still has a test
// that skips (or fails) with a message.
inline constexpr const char* kNoReferenceOps = "shared_data_absent";
inline std::filesystem::path reference_ops_dir() { return shared_dir() / "reference" / "ops"; }

inline std::vector<std::string> reference_op_case_names() {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  if (fs::is_directory(reference_ops_dir(), ec)) {
    for (const auto& entry : fs::directory_iterator(reference_ops_dir(), ec)) {
      if (entry.is_directory() && fs::exists(entry.path() / "index.json")) {
        names.push_back(entry.path().filename().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) names.emplace_back(kNoReferenceOps);
  return names;
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
