// tests/runtime/compiler/spec_files.hpp — model spec tests write their specs
// and .npy files into a fresh folder of their own; npy_bytes() encodes arrays
// the way numpy.save does (format 1.0 unless told otherwise).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/error.hpp"

namespace mcusim::test {

inline std::vector<std::uint8_t> npy_bytes(std::string_view descr, const std::vector<std::int64_t>& shape,
                                           const void* data, std::size_t size, int major = 1,
                                           std::string_view fortran = "False") {
  std::string shape_text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) shape_text += (i ? ", " : "") + std::to_string(shape[i]);
  shape_text += shape.size() == 1 ? ",)" : ")";
  std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': " + std::string(fortran) +
                       ", 'shape': " + shape_text + ", }";
  const std::size_t preamble = major == 1 ? 10 : 12;
  while ((preamble + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::vector<std::uint8_t> bytes{0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(major), 0};
  const std::size_t length = header.size();
  for (std::size_t i = 0; i < (major == 1 ? 2u : 4u); ++i) bytes.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
  bytes.insert(bytes.end(), header.begin(), header.end());
  const auto* p = static_cast<const std::uint8_t*>(data);
  bytes.insert(bytes.end(), p, p + size);
  return bytes;
}

inline std::vector<std::uint8_t> npy_floats(const std::vector<std::int64_t>& shape, const std::vector<float>& v) {
  return npy_bytes("<f4", shape, v.data(), v.size() * sizeof(float));
}

// A fresh, empty folder under the system's temp folder, named after the test.
class SpecDir {
 public:
  SpecDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("mcusim_spec_") + info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~SpecDir() { std::filesystem::remove_all(dir_); }
  SpecDir(const SpecDir&) = delete;
  SpecDir& operator=(const SpecDir&) = delete;

  const std::filesystem::path& path() const noexcept { return dir_; }

  std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  std::filesystem::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
    std::ofstream out(dir_ / name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return dir_ / name;
  }

 private:
  std::filesystem::path dir_;
};

// The message and advice of the BadInput error `f` throws ("" and a test
// failure when it throws none).
inline std::string bad_input_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
    EXPECT_FALSE(e.advice().empty()) << "no advice for: " << e.what();
    return std::string(e.what()) + "\nadvice: " + e.advice();
  }
  ADD_FAILURE() << "no error thrown";
  return {};
}

}  // namespace mcusim::test
