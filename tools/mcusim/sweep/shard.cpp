// tools/mcusim/sweep/shard.cpp — see shard.hpp.
#include "tools/mcusim/sweep/shard.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace mcusim::cli::sweep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_sweep(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_bad_input("give --merge the sweep.json of each shard", "cannot read {}", file.string());
  std::ostringstream text;
  text << in.rdbuf();
  json sweep = json::parse(text.str(), nullptr, false);
  if (sweep.is_discarded() || !sweep.is_object() || sweep.value("schema", std::string()) != kSweepSchema) {
    throw_bad_input("give --merge the sweep.json files `mcusim sweep --shard K/N -o DIR` wrote",
                    "{} is not a sweep file (no \"schema\": \"{}\")", file.string(), kSweepSchema);
  }
  for (const char* key : {"axes", "points", "budget", "settings", "point_count", "shard"}) {
    if (!sweep.contains(key)) throw_bad_input("write it again with mcusim sweep", "{} has no \"{}\"", file.string(), key);
  }
  return sweep;
}

// "4, 7 and 9" — at most a few, then how many more.
std::string index_list(const std::vector<std::uint64_t>& indices) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(indices.size(), 8);
  for (std::size_t i = 0; i < shown; ++i) text += fmt::format("{}{}", i == 0 ? "" : ", ", indices[i]);
  if (indices.size() > shown) text += fmt::format(" and {} more", indices.size() - shown);
  return text;
}

}  // namespace

ShardSpec parse_shard(std::string_view text) {
  ShardSpec shard;
  const auto slash = text.find('/');
  auto number = [&](std::string_view part, std::uint64_t& into) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), into);
    return error == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (slash == std::string_view::npos || !number(text.substr(0, slash), shard.k) ||
      !number(text.substr(slash + 1), shard.n) || shard.n == 0 || shard.k == 0 || shard.k > shard.n) {
    throw Error(ErrorKind::Usage, fmt::format("--shard {} is not K/N with 1 <= K <= N", text),
                "shards count from 1: --shard 1/3, --shard 2/3 and --shard 3/3 together run every point");
  }
  return shard;
}

std::vector<std::uint64_t> shard_indices(std::uint64_t point_count, const std::optional<ShardSpec>& shard) {
  std::vector<std::uint64_t> indices;
  const std::uint64_t first = shard ? shard->k - 1 : 0;
  const std::uint64_t step = shard ? shard->n : 1;
  for (std::uint64_t i = first; i < point_count; i += step) indices.push_back(i);
  return indices;
}

json merge_shards(std::span<const fs::path> files) {
  if (files.empty()) throw Error(ErrorKind::Usage, "--merge needs the shard files", "--merge s1/sweep.json s2/sweep.json ...");
  const json first = read_sweep(files[0]);
  std::map<std::uint64_t, std::pair<json, std::size_t>> points;  // index -> point, file it came from
  for (std::size_t f = 0; f < files.size(); ++f) {
    const json sweep = f == 0 ? first : read_sweep(files[f]);
    for (const char* key : {"axes", "settings", "budget", "point_count"}) {
      if (sweep.at(key) != first.at(key)) {
        throw_bad_input("merge the shards of one sweep: the same grid, options and budget, with --shard K/N for each K",
                        "{} and {} are shards of different sweeps: their \"{}\" differ", files[0].string(),
                        files[f].string(), key);
      }
    }
    for (const json& point : sweep.at("points")) {
      const auto index = point.at("index").get<std::uint64_t>();
      const auto [at, added] = points.emplace(index, std::pair{point, f});
      if (!added) {
        throw_bad_input("give each shard once; shards of one --shard K/N split never share a point",
                        "point {} is in both {} and {}", index, files[at->second.second].string(), files[f].string());
      }
    }
  }
  const Grid grid = grid_from_json(first.at("axes"));
  const std::uint64_t count = first.at("point_count").get<std::uint64_t>();
  std::vector<std::uint64_t> missing;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!points.contains(i)) missing.push_back(i);
  }
  if (!missing.empty() || points.size() != count) {
    throw_bad_input("merge every shard, 1/N to N/N (a shard that failed must be run again)",
                    "points {} ({} of {}) are in none of the {} files", index_list(missing), missing.size(), count,
                    files.size());
  }
  std::vector<json> merged;
  merged.reserve(points.size());
  for (auto& [index, entry] : points) merged.push_back(std::move(entry.first));
  return sweep_document(grid, std::move(merged), first.at("budget"), first.at("settings"), std::nullopt);
}

}  // namespace mcusim::cli::sweep
