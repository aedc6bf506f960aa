// runtime/compiler/model_spec_synthetic.cpp — see model_spec_synthetic.hpp.
#include "runtime/compiler/model_spec_synthetic.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <tuple>

#include "runtime/compiler/synthetic_values.hpp"
#include "sim/target/spelling.hpp"

namespace mcusim::compiler {
namespace {

constexpr KeySpec kInitKey{"init", "init = \"glorot_uniform\"  # glorot_uniform | he_uniform | uniform | zeros"};
constexpr KeySpec kSeedKey{"seed", "seed = 7  # any integer >= 0; one per array"};
constexpr KeySpec kLowKey{"low", "low = -1.0"};
constexpr KeySpec kHighKey{"high", "high = 1.0"};
constexpr KeySpec kDistributionKey{"distribution", "distribution = \"uniform\""};
constexpr KeySpec kSamplesKey{"samples", "samples = 8"};
constexpr std::array kArrayKeys{kInitKey, kSeedKey, kLowKey, kHighKey};
constexpr std::array kCalibrationKeys{kDistributionKey, kLowKey, kHighKey, kSamplesKey, kSeedKey};

constexpr std::array kInits{SyntheticInit::GlorotUniform, SyntheticInit::HeUniform, SyntheticInit::Uniform,
                            SyntheticInit::Zeros};

// At most this many calibration samples: the float forward pass runs once per
// sample when the spec is loaded.
constexpr std::int64_t kMaxSamples = 4096;

std::string table_context(const KeySpec& key, std::string_view context) { return fmt::format("in {} {}", key.key, context); }

std::uint64_t seed(const SpecFields& fields, const toml::table& table, std::string_view context) {
  return static_cast<std::uint64_t>(fields.integer(fields.require(table, kSeedKey, context), kSeedKey, context, 0,
                                                   std::numeric_limits<std::int64_t>::max()));
}

// low and high of a uniform range: both given, finite, low < high.
std::pair<double, double> range(const SpecFields& fields, const toml::table& table, std::string_view context) {
  const double low = fields.number(fields.require(table, kLowKey, context), kLowKey, context);
  const toml::node& high_node = fields.require(table, kHighKey, context);
  const double high = fields.number(high_node, kHighKey, context);
  if (!(low < high)) {
    fields.fail(high_node, "give low < high, e.g. low = -1.0, high = 1.0",
                fmt::format("high = {} {} is not above low = {}", high, context, low));
  }
  return {low, high};
}

const toml::table& as_table(const SpecFields& fields, const toml::node& node, const KeySpec& example,
                            std::string_view what) {
  const auto* table = node.as_table();
  if (table == nullptr) {
    fields.fail(node, fmt::format("write {} = {{ {} }}", what, example.example), fmt::format("{} must be a table", what));
  }
  return *table;
}

}  // namespace

std::pair<double, double> layer_fans(const SpecLayer& layer) {
  const auto& s = layer.weight_shape;
  switch (layer.kind) {
    case LayerKind::FullyConnected: return {s[1], s[0]};  // [units, inputs]
    case LayerKind::Conv2D: return {static_cast<double>(s[1]) * s[2] * s[3], static_cast<double>(s[1]) * s[2] * s[0]};
    case LayerKind::DepthwiseConv2D:  // each output sums one channel's kh x kw taps
      return {static_cast<double>(s[1]) * s[2], static_cast<double>(s[1]) * s[2] * layer.depth_multiplier};
    default: return {1.0, 1.0};
  }
}

std::vector<float> synthetic_layer_array(const SpecFields& fields, const toml::node& node, const KeySpec& key,
                                         std::string_view context, const SpecLayer& layer, std::size_t count) {
  const std::string where = table_context(key, context);
  const toml::table& table = as_table(fields, node, kInitKey, std::string(key.key));
  fields.check_keys(table, kArrayKeys, where);
  const toml::node& init_node = fields.require(table, kInitKey, where);
  const std::string name = fields.string(init_node, kInitKey, where);
  SyntheticArray spec;
  bool known = false;
  std::vector<std::string_view> names;
  for (SyntheticInit init : kInits) {
    names.push_back(synthetic_init_name(init));
    if (synthetic_init_name(init) == name) {
      spec.init = init;
      known = true;
    }
  }
  if (!known) {
    const auto guess = closest_match(name, names);
    fields.fail(init_node, fmt::format("initializers: {}; docs/model-spec.md describes them", join_names(names)),
                guess ? fmt::format("unknown init '{}' {}; did you mean '{}'?", name, where, *guess)
                      : fmt::format("unknown init '{}' {}", name, where));
  }
  const bool uniform = spec.init == SyntheticInit::Uniform;
  for (const KeySpec* bound : {&kLowKey, &kHighKey}) {
    if (!uniform && table.get(bound->key) != nullptr) {
      fields.fail(*table.get(bound->key), fmt::format("remove it, or write init = \"uniform\" to draw from [low, high)"),
                  fmt::format("{} {} applies to init = \"uniform\" only; '{}' sets its own range", bound->key, where, name));
    }
  }
  if (uniform) std::tie(spec.low, spec.high) = range(fields, table, where);
  if (spec.init != SyntheticInit::Zeros) spec.seed = seed(fields, table, where);
  const auto [fan_in, fan_out] = layer_fans(layer);
  return synthetic_values(spec, count, fan_in, fan_out);
}

std::vector<float> synthetic_calibration(const SpecFields& fields, const toml::node& node, std::string_view context,
                                         std::int64_t sample_elements, std::int64_t& samples) {
  const std::string where = fmt::format("in calibration {}", context);
  const toml::table& table = as_table(fields, node, kDistributionKey, "calibration");
  fields.check_keys(table, kCalibrationKeys, where);
  const toml::node& distribution = fields.require(table, kDistributionKey, where);
  const std::string name = fields.string(distribution, kDistributionKey, where);
  if (name != "uniform") {
    fields.fail(distribution, "write distribution = \"uniform\" (the one generated distribution), or give a .npy file",
                fmt::format("unknown distribution '{}' {}", name, where));
  }
  SyntheticArray spec;
  spec.init = SyntheticInit::Uniform;
  std::tie(spec.low, spec.high) = range(fields, table, where);
  samples = fields.integer(fields.require(table, kSamplesKey, where), kSamplesKey, where, 1, kMaxSamples);
  spec.seed = seed(fields, table, where);
  return synthetic_values(spec, static_cast<std::size_t>(samples * sample_elements), 1.0, 1.0);
}

}  // namespace mcusim::compiler
