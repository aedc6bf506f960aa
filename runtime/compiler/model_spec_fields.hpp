// runtime/compiler/model_spec_fields.hpp — typed values out of a model spec's
// TOML with errors at "<spec>:<line>:<column>" and advice: numbers in range,
// [height, width] pairs, shapes, and arrays given either as a .npy path
// (relative to the spec) or inline. Builds on sim/target's TomlFields, so spec
// and target files report mistakes the same way.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/compiler/npy_reader.hpp"
#include "sim/target/toml_fields.hpp"

namespace mcusim::compiler {

class SpecFields {
 public:
  explicit SpecFields(std::filesystem::path file) : toml_(std::move(file)) {}

  const std::filesystem::path& file() const noexcept { return toml_.file(); }
  const TomlFields& toml() const noexcept { return toml_; }

  std::string where(const toml::node& at) const { return toml_.where(at.source()); }
  [[noreturn]] void fail(const toml::node& at, std::string advice, std::string_view message) const {
    toml_.fail(at.source(), std::move(advice), message);
  }

  void check_keys(const toml::table& table, std::span<const KeySpec> known, std::string_view context) const {
    toml_.check_keys(table, known, context);
  }
  const toml::node& require(const toml::table& table, const KeySpec& spec, std::string_view context) const {
    return toml_.require(table, spec, context);
  }

  std::string string(const toml::node& node, const KeySpec& spec, std::string_view context) const {
    return toml_.as_string(node, spec, context);
  }
  // An integer in [min, max].
  std::int64_t integer(const toml::node& node, const KeySpec& spec, std::string_view context, std::int64_t min,
                       std::int64_t max) const;
  // A finite number, integer or float.
  double number(const toml::node& node, const KeySpec& spec, std::string_view context) const;
  // An integer n (meaning n x n) or [height, width], each at least 1.
  std::pair<int, int> pair(const toml::node& node, const KeySpec& spec, std::string_view context) const;
  // A shape: an array of positive integers; with allow_rest, one -1 allowed.
  std::vector<std::int32_t> shape(const toml::node& node, const KeySpec& spec, std::string_view context,
                                  bool allow_rest = false) const;
  // A string naming a .npy file (relative to the spec's folder) or an inline
  // array, nested as deep as its shape; inline numbers become `wanted`
  // (integers checked against its range), a .npy file must hold `wanted`.
  NpyArray array(const toml::node& node, const KeySpec& spec, std::string_view context, NpyType wanted,
                 std::string_view advice) const;

 private:
  [[noreturn]] void fail_type(const toml::node& node, const KeySpec& spec, std::string_view context,
                              std::string_view wanted) const;
  NpyArray inline_array(const toml::array& array, const KeySpec& spec, std::string_view context,
                        NpyType wanted) const;

  TomlFields toml_;
};

}  // namespace mcusim::compiler
