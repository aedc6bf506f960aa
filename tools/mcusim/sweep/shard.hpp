// tools/mcusim/sweep/shard.hpp — one sweep split over CI jobs or a batch
// scheduler's array tasks, and joined again.
//
//   mcusim sweep ... --shard 2/3 -o s2     # points i with i % 3 == 1
//   mcusim sweep --merge s1/sweep.json s2/sweep.json s3/sweep.json -o all
//
// K is 1-based (1..N), as array-task and matrix indices usually are: shard K
// of N runs the grid's points i with i % N == K - 1. The merged outputs are
// byte for byte those of the unsharded run.
#pragma once

#include "tools/mcusim/sweep/sweep_output.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace mcusim::cli::sweep {

// "K/N" with 1 <= K <= N. Throws mcusim::Error (Usage) otherwise.
ShardSpec parse_shard(std::string_view text);

// The grid's point indices a shard runs (all of them without one), rising.
std::vector<std::uint64_t> shard_indices(std::uint64_t point_count, const std::optional<ShardSpec>& shard);

// Joins shard files (sweep.json of mcusim.sweep/1) into the unsharded
// document. Throws mcusim::Error (BadInput, exit 2) for a file that is not a
// sweep, shards of different sweeps (axes, settings or budget differ), a
// point in two files, or points in none (naming them).
nlohmann::json merge_shards(std::span<const std::filesystem::path> files);

}  // namespace mcusim::cli::sweep
