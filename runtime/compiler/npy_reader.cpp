// runtime/compiler/npy_reader.cpp — see npy_reader.hpp for the format.
#include "runtime/compiler/npy_reader.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr const char* kSaveAdvice =
    "write it with numpy.save (float32: a.astype(numpy.float32), int8 and int32 likewise) "
    "or with workloads/generate_workloads.py's write_npy";

// A cursor over the header dict with errors that name the file.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw_bad_input(kSaveAdvice, "{}: .npy header {} at offset {} of the header: {}", source_, what, pos_,
                    std::string(text_));
  }

  void skip_spaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  bool accept(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) fail(fmt::format("expects '{}'", c));
  }

  std::string quoted() {
    skip_spaces();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) fail("expects a quoted string");
    const char quote = text_[pos_++];
    const std::size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) fail("has an unterminated string");
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }

  bool boolean() {
    skip_spaces();
    for (const auto& [word, value] : {std::pair{std::string_view{"True"}, true}, std::pair{std::string_view{"False"}, false}}) {
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return value;
      }
    }
    fail("expects True or False");
  }

  std::vector<std::int64_t> shape() {
    expect('(');
    std::vector<std::int64_t> dims;
    while (!accept(')')) {
      skip_spaces();
      std::int64_t value = 0;
      const std::size_t start = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
        if (value > std::numeric_limits<std::int32_t>::max()) fail("has a dimension too large");
        value = value * 10 + (text_[pos_++] - '0');
      }
      if (pos_ == start) fail("expects a dimension (a non-negative integer)");
      dims.push_back(value);
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return dims;
  }

  bool at_end() {
    // The dict is padded with spaces and ends in one '\n'.
    skip_spaces();
    return pos_ + 1 == text_.size() && text_[pos_] == '\n';
  }

 private:
  std::string_view text_;
  std::string_view source_;
  std::size_t pos_ = 0;
};

struct Header {
  NpyType type = NpyType::Float32;
  std::vector<std::int64_t> shape;
};

NpyType parse_descr(const std::string& descr, std::string_view source) {
  if (descr == "<f4") return NpyType::Float32;
  if (descr == "|i1" || descr == "<i1") return NpyType::Int8;
  if (descr == "<i4") return NpyType::Int32;
  throw_bad_input(
      "save float data as little-endian float32 ('<f4'), quantized weights as int8 ('|i1') and biases as "
      "int32 ('<i4'), e.g. numpy.save(path, a.astype(numpy.float32))",
      "{}: .npy dtype '{}' is not one mcusim reads (float32 '<f4', int8 '|i1', int32 '<i4')", source, descr);
}

Header parse_header(std::string_view text, std::string_view source) {
  HeaderParser p(text, source);
  std::optional<std::string> descr;
  std::optional<bool> fortran_order;
  std::optional<std::vector<std::int64_t>> shape;
  p.expect('{');
  while (!p.accept('}')) {
    const std::string key = p.quoted();
    p.expect(':');
    if (key == "descr" && !descr) {
      descr = p.quoted();
    } else if (key == "fortran_order" && !fortran_order) {
      fortran_order = p.boolean();
    } else if (key == "shape" && !shape) {
      shape = p.shape();
    } else {
      p.fail(fmt::format("has an unexpected or repeated key '{}'", key));
    }
    if (!p.accept(',')) {
      p.expect('}');
      break;
    }
  }
  if (!p.at_end()) p.fail("does not end in spaces and one newline");
  if (!descr || !fortran_order || !shape) p.fail("lacks one of 'descr', 'fortran_order', 'shape'");
  if (*fortran_order) {
    throw_bad_input("save the array in C order: numpy.save(path, numpy.ascontiguousarray(a))",
                    "{}: the array is stored in Fortran order (fortran_order: True); mcusim reads C order", source);
  }
  return Header{parse_descr(*descr, source), *shape};
}

std::size_t item_size(NpyType type) {
  switch (type) {
    case NpyType::Float32:
    case NpyType::Int32: return 4;
    case NpyType::Int8: return 1;
  }
  return 1;
}

