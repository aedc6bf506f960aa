// runtime/compiler/model_spec_fields.cpp — see model_spec_fields.hpp.
#include "runtime/compiler/model_spec_fields.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

std::string scope(std::string_view context) {
  return context.starts_with("at the top") ? std::string{} : fmt::format(" {}", context);
}

std::string value_text(const toml::node& node) {
  std::string got{toml_type_name(node.type())};
  if (const auto* text = node.as_string()) return got + fmt::format(" (\"{}\")", text->get());
  if (const auto* integer = node.as_integer()) return got + fmt::format(" ({})", integer->get());
  if (const auto* real = node.as_floating_point()) return got + fmt::format(" ({})", real->get());
  if (const auto* boolean = node.as_boolean()) return got + fmt::format(" ({})", boolean->get());
  return got;
}

// Appends the little-endian bytes of one value of `type`.
void append(std::vector<std::uint8_t>& data, NpyType type, double value) {
  switch (type) {
    case NpyType::Float32: {
      const auto f = static_cast<float>(value);
      std::uint8_t bytes[4];
      std::memcpy(bytes, &f, 4);
      data.insert(data.end(), bytes, bytes + 4);
      return;
    }
    case NpyType::Int8: data.push_back(static_cast<std::uint8_t>(static_cast<std::int8_t>(value))); return;
    case NpyType::Int32: {
      const auto i = static_cast<std::int32_t>(value);
      std::uint8_t bytes[4];
      std::memcpy(bytes, &i, 4);
      data.insert(data.end(), bytes, bytes + 4);
      return;
    }
  }
}

}  // namespace

void SpecFields::fail_type(const toml::node& node, const KeySpec& spec, std::string_view context,
                           std::string_view wanted) const {
  fail(node, fmt::format("write {}", spec.example),
       fmt::format("{}{} must be {}, not {}", spec.key, scope(context), wanted, value_text(node)));
}

std::int64_t SpecFields::integer(const toml::node& node, const KeySpec& spec, std::string_view context,
                                 std::int64_t min, std::int64_t max) const {
  const auto* value = node.as_integer();
  if (value == nullptr) fail_type(node, spec, context, "an integer");
  if (value->get() < min || value->get() > max) {
    fail(node, fmt::format("write {}", spec.example),
         fmt::format("{}{} = {} is out of range; allowed: {}..{}", spec.key, scope(context), value->get(), min, max));
  }
  return value->get();
}

double SpecFields::number(const toml::node& node, const KeySpec& spec, std::string_view context) const {
  double value = 0.0;
  if (const auto* integer = node.as_integer()) {
    value = static_cast<double>(integer->get());
  } else if (const auto* real = node.as_floating_point()) {
    value = real->get();
  } else {
    fail_type(node, spec, context, "a number");
  }
  if (!std::isfinite(value)) fail_type(node, spec, context, "a finite number");
  return value;
}

std::pair<int, int> SpecFields::pair(const toml::node& node, const KeySpec& spec, std::string_view context) const {
  constexpr std::int64_t kMax = 1 << 16;
  if (node.is_integer()) {
    const auto n = static_cast<int>(integer(node, spec, context, 1, kMax));
    return {n, n};
  }
  const auto* array = node.as_array();
  if (array == nullptr || array->size() != 2) fail_type(node, spec, context, "an integer or [height, width]");
  return {static_cast<int>(integer(*array->get(0), spec, context, 1, kMax)),
          static_cast<int>(integer(*array->get(1), spec, context, 1, kMax))};
}

std::vector<std::int32_t> SpecFields::shape(const toml::node& node, const KeySpec& spec, std::string_view context,
                                            bool allow_rest) const {
  const auto* array = node.as_array();
  if (array == nullptr || array->empty() || array->size() > 6) {
    fail_type(node, spec, context, "an array of 1 to 6 dimensions");
  }
  std::vector<std::int32_t> dims;
  bool rest_seen = false;
  for (const toml::node& element : *array) {
    const bool rest = allow_rest && !rest_seen && element.value<std::int64_t>() == -1;
    rest_seen = rest_seen || rest;
    dims.push_back(rest ? -1 : static_cast<std::int32_t>(integer(element, spec, context, 1, 1 << 24)));
  }
  return dims;
}

NpyArray SpecFields::array(const toml::node& node, const KeySpec& spec, std::string_view context, NpyType wanted,
                           std::string_view advice) const {
  if (const auto* inline_values = node.as_array()) return inline_array(*inline_values, spec, context, wanted);
  const auto* name = node.as_string();
  if (name == nullptr) fail_type(node, spec, context, "a .npy path or an array");
  const std::filesystem::path path = file().parent_path() / name->get();
  NpyArray loaded;
  try {
    loaded = read_npy(path);
  } catch (const Error& e) {
    fail(node, e.advice(), fmt::format("{}{}: {}", spec.key, scope(context), e.what()));
  }
  if (loaded.type != wanted) {
    fail(node, std::string(advice),
         fmt::format("{}{}: {} holds {}, expected {}", spec.key, scope(context), path.string(),
                     npy_type_name(loaded.type), npy_type_name(wanted)));
  }
  return loaded;
}

NpyArray SpecFields::inline_array(const toml::array& array, const KeySpec& spec, std::string_view context,
                                  NpyType wanted) const {
  NpyArray result;
  result.type = wanted;
  // The shape is the nesting: [[1, 2], [3, 4]] is (2, 2). Walk it level by
  // level; every sub-array of one level must have the same length.
  std::vector<const toml::array*> level{&array};
  while (true) {
    const std::size_t length = level.front()->size();
    if (length == 0) fail(array, fmt::format("write {}", spec.example), fmt::format("{}{} has an empty array", spec.key, scope(context)));
    result.shape.push_back(static_cast<std::int64_t>(length));
    const bool nested = level.front()->get(0)->is_array();
    std::vector<const toml::array*> next;
    for (const toml::array* a : level) {
      if (a->size() != length) {
        fail(*a, "give every row the same length",
             fmt::format("{}{}: a row has {} values, another {}", spec.key, scope(context), a->size(), length));
      }
      for (const toml::node& element : *a) {
        if (element.is_array() != nested) {
          fail(element, "nest the array evenly, one level per dimension",
               fmt::format("{}{} mixes arrays and numbers at one level", spec.key, scope(context)));
        }
        if (nested) next.push_back(element.as_array());
      }
    }
    if (!nested) break;
    level = std::move(next);
  }
  for (const toml::array* a : level) {
    for (const toml::node& element : *a) {
      if (wanted == NpyType::Float32) {
        append(result.data, wanted, number(element, spec, context));
        continue;
      }
      const std::int64_t min = wanted == NpyType::Int8 ? -128 : std::numeric_limits<std::int32_t>::min();
      const std::int64_t max = wanted == NpyType::Int8 ? 127 : std::numeric_limits<std::int32_t>::max();
      append(result.data, wanted, static_cast<double>(integer(element, spec, context, min, max)));
    }
  }
  return result;
}

}  // namespace mcusim::compiler
