// runtime/compiler/spec_overrides.cpp — see spec_overrides.hpp.
#include "runtime/compiler/spec_overrides.hpp"

#include "runtime/compiler/model_spec_layers.hpp"
#include "sim/error.hpp"
#include "sim/target/spelling.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace mcusim::compiler {
namespace {

constexpr std::string_view kAdvice = "write --set LAYER.KEY=VALUE, e.g. --set fc1.units=32 (docs/model-spec.md, \"What-if\")";

bool is_bare_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-';
  });
}

// The layer's name as the parser gives it: `name`, else "<kind>_<index>".
std::string layer_name(const toml::table& layer, std::size_t index) {
  if (const auto name = layer["name"].value<std::string>()) return *name;
  return fmt::format("{}_{}", layer["kind"].value<std::string>().value_or("layer"), index);
}

const LayerKindInfo* kind_info(const toml::table& layer) {
  const auto kind = layer["kind"].value<std::string>();
  if (!kind) return nullptr;
  for (const LayerKindInfo& info : layer_kinds()) {
    if (info.name == *kind) return &info;
  }
  return nullptr;  // the parser reports the unknown kind with its place
}

void set_value(toml::table& layer, const SpecOverride& o, const std::filesystem::path& file) {
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + o.value);
  } catch (const toml::parse_error&) {
    if (!is_bare_word(o.value)) {
      throw Error(ErrorKind::BadInput,
                  fmt::format("--set {}: '{}' is not a TOML value (for {})", o.text, o.value, file.string()),
                  "write a number (32), a list ([3, 3]) or a word (relu, \"same\")");
    }
    layer.insert_or_assign(o.key, o.value);  // relu, same, hard_tanh: a string
    return;
  }
  parsed["value"].node()->visit([&](auto&& value) { layer.insert_or_assign(o.key, value); });
}

}  // namespace

SpecOverride parse_spec_override(std::string_view text) {
  const std::size_t equals = text.find('=');
  const std::size_t dot = text.substr(0, equals).find('.');
  if (equals == std::string_view::npos || dot == std::string_view::npos || dot == 0 || dot + 1 == equals ||
      equals + 1 == text.size()) {
    throw Error(ErrorKind::Usage, fmt::format("--set '{}' is not LAYER.KEY=VALUE", text), std::string(kAdvice));
  }
  return SpecOverride{std::string(text.substr(0, dot)), std::string(text.substr(dot + 1, equals - dot - 1)),
                      std::string(text.substr(equals + 1)), std::string(text)};
}

void apply_spec_overrides(toml::table& spec, const std::filesystem::path& file,
                          std::span<const SpecOverride> overrides) {
  toml::array* layers = spec["layer"].as_array();
  for (const SpecOverride& o : overrides) {
    std::vector<std::string> names;
    toml::table* target = nullptr;
    for (std::size_t i = 0; layers != nullptr && i < layers->size(); ++i) {
      toml::table* layer = (*layers)[i].as_table();
      if (layer == nullptr) continue;  // the parser says what is wrong with it
      names.push_back(layer_name(*layer, i));
      if (names.back() == o.layer) target = layer;
    }
    if (target == nullptr) {
      const auto guess = closest_match(o.layer, names);
      throw Error(ErrorKind::BadInput,
                  fmt::format("--set {}: {} has no layer '{}'{}", o.text, file.string(), o.layer,
                              guess ? fmt::format("; did you mean '{}'?", *guess) : ""),
                  fmt::format("its layers: {}", join_names(names)));
    }
    if (o.key == "kind" || o.key == "name") {
      throw Error(ErrorKind::BadInput, fmt::format("--set {}: a layer's {} cannot be set", o.text, o.key),
                  "--set changes a layer's settings; to change its kind or name, edit the spec");
    }
    if (const LayerKindInfo* info = kind_info(*target)) {
      std::vector<std::string_view> keys;
      for (const KeySpec& key : info->keys) {
        if (key.key != "kind" && key.key != "name") keys.push_back(key.key);
      }
      if (std::find(keys.begin(), keys.end(), o.key) == keys.end()) {
        const auto guess = closest_match(o.key, keys);
        throw Error(ErrorKind::BadInput,
                    fmt::format("--set {}: a {} layer has no key '{}'{}", o.text, info->name, o.key,
                                guess ? fmt::format("; did you mean '{}'?", *guess) : ""),
                    fmt::format("its keys: {}", join_names(keys)));
      }
    }
    set_value(*target, o, file);
  }
}

}  // namespace mcusim::compiler
