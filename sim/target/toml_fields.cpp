#include "sim/target/toml_fields.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "sim/error.hpp"
#include "sim/target/spelling.hpp"

namespace mcusim {

std::string_view toml_type_name(toml::node_type type) noexcept {
  switch (type) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "a value";
}

std::string TomlFields::where(const toml::source_region& at) const {
  if (at.begin.line == 0) return file_.string();
  return fmt::format("{}:{}:{}", file_.string(), at.begin.line, at.begin.column);
}

void TomlFields::fail(const toml::source_region& at, std::string advice,
                      std::string_view message) const {
  throw Error(ErrorKind::BadInput, fmt::format("{}: {}", where(at), message), std::move(advice));
}

void TomlFields::check_keys(const toml::table& table, std::span<const KeySpec> known,
                            std::string_view context) const {
  // Report the first unknown key in file order (the table iterates by name).
  const toml::key* first = nullptr;
  for (auto&& [key, value] : table) {
    bool is_known = false;
    for (const KeySpec& spec : known) is_known = is_known || spec.key == key.str();
    if (is_known) continue;
    const auto& pos = key.source().begin;
    if (first == nullptr || pos.line < first->source().begin.line ||
        (pos.line == first->source().begin.line && pos.column < first->source().begin.column)) {
      first = &key;
    }
  }
  if (first == nullptr) return;
  std::vector<std::string_view> names;
  for (const KeySpec& spec : known) names.push_back(spec.key);
  const std::optional<std::string> guess = closest_match(first->str(), names);
  const std::string message =
      guess ? fmt::format("unknown key '{}' {}; did you mean '{}'?", first->str(), context, *guess)
            : fmt::format("unknown key '{}' {}", first->str(), context);
  std::string advice = fmt::format("keys allowed {}: {}", context, join_names(names));
  if (guess) {
    for (const KeySpec& spec : known) {
      if (spec.key == *guess) advice = fmt::format("write {}\n{}", spec.example, advice);
    }
  }
  fail(first->source(), std::move(advice), message);
}

const toml::node& TomlFields::require(const toml::table& table, const KeySpec& spec,
                                      std::string_view context) const {
  if (const toml::node* node = table.get(spec.key)) return *node;
  fail(table.source(), fmt::format("add a line: {}", spec.example),
       fmt::format("missing required key '{}' {}", spec.key, context));
}

void TomlFields::fail_type(const toml::node& node, const KeySpec& spec, std::string_view context,
                           std::string_view wanted) const {
  std::string got{toml_type_name(node.type())};
  if (const auto* text = node.as_string()) {
    got += fmt::format(" (\"{}\")", text->get());
  } else if (const auto* integer = node.as_integer()) {
    got += fmt::format(" ({})", integer->get());
  } else if (const auto* real = node.as_floating_point()) {
    got += fmt::format(" ({})", real->get());
  } else if (const auto* boolean = node.as_boolean()) {
    got += fmt::format(" ({})", boolean->get());
  }
  const std::string scope = context.starts_with("at the top") ? "" : fmt::format(" {}", context);
  fail(node.source(), fmt::format("write {}", spec.example),
       fmt::format("{}{} must be {}, not {}", spec.key, scope, wanted, got));
}

std::string TomlFields::as_string(const toml::node& node, const KeySpec& spec,
                                  std::string_view context) const {
  if (const auto* text = node.as_string()) return text->get();
  fail_type(node, spec, context, "a string");
}

std::int64_t TomlFields::as_integer(const toml::node& node, const KeySpec& spec,
                                    std::string_view context) const {
  if (const auto* integer = node.as_integer()) return integer->get();
  fail_type(node, spec, context, "an integer");
}

bool TomlFields::as_bool(const toml::node& node, const KeySpec& spec,
                         std::string_view context) const {
  if (const auto* boolean = node.as_boolean()) return boolean->get();
  fail_type(node, spec, context, "true or false");
}

}  // namespace mcusim
