// tests/runtime/compiler/npy_reader_test.cpp — the strict .npy reader: the
// versions and dtypes model specs use, and every malformed file refused with
// a message naming the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/compiler/npy_reader.hpp"
#include "tests/runtime/compiler/spec_files.hpp"

namespace mcusim::compiler {
namespace {

using test::bad_input_message;
using test::npy_bytes;

TEST(RuntimeNpyReader, ReadsFloat32InVersionOne) {
  const std::vector<float> values{1.5f, -2.0f, 0.25f, 8.0f, 0.0f, -0.125f};
  const NpyArray a = parse_npy(npy_bytes("<f4", {2, 3}, values.data(), 24), "w.npy");
  EXPECT_EQ(a.type, NpyType::Float32);
  EXPECT_EQ(a.shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(a.floats(), values);
}

TEST(RuntimeNpyReader, ReadsInt8AndInt32InVersionsTwoAndThree) {
  const std::vector<std::int8_t> q{-127, 0, 5, 127};
  const NpyArray a = parse_npy(npy_bytes("|i1", {4}, q.data(), 4, 2), "q.npy");
  EXPECT_EQ(a.type, NpyType::Int8);
  EXPECT_EQ(a.int8s(), q);
  const std::vector<std::int32_t> b{-70000, 3};
  const NpyArray c = parse_npy(npy_bytes("<i4", {2}, b.data(), 8, 3), "b.npy");
  EXPECT_EQ(c.type, NpyType::Int32);
  EXPECT_EQ(c.int32s(), b);
}

TEST(RuntimeNpyReader, ReadsAZeroDimensionalScalar) {
  const float v = 3.0f;
  const NpyArray a = parse_npy(npy_bytes("<f4", {}, &v, 4), "s.npy");
  EXPECT_TRUE(a.shape.empty());
  EXPECT_EQ(a.element_count(), 1);
}

TEST(RuntimeNpyReader, RefusesATruncatedFile) {
  const std::vector<float> values(6, 1.0f);
  std::vector<std::uint8_t> bytes = npy_bytes("<f4", {2, 3}, values.data(), 24);
  bytes.resize(bytes.size() - 5);
  const std::string m = bad_input_message([&] { parse_npy(bytes, "w.npy"); });
  EXPECT_NE(m.find("w.npy: shape (2, 3) of float32 needs 24 data bytes, the file has 19"), std::string::npos) << m;
  EXPECT_NE(m.find("truncated"), std::string::npos) << m;
  // Cut inside the header too.
  bytes.resize(20);
  const std::string header = bad_input_message([&] { parse_npy(bytes, "w.npy"); });
  EXPECT_NE(header.find("w.npy: truncated: the .npy header says"), std::string::npos) << header;
}

TEST(RuntimeNpyReader, RefusesAnUnsupportedDtype) {
  const std::vector<double> values{1.0, 2.0};
  const std::string m =
      bad_input_message([&] { parse_npy(npy_bytes("<f8", {2}, values.data(), 16), "d.npy"); });
  EXPECT_NE(m.find("d.npy: .npy dtype '<f8' is not one mcusim reads"), std::string::npos) << m;
  EXPECT_NE(m.find("astype(numpy.float32)"), std::string::npos) << m;
  const std::string big_endian =
      bad_input_message([&] { parse_npy(npy_bytes(">f4", {2}, values.data(), 8), "be.npy"); });
  EXPECT_NE(big_endian.find("'>f4'"), std::string::npos) << big_endian;
}

TEST(RuntimeNpyReader, RefusesFortranOrder) {
  const std::vector<float> values(4, 1.0f);
  const std::string m =
      bad_input_message([&] { parse_npy(npy_bytes("<f4", {2, 2}, values.data(), 16, 1, "True"), "f.npy"); });
  EXPECT_NE(m.find("f.npy: the array is stored in Fortran order"), std::string::npos) << m;
  EXPECT_NE(m.find("ascontiguousarray"), std::string::npos) << m;
}

TEST(RuntimeNpyReader, RefusesABadMagicAndAnUnknownVersion) {
  std::vector<std::uint8_t> text{'h', 'e', 'l', 'l', 'o', ',', ' ', 'n', 'p', 'y', '!', '!'};
  const std::string m = bad_input_message([&] { parse_npy(text, "x.npy"); });
  EXPECT_NE(m.find("x.npy: not a .npy file"), std::string::npos) << m;
  const float v = 1.0f;
  std::vector<std::uint8_t> bytes = npy_bytes("<f4", {1}, &v, 4);
  bytes[6] = 4;
  const std::string version = bad_input_message([&] { parse_npy(bytes, "v.npy"); });
  EXPECT_NE(version.find("v.npy: .npy format version 4.0 is unknown"), std::string::npos) << version;
}

TEST(RuntimeNpyReader, RefusesAMalformedHeader) {
  const float v = 1.0f;
  std::vector<std::uint8_t> bytes = npy_bytes("<f4", {1}, &v, 4);
  const std::string needle = "'shape'";
  const auto at = std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end());
  ASSERT_NE(at, bytes.end());
  *(at + 1) = 'S';  // 'Shape': an unknown key, and 'shape' missing
  const std::string m = bad_input_message([&] { parse_npy(bytes, "h.npy"); });
  EXPECT_NE(m.find("h.npy: .npy header has an unexpected or repeated key 'Shape'"), std::string::npos) << m;
}

TEST(RuntimeNpyReader, AMissingFileNamesThePath) {
  const std::string m = bad_input_message([] { read_npy("/nonexistent/mcusim/w.npy"); });
  EXPECT_NE(m.find("/nonexistent/mcusim/w.npy: cannot open the .npy file"), std::string::npos) << m;
}

}  // namespace
}  // namespace mcusim::compiler
