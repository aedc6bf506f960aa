// sim/target/toml_fields.hpp — reading typed fields out of a toml++ table with
// errors that point at the offending spot: "<file>:<line>:<column>: <what>",
// plus advice saying what to write instead. Used by target_loader.cpp.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace mcusim {

// One key a table may hold, with a line to show the user as an example.
struct KeySpec {
  std::string_view key;
  std::string_view example;  // e.g. "clock_hz = 48_000_000"
};

class TomlFields {
 public:
  explicit TomlFields(std::filesystem::path file) : file_(std::move(file)) {}

  const std::filesystem::path& file() const noexcept { return file_; }

  // "<file>:<line>:<column>"; a region without a position gives "<file>".
  std::string where(const toml::source_region& at) const;

  // Throws Error(BadInput) with the message prefixed by where(at) + ": ".
  [[noreturn]] void fail(const toml::source_region& at, std::string advice,
                         std::string_view message) const;

  // Rejects any key of `table` not in `known`, suggesting the closest known key.
  // `context` reads like "at the top level" or "in [[memory]] 'flash'".
  void check_keys(const toml::table& table, std::span<const KeySpec> known,
                  std::string_view context) const;

  // The node under `spec.key`, or an error at the table's position.
  const toml::node& require(const toml::table& table, const KeySpec& spec,
                            std::string_view context) const;

  std::string as_string(const toml::node& node, const KeySpec& spec,
                        std::string_view context) const;
  std::int64_t as_integer(const toml::node& node, const KeySpec& spec,
                          std::string_view context) const;
  bool as_bool(const toml::node& node, const KeySpec& spec, std::string_view context) const;

 private:
  [[noreturn]] void fail_type(const toml::node& node, const KeySpec& spec, std::string_view context,
                              std::string_view wanted) const;

  std::filesystem::path file_;
};

// "a string", "an integer", "a table", ... for messages.
std::string_view toml_type_name(toml::node_type type) noexcept;

}  // namespace mcusim
