// sim/target/region_timing_fields.hpp — the memory-timing keys of a
// [[memory]] section (wait states, the part's latency table, access width,
// [memory.accelerator]) and how the wait states follow the clock.
// Used by target_loader.cpp; docs/targets.md describes the keys.
#pragma once

#include "sim/target/target.hpp"
#include "sim/target/toml_fields.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim {

// Where the keys were written, for messages that come later.
struct RegionTimingNodes {
  const toml::node* wait_states = nullptr;
  const toml::node* data_wait_states = nullptr;
  const toml::node* table = nullptr;
};

// The keys this file reads from a [[memory]] table.
std::span<const KeySpec> region_timing_keys() noexcept;

// Reads the timing keys of `table` into `region` (wait states as written;
// resolve_wait_states() applies the clock).
RegionTimingNodes parse_region_timing(const TomlFields& fields, const toml::table& table,
                                      std::string_view context, MemoryRegion& region);

// Wait states at `clock_hz`: the part's table decides when the file gives
// none; an explicit value below the table's is kept with a warning; a clock
// above the table is an error at `clock_node`.
void resolve_wait_states(const TomlFields& fields, const toml::node& clock_node,
                         std::uint64_t clock_hz, const RegionTimingNodes& nodes,
                         MemoryRegion& region, std::vector<std::string>& warnings);

}  // namespace mcusim
