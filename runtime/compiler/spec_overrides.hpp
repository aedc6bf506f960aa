// runtime/compiler/spec_overrides.hpp — changing one layer of a model spec
// from the command line (`mcusim run --set fc1.units=32`): the what-if of a
// layer without editing, or copying, the spec file.
//
// An override sets one key of one [[layer]] table of the spec's TOML before
// the spec is read, so everything the parser checks holds for the changed
// spec too. A change of shape (units, filters, kernel, stride, ...) leaves a
// float spec's .npy weights the wrong shape for that layer and the next
// weighted layer; those layers then get generated weights (the spec's own
// synthetic initializers: Glorot-uniform, zero bias) and a note saying so,
// because cycles, memory and flash depend on the shapes, not on the values.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace mcusim::compiler {

struct SpecOverride {
  std::string layer;  // the layer's `name`, else "<kind>_<index>" as the parser names it
  std::string key;    // one of its kind's [[layer]] keys (not kind or name)
  std::string value;  // TOML value text: 32, [3, 3], "relu"; a bare word is a string
  std::string text;   // as given ("fc1.units=32"), for messages
};

// "LAYER.KEY=VALUE"; throws Error(Usage) naming the text when it is not.
SpecOverride parse_spec_override(std::string_view text);

// Sets every override in `spec` (the spec file's parsed TOML). Throws
// Error(BadInput) naming the override and the file for a layer the spec does
// not have, a key its kind does not take, or a value that is not TOML.
void apply_spec_overrides(toml::table& spec, const std::filesystem::path& file,
                          std::span<const SpecOverride> overrides);

}  // namespace mcusim::compiler