std::uint32_t little_endian(std::span<const std::uint8_t> bytes) {
  std::uint32_t value = 0;
  for (std::size_t i = bytes.size(); i-- > 0;) value = (value << 8) | bytes[i];
  return value;
}

}  // namespace

std::string_view npy_type_name(NpyType type) noexcept {
  switch (type) {
    case NpyType::Float32: return "float32";
    case NpyType::Int8: return "int8";
    case NpyType::Int32: return "int32";
  }
  return "?";
}

std::int64_t NpyArray::element_count() const noexcept {
  std::int64_t n = 1;
  for (std::int64_t d : shape) n *= d;
  return n;
}

std::vector<float> NpyArray::floats() const {
  assert(type == NpyType::Float32);
  std::vector<float> values(static_cast<std::size_t>(element_count()));
  std::memcpy(values.data(), data.data(), values.size() * sizeof(float));  // little-endian host
  return values;
}

std::vector<std::int8_t> NpyArray::int8s() const {
  assert(type == NpyType::Int8);
  std::vector<std::int8_t> values(data.size());
  std::memcpy(values.data(), data.data(), values.size());
  return values;
}

std::vector<std::int32_t> NpyArray::int32s() const {
  assert(type == NpyType::Int32);
  std::vector<std::int32_t> values(static_cast<std::size_t>(element_count()));
  std::memcpy(values.data(), data.data(), values.size() * sizeof(std::int32_t));
  return values;
}

std::string npy_shape_text(std::span<const std::int64_t> shape) {
  if (shape.size() == 1) return fmt::format("({},)", shape.front());
  return fmt::format("({})", fmt::join(shape, ", "));
}

NpyArray parse_npy(std::span<const std::uint8_t> bytes, std::string_view source) {
  if (bytes.size() < kMagic.size() + 2 ||
      std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    throw_bad_input(kSaveAdvice, "{}: not a .npy file (it does not start with \"\\x93NUMPY\")", source);
  }
  const std::uint8_t major = bytes[6];
  const std::uint8_t minor = bytes[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0) {
    throw_bad_input(kSaveAdvice, "{}: .npy format version {}.{} is unknown (mcusim reads 1.0, 2.0 and 3.0)", source,
                    major, minor);
  }
  const std::size_t length_size = major == 1 ? 2 : 4;
  const std::size_t header_start = 8 + length_size;
  if (bytes.size() < header_start) {
    throw_bad_input(kSaveAdvice, "{}: truncated: {} bytes end inside the .npy preamble", source, bytes.size());
  }
  const std::size_t header_length = little_endian(bytes.subspan(8, length_size));
  if (bytes.size() - header_start < header_length) {
    throw_bad_input(kSaveAdvice, "{}: truncated: the .npy header says {} bytes, only {} follow", source,
                    header_length, bytes.size() - header_start);
  }
  const std::string_view header_text(reinterpret_cast<const char*>(bytes.data() + header_start), header_length);
  const Header header = parse_header(header_text, source);

  NpyArray array;
  array.type = header.type;
  array.shape = header.shape;
  const std::size_t data_start = header_start + header_length;
  const std::size_t available = bytes.size() - data_start;
  // Dimensions are below 2^31 each (checked while parsing); the product is
  // checked against what is there before it can overflow.
  std::uint64_t expected = item_size(array.type);
  for (std::int64_t d : array.shape) {
    expected *= static_cast<std::uint64_t>(d);
    if (expected > bytes.size()) break;
  }
  if (expected != available) {
    throw_bad_input(kSaveAdvice, "{}: shape {} of {} needs {} data bytes, the file has {} after the header{}", source,
                    npy_shape_text(array.shape), npy_type_name(array.type),
                    expected > bytes.size() ? std::string("more than the file") : std::to_string(expected), available,
                    expected > available ? " (truncated?)" : "");
  }
  array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(data_start), bytes.end());
  return array;
}

NpyArray read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw_bad_input("check the path; paths in a model spec are relative to the spec file's folder",
                    "{}: cannot open the .npy file", path.string());
  }
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse_npy(bytes, path.string());
}

}  // namespace mcusim::compiler
