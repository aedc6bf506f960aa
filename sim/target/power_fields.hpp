// sim/target/power_fields.hpp — reading a target file's [power] table
// (power_figures.hpp) with errors at file:line:column. Used by target_loader.cpp.
#pragma once

#include <cstdint>

#include "sim/target/power_figures.hpp"
#include "sim/target/toml_fields.hpp"

namespace mcusim {

// Reads the [power] table. Every mistake (unknown key, a negative or missing
// figure, no run current above 0 at the target's clock, no source) is an
// Error(BadInput) at file:line:column with advice.
PowerFigures parse_power_figures(const TomlFields& fields, const toml::node& node, std::uint64_t clock_hz);

// The [power] key at the top level of a target file.
const KeySpec& power_key() noexcept;

}  // namespace mcusim
